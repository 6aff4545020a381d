//! In headless Chromium: the page's real event loop, and the engine running on it.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use coroutine_playground::aio::virtual_clock::run_virtual;
use coroutine_playground::aio::Io;
use coroutine_playground::aio::{gather, live_counts, run, sleep, PyResult};
use coroutine_playground::lesson::params::Params;
use coroutine_playground::scenarios;
use coroutine_playground::trace::{Distortion, EventKind, Exit, RunOutcome, Stream};
use coroutine_playground::web::clock::{live_browser_timers, performance_now};
use coroutine_playground::web::parts::{set_loaders, Loaders, Part, RunOnCpython};
use coroutine_playground::web::run::RunHandle;
use futures::channel::oneshot;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen_futures::spawn_local;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn two_sleeps_spawned_together_overlap() {
    let start = performance_now();
    let (first_tx, first) = oneshot::channel();
    let (second_tx, second) = oneshot::channel();
    spawn_local(async move {
        TimeoutFuture::new(100).await;
        first_tx.send(performance_now()).unwrap();
    });
    spawn_local(async move {
        TimeoutFuture::new(100).await;
        second_tx.send(performance_now()).unwrap();
    });
    let end = first.await.unwrap().max(second.await.unwrap());
    let elapsed = end - start;
    assert!((100.0..170.0).contains(&elapsed), "two concurrent 100 ms sleeps took {elapsed:.1} ms");
}

#[wasm_bindgen_test]
async fn sleeps_awaited_one_after_the_other_add_up() {
    let start = performance_now();
    TimeoutFuture::new(100).await;
    TimeoutFuture::new(100).await;
    let elapsed = performance_now() - start;
    assert!((200.0..270.0).contains(&elapsed), "two sequential 100 ms sleeps took {elapsed:.1} ms");
}

