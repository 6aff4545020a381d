//! Figures for `scripts/bench`, in headless Chromium. Built only with the `bench` feature, which
//! `scripts/bench` turns on: a benchmark prints, it does not judge, so no test layer runs it.
#![cfg(all(target_arch = "wasm32", feature = "bench"))]

use std::cell::Cell;
use std::rc::Rc;

use coroutine_playground::lesson::params::Params;
use coroutine_playground::scenarios;
use coroutine_playground::trace::{EventKind, Exit, RunOutcome, WaitOn};
use coroutine_playground::web::clock::performance_now;
use coroutine_playground::web::run::RunHandle;
use futures::channel::oneshot;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The module's linear memory: it only grows (in 64 KiB pages), so it is the allocator's high-water
/// mark, including whatever it keeps free.
fn wasm_bytes() -> u32 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length()
}

/// many-tasks (`gather` of `n` tasks that each sleep `delay` s) on the page's clock at x1: its
/// outcome, and `on_sleep` told each time a task starts to sleep.
async fn many_tasks(n: usize, delay: f64, on_sleep: impl Fn() + 'static) -> RunOutcome {
    let scenario = scenarios::find("many-tasks").expect("many-tasks is in the catalogue");
    // The page fetches a lesson's programs when it shows the lesson; here, all at once.
    scenarios::load_every_program();
    let mut params = Params::defaults(scenario.params);
    params.set("n", n as f64);
    params.set("delay", delay);
    let (done, outcome) = oneshot::channel();
    let handle = RunHandle::start(
        scenario.variants[0].program()(&params),
        1.0,
        move |event| {
            if let EventKind::Waits(WaitOn::Sleep(_), _) = event.kind {
                on_sleep();
            }
        },
        move |outcome| {
            let _ = done.send(outcome);
        },
    );
    let outcome = outcome.await.expect("the run finishes");
    drop(handle);
    assert_eq!(outcome.exit, Exit::Ok);
    outcome
}

/// many-tasks with 10,000 tasks: the memory the module takes while they all sleep at once.
#[wasm_bindgen_test]
async fn bench_memory_of_ten_thousand_sleeping_tasks() {
    const N: usize = 10_000;
    let before = wasm_bytes();
    let sleeping = Rc::new(Cell::new(0usize));
    let peak = Rc::new(Cell::new(0u32));
    let outcome = {
        let (sleeping, peak) = (sleeping.clone(), peak.clone());
        many_tasks(N, 1.0, move || {
            sleeping.set(sleeping.get() + 1);
            if sleeping.get() == N {
                peak.set(wasm_bytes());
            }
        })
        .await
    };
    let during = peak.get();
    assert_eq!(sleeping.get(), N, "every task slept");
    console_log!(
        "BENCH engine-memory wasm_before={before} wasm_all_sleeping={during} wasm_growth={} trace_events={}",
        during - before,
        outcome.trace.events.len()
    );
}

/// 1,000, 10,000 and 100,000 concurrent 100 ms sleeps: many-tasks on the engine, and the same
/// program in plain JS (async functions awaiting a setTimeout promise, `Promise.all`), taken in
/// turn in one page, three rounds. Wall time from the start to the last result, ms.
#[wasm_bindgen_test]
async fn bench_concurrent_sleeps_against_plain_js() {
    let js_program = js_sys::Function::new_with_args(
        "n",
        "const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
         const work = async (i) => { await sleep(100); return i; };
         const start = performance.now();
         return Promise.all(Array.from({ length: n }, (_, i) => work(i))).then(() => performance.now() - start);",
    );
    for n in [1_000usize, 10_000, 100_000] {
        let (mut engine, mut js) = (Vec::new(), Vec::new());
        for _ in 0..3 {
            let start = performance_now();
            let outcome = many_tasks(n, 0.1, || {}).await;
            engine.push(performance_now() - start);
            assert!(outcome.lines()[0].text.starts_with(&format!("{n} tasks of 0.1 s finished in ")));
            let promise: js_sys::Promise = js_program.call1(&JsValue::NULL, &JsValue::from(n as f64)).unwrap().into();
            js.push(wasm_bindgen_futures::JsFuture::from(promise).await.unwrap().as_f64().unwrap());
        }
        let runs = |v: &[f64]| v.iter().map(|ms| format!("{ms:.0}")).collect::<Vec<_>>().join(",");
        console_log!("BENCH sleeps n={n} engine_runs={} js_runs={}", runs(&engine), runs(&js));
    }
}
