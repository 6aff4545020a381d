//! Figures for `scripts/bench`, in headless Chromium. Built only with the `bench` feature, which
//! `scripts/bench` turns on: a benchmark prints, it does not judge, so no test layer runs it.
#![cfg(all(target_arch = "wasm32", feature = "bench"))]

use std::cell::Cell;
use std::rc::Rc;

use coroutine_playground::lesson::params::Params;
use coroutine_playground::scenarios;
use coroutine_playground::trace::{EventKind, Exit, WaitOn};
use coroutine_playground::web::run::RunHandle;
use futures::channel::oneshot;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The module's linear memory: it only grows (in 64 KiB pages), so it is the allocator's high-water
/// mark, including whatever it keeps free.
fn wasm_bytes() -> u32 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length()
}

/// many-tasks with 10,000 tasks: the memory the module takes while they all sleep at once.
#[wasm_bindgen_test]
async fn memory_of_ten_thousand_sleeping_tasks() {
    const N: usize = 10_000;
    let scenario = scenarios::find("many-tasks").expect("many-tasks is in the catalogue");
    // The page fetches a lesson's programs when it shows the lesson; here, all at once.
    scenarios::load_every_program();
    let mut params = Params::defaults(scenario.params);
    params.set("n", N as f64);
    params.set("delay", 1.0);
    let before = wasm_bytes();

    let sleeping = Rc::new(Cell::new(0usize));
    let peak = Rc::new(Cell::new(0u32));
    let (done, outcome) = oneshot::channel();
    let handle = {
        let (sleeping, peak) = (sleeping.clone(), peak.clone());
        RunHandle::start(
            scenario.variants[0].program()(&params),
            1.0,
            move |event| {
                if let EventKind::Waits(WaitOn::Sleep(_), _) = event.kind {
                    sleeping.set(sleeping.get() + 1);
                    if sleeping.get() == N {
                        peak.set(wasm_bytes());
                    }
                }
            },
            move |outcome| {
                let _ = done.send(outcome);
            },
        )
    };
    let outcome = outcome.await.expect("the run finishes");
    drop(handle);
    assert_eq!(outcome.exit, Exit::Ok);
    let during = peak.get();
    assert_eq!(sleeping.get(), N, "every task slept");
    console_log!(
        "BENCH engine-memory wasm_before={before} wasm_all_sleeping={during} wasm_growth={} trace_events={}",
        during - before,
        outcome.trace.events.len()
    );
}