/// What the app's bin hands the library (`src/main.rs`), without its split points: here the
/// library runs alone, its code all in one module, so each loader gives what it names at once.
fn in_place() -> Loaders {
    use coroutine_playground::app::lazy::views;
    use coroutine_playground::web::{cpython, embed, io, worker};
    use std::future::ready;
    Loaders {
        part: |part| {
            Box::pin(ready(Ok(match part {
                Part::Code => views::code,
                Part::Timeline => views::timeline,
                Part::Inspector => views::inspector,
                Part::Predict => views::predict,
                Part::EmbedCode => views::embed_code,
                Part::Editor => views::editor,
                Part::CpythonDone => views::cpython_done,
                Part::ReplayGraph => views::replay_graph,
                Part::Exports => views::exports,
            })))
        },
        lesson: |id| Box::pin(ready(Ok(scenarios::every_program(id)))),
        cpython: || Box::pin(ready(Ok(cpython::run_now as RunOnCpython))),
        reader: || Box::pin(ready(Ok(embed::COMMANDS))),
        threads: || Box::pin(ready(Ok(worker::THREADS))),
        io: || Box::pin(ready(Ok(&io::BROWSER_IO as &'static dyn Io))),
    }
}

/// Runs a program on the page's loop and waits for its outcome.
async fn run_on_page(program: coroutine_playground::aio::Program, speed: f64) -> RunOutcome {
    set_loaders(in_place());
    let (done, outcome) = oneshot::channel();
    let handle = RunHandle::start(
        program,
        speed,
        |_| {},
        move |o| {
            let _ = done.send(o);
        },
    );
    let outcome = outcome.await.expect("the run finishes");
    drop(handle);
    outcome
}

/// Clock times and measured durations printed by the demos differ between runs (in their number
/// of digits too, and a tiny duration prints as `1.9e-05`); everything else must be equal. Each
/// run of digits becomes one `#`, and a float's exponent is dropped.
fn masked(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if !c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('#') {
            out.push('#');
        }
    }
    out.replace("#.#e-#", "#.#")
}

#[wasm_bindgen_test]
async fn every_say_after_variant_prints_on_the_page_what_the_virtual_clock_predicts() {
    const SPEED: f64 = 20.0;
    let scenario = scenarios::find("say-after").unwrap();
    // The page fetches a lesson's programs when it shows the lesson; here, all at once.
    scenarios::load_every_program();
    let params = Params::defaults(scenario.params);
    for variant in scenario.variants {
        let predicted = run_virtual(variant.program()(&params), SPEED, 0.0);
        let measured = run_on_page(variant.program()(&params), SPEED).await;
        let texts = |o: &RunOutcome| o.lines().iter().map(|l| masked(&l.text)).collect::<Vec<_>>();
        assert_eq!(texts(&measured), texts(&predicted), "{}: order", variant.name);
        assert_eq!(measured.exit, Exit::Ok);
        // Real milliseconds against the ideal: timers may fire a little late, never early.
        for (got, want) in measured.lines().iter().zip(predicted.lines()) {
            let ideal_ms = want.t * 1000.0 / SPEED;
            let late = got.ms - ideal_ms;
            assert!(
                (-0.5..25.0).contains(&late),
                "{}: {:?} at {:.1} ms, ideal {ideal_ms} ms",
                variant.name,
                got.text,
                got.ms
            );
        }
        let elapsed = measured.elapsed_ms * SPEED / 1000.0;
        assert!(
            (elapsed - predicted.elapsed).abs() < 0.5,
            "{}: elapsed {elapsed:.3} s, predicted {} s",
            variant.name,
            predicted.elapsed
        );
        console_log!(
            "{}: measured {:.1} ms, ideal {:.1} ms",
            variant.name,
            measured.elapsed_ms,
            predicted.elapsed * 1000.0 / SPEED
        );
    }
}

#[wasm_bindgen_test]
async fn dropping_a_run_mid_way_leaves_no_task_loop_or_timer_and_prints_nothing_more() {
    let scenario = scenarios::find("say-after").unwrap();
    // The page fetches a lesson's programs when it shows the lesson; here, all at once.
    scenarios::load_every_program();
    let program = scenario.variant("sequential").unwrap().program()(&Params::defaults(scenario.params));
    let printed = Rc::new(Cell::new(0));
    let counter = printed.clone();
    let handle = RunHandle::start(
        program,
        20.0,
        move |event| {
            if let EventKind::Printed(text) = &event.kind {
                assert_ne!(text, "world", "a cancelled run printed");
                counter.set(counter.get() + 1);
            }
        },
        |_| panic!("a cancelled run finished"),
    );
    // Mid-run: "started" and "hello" (at 50 ms) are printed, "world" is due at 150 ms.
    TimeoutFuture::new(80).await;
    assert_eq!(printed.get(), 2);
    assert_eq!(live_browser_timers(), 1, "one browser timer for the loop's earliest deadline");
    assert!(live_counts().0 > 0 && live_counts().1 > 0);
    drop(handle);
    assert_eq!(live_browser_timers(), 0, "browser timers left after cancelling");
    assert_eq!(live_counts(), (0, 0), "tasks and loops left after cancelling");
    // Past the time "world" and the end were due: the callbacks above would panic.
    TimeoutFuture::new(150).await;
    assert_eq!(printed.get(), 2);
}

async fn many_sleeps(n: usize, seconds: f64) -> PyResult<()> {
    let done = gather((0..n).map(|_| sleep(seconds)).collect::<Vec<_>>())?.await?;
    assert_eq!(done.len(), n);
    Ok(())
}

/// The cost figure of the engine issue: 10,000 concurrent 100 ms sleeps, against plain JS.
#[wasm_bindgen_test]
async fn ten_thousand_concurrent_sleeps_finish_together() {
    const N: usize = 10_000;
    let start = performance_now();
    let outcome = run_on_page(Box::pin(run(many_sleeps(N, 0.1))), 1.0).await;
    let engine_ms = performance_now() - start;
    assert_eq!(outcome.exit, Exit::Ok);
    let finished = outcome.trace.events.iter().filter(|e| matches!(e.kind, EventKind::Finished(_))).count();
    assert_eq!(finished, N + 3, "every sleeper, main and the two shutdown steps finished");
    assert_eq!(live_counts(), (0, 0));

    let start = performance_now();
    let all =
        js_sys::eval("Promise.all(Array.from({length: 10000}, () => new Promise(r => setTimeout(r, 100))))").unwrap();
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(all)).await.unwrap();
    let js_ms = performance_now() - start;
    console_log!("10,000 concurrent 100 ms sleeps: engine {engine_ms:.0} ms, plain JS Promise.all {js_ms:.0} ms");
}

async fn late_timer(blocking: f64) -> PyResult<()> {
    let lp = coroutine_playground::aio::get_running_loop()?;
    let timer = lp.call_later(0.5, coroutine_playground::aio::Label::Named("timer"), || {
        coroutine_playground::aio::print("timer")
    });
    sleep(0.1).await?;
    coroutine_playground::aio::time_sleep(blocking);
    coroutine_playground::aio::print("unblocked");
    sleep(1.0).await?;
    drop(timer);
    Ok(())
}

/// A blocking call really holds the page: a timer due during it fires only after it, late by
/// about the blocked time, and real time passes for it.
#[wasm_bindgen_test]
async fn a_timer_due_during_a_blocking_call_fires_late_by_about_the_block() {
    const SPEED: f64 = 10.0;
    let outcome = run_on_page(run(late_timer(1.0)), SPEED).await;
    let lines = outcome.lines();
    let texts: Vec<_> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, ["unblocked", "timer"]);
    // Due at 0.5 s (50 ms real); the block ran from 0.1 s to 1.1 s (10 ms to 110 ms real).
    let late_ms = lines[1].ms - 50.0;
    assert!((55.0..90.0).contains(&late_ms), "the timer fired {late_ms:.1} ms late, expected about 60 ms");
    assert!(lines[0].ms >= 108.0, "the block ended at {:.1} ms, before its 100 ms", lines[0].ms);
    console_log!("a timer due during a 100 ms freeze fired {late_ms:.1} ms late");
}

use coroutine_playground::aio::{fetch_text, print, read_file, Modelled};

/// The virtual model's answer for requests below: the page must print the real one instead.
fn unused_model() -> Modelled {
    Modelled { seconds: 1.0, answer: Ok("model".into()) }
}

async fn fetch_and_count(url: String) -> PyResult<()> {
    let text = fetch_text(&url, unused_model()).await?;
    print(format!("{} {}", text.chars().count(), text));
    Ok(())
}

/// A fetch is a real request whose completion joins the loop in real time: the text is the
/// response's (counted in characters, as Python's len() counts), and the driver waits for it
/// instead of declaring that nothing can wake the loop.
#[wasm_bindgen_test]
async fn a_fetch_on_the_page_reads_the_real_response_in_real_time() {
    // The test page serves none of our files; a data: URL is fetched like any other.
    let text = "欢迎来到异步世界！async";
    let url = format!("data:text/plain;charset=utf-8,{}", js_sys::encode_uri_component(text));
    let outcome = run_on_page(run(fetch_and_count(url)), 1.0).await;
    assert_eq!(outcome.exit, Exit::Ok);
    let lines = outcome.lines();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].text, format!("14 {text}"));
    assert!(lines[0].t > 0.0 && lines[0].t < 1.0, "the response arrived at {} s, in real time", lines[0].t);
    assert_eq!(live_counts(), (0, 0));
}

/// A request the browser refuses raises OSError with the browser's reason, at once, and the
/// run ends as Python's would with it uncaught.
#[wasm_bindgen_test]
async fn a_request_the_browser_refuses_raises_os_error_with_its_reason() {
    // Port 1 is on every browser's list of ports it never connects to: nothing leaves the machine.
    let outcome = run_on_page(run(fetch_and_count("http://127.0.0.1:1/".into())), 1.0).await;
    let lines = outcome.lines();
    assert!(lines.iter().all(|l| l.stream == Stream::Stderr), "nothing printed: {lines:?}");
    match &outcome.exit {
        Exit::Exception(line) => {
            assert!(line.starts_with("OSError: TypeError: "), "ended with {line:?}");
            assert_eq!(lines.iter().map(|l| &l.text).collect::<Vec<_>>(), [line], "its traceback's last line");
        }
        other => panic!("a refused request ended the run with {other:?}"),
    }
    assert!(outcome.elapsed < 1.0, "the refusal took {} s", outcome.elapsed);
}

async fn read_back(name: &'static str) -> PyResult<()> {
    print(read_file(name, 1.0).await?);
    Ok(())
}

/// aiofiles-write-read writes a real file to the page's private file system: the page prints
/// what the prediction prints, and a later run, whose model would find no such file, reads it.
#[wasm_bindgen_test]
async fn the_written_file_is_real_and_outlives_the_run() {
    let scenario = scenarios::find("aiofiles-write-read").unwrap();
    // The page fetches a lesson's programs when it shows the lesson; here, all at once.
    scenarios::load_every_program();
    let params = Params::defaults(scenario.params);
    let variant = &scenario.variants[0];
    let predicted = run_virtual(variant.program()(&params), 1.0, 0.0);
    let measured = run_on_page(variant.program()(&params), 1.0).await;
    assert_eq!(measured.exit, Exit::Ok, "{:?}", measured.lines());
    let texts = |o: &RunOutcome| o.lines().iter().map(|l| l.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(&measured), texts(&predicted));
    assert!(measured.elapsed > 0.0 && measured.elapsed < 1.0, "real file I/O took {} s", measured.elapsed);

    assert_eq!(
        run_virtual(run(read_back("sample.txt")), 1.0, 0.0).exit,
        Exit::Exception("FileNotFoundError: [Errno 2] No such file or directory: 'sample.txt'".into())
    );
    let again = run_on_page(run(read_back("sample.txt")), 1.0).await;
    assert_eq!(again.exit, Exit::Ok);
    assert_eq!(texts(&again), ["欢迎来到异步世界！"]);

    let missing = run_on_page(run(read_back("never-written.txt")), 1.0).await;
    match &missing.exit {
        Exit::Exception(line) => {
            assert!(line.starts_with("OSError: NotFoundError") && line.ends_with(": 'never-written.txt'"), "{line:?}")
        }
        other => panic!("reading a missing file ended with {other:?}"),
    }
}

/// Every scenario whose runs stay inside the loop (the worker, fetch and file lessons need the
/// served page: the end-to-end tests cover them), run on the page's real loop at a speed that
/// keeps each run near 300 ms: the same lines in the same order as the virtual clock predicts,
/// the same end, and an elapsed time close to the ideal.
#[wasm_bindgen_test]
async fn every_scenario_runs_on_the_page_as_the_virtual_clock_predicts() {
    use coroutine_playground::trace::WaitOn;
    let mut checked = 0;
    scenarios::load_every_program();
    for scenario in scenarios::CATALOGUE {
        let params = Params::defaults(scenario.params);
        for variant in scenario.variants {
            let ideal = run_virtual(variant.program()(&params), 1.0, 0.0);
            let outside = ideal.trace.events.iter().any(|e| matches!(e.kind, EventKind::Waits(WaitOn::External(_), _)));
            if outside {
                continue;
            }
            let speed = (ideal.elapsed / 0.3).max(20.0);
            let predicted = run_virtual(variant.program()(&params), speed, 0.0);
            let measured = run_on_page(variant.program()(&params), speed).await;
            let texts = |o: &RunOutcome| o.lines().iter().map(|l| masked(&l.text)).collect::<Vec<_>>();
            let what = format!("{} / {} at ×{speed:.0}", scenario.id, variant.name);
            assert_eq!(texts(&measured), texts(&predicted), "{what}: lines and order");
            assert_eq!(measured.exit, predicted.exit, "{what}: end");
            let late_ms = measured.elapsed_ms - predicted.elapsed * 1000.0 / speed;
            // A busy wait (time.sleep) overshoots by up to the browser clock's resolution; the
            // chess master makes 720 of them.
            let blocks = predicted.trace.events.iter().filter(|e| matches!(e.kind, EventKind::Blocked(..))).count();
            let allowed = 60.0 + 0.5 * blocks as f64;
            assert!((-1.0..allowed).contains(&late_ms), "{what}: ended {late_ms:.1} ms after the ideal");
            checked += 1;
        }
    }
    assert_eq!(live_counts(), (0, 0));
    console_log!("{checked} variants ran on the page as predicted");
    assert!(checked >= 40, "only {checked} variants were checked");
}

/// Holds the page's thread from plain JS for `ms`, `after` ms from now: a page too busy to
/// serve its timers, as a throttled or overloaded tab is.
fn jam_the_page(after: u32, ms: u32) {
    let script = format!(
        "setTimeout(() => {{ const end = performance.now() + {ms}; while (performance.now() < end) {{}} }}, {after})"
    );
    js_sys::eval(&script).unwrap();
}

async fn hello_world_at(speed: f64) -> RunOutcome {
    let scenario = scenarios::find("hello-world").unwrap();
    // The page fetches a lesson's programs when it shows the lesson; here, all at once.
    scenarios::load_every_program();
    run_on_page(scenario.variants[0].program()(&Params::defaults(scenario.params)), speed).await
}

/// Honest timing: a run whose timers fire much later than asked is marked distorted, and so is
/// one in a hidden tab; an undisturbed run is not.
#[wasm_bindgen_test]
async fn a_run_with_late_timers_or_in_a_hidden_tab_is_marked_distorted() {
    // World is due 100 ms in; the page is held from 20 ms to 170 ms.
    assert_eq!(hello_world_at(10.0).await.distorted, None, "an undisturbed run");
    jam_the_page(20, 150);
    let late = hello_world_at(10.0).await.distorted.expect("late timers are reported");
    assert!(!late.hidden && late.worst_late_ms > 50.0, "{late:?}");

    // No timer 50 ms late, yet the column ends late: say_after at ×20 (timers due 50 and 150 ms
    // in, each set from the loop's time), the page held until about 40 ms past each.
    let scenario = scenarios::find("say-after").unwrap();
    // The page fetches a lesson's programs when it shows the lesson; here, all at once.
    scenarios::load_every_program();
    let sequential = scenario.variant("sequential").unwrap();
    jam_the_page(10, 80);
    jam_the_page(140, 50);
    let behind = run_on_page(sequential.program()(&Params::defaults(scenario.params)), 20.0).await;
    let behind = behind.distorted.expect("lateness that adds up is reported");
    assert!(behind.total_late_ms > Distortion::BEHIND_MS, "{behind:?}");
    console_log!("say_after at ×20, held about 40 ms past each timer: {behind:?}");

    js_sys::eval("Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' })")
        .unwrap();
    let hidden = hello_world_at(10.0).await.distorted;
    js_sys::eval("delete document.visibilityState").unwrap();
    assert!(hidden.as_ref().is_some_and(|d| d.hidden), "{hidden:?}");
    console_log!("a timer held up by 150 ms of page work fired {:.0} ms late", late.worst_late_ms);
}

/// Messages as the page receives them from another window: objects read, anything else refused,
/// and values nested however deep skipped without recursing (a hostile page cannot crash us).
#[wasm_bindgen_test]
fn posted_messages_are_read_as_commands_and_deep_values_are_skipped() {
    use coroutine_playground::model::embed_api::{Command, Incoming, Rejection, Sent};
    use coroutine_playground::web::embed::read_message;
    let data = |js: &str| js_sys::eval(&format!("({js})")).unwrap();
    assert_eq!(read_message(data("{type: 'run', source: 7}")), Ok(Incoming::Command(Command::Run)));
    assert_eq!(
        read_message(data("{type: 'set-params', params: {hello_delay: 0.5, world_delay: '3'}, speed: 10}")),
        Ok(Incoming::Command(Command::SetParams {
            params: vec![("hello_delay".into(), Sent::Number(0.5)), ("world_delay".into(), Sent::String("3".into()))],
            speed: Some(Sent::Number(10.0)),
        }))
    );
    assert_eq!(read_message(data("[{type: 'run'}]")), Err(Rejection::NotAnObject));
    assert_eq!(read_message(data("'run'")), Err(Rejection::NotAnObject));
    assert_eq!(read_message(data("{type: 'set-params', params: [1]}")), Err(Rejection::ParamsNotAnObject));
    let deep = "(() => { let v = []; for (let i = 0; i < 100000; i++) v = [v]; return v; })()";
    assert_eq!(read_message(data(&format!("{{type: 'run', x: {deep}}}"))), Ok(Incoming::Command(Command::Run)));
    assert_eq!(
        read_message(data(&format!("{{type: 'set-params', params: {{hello_delay: {deep}}}}}"))),
        Ok(Incoming::Command(Command::SetParams { params: vec![("hello_delay".into(), Sent::List)], speed: None }))
    );
}
