//! asyncio's vocabulary in Rust, for scenarios that read like the tutorials they come from.
//!
//! Scenario code is written once against this module and runs on either clock: the browser's
//! (the run the learner watches) or the virtual one (the prediction, and the native tests).

mod error;
mod event_loop;
mod future;
mod gather;
mod generator;
mod io;
pub mod pyrandom;
mod repr;
mod site;
mod sleep;
mod sync;
mod task;
mod thread;
pub mod virtual_clock;
mod wait;

use std::future::Future;
use std::task::Poll;

pub use error::{PyErr, PyResult};
pub use event_loop::{drive, live_counts, EventLoop, Host, Label, LocalBoxFuture, Program, ThreadPool, TimerHandle};
pub use future::{Cancel, PyFuture, Wait};
pub use gather::{gather, gather_on, gather_return_exceptions, Gather};
pub use generator::{async_with, AsyncContextManager, AsyncGenerator, Yielder};
pub use io::{fetch_text, read_file, write_file, Io, Modelled};
pub use repr::{py_float, py_format_g, py_number, py_str, PyRepr};
pub use site::{call, coroutine, Call, Coroutine, Sited};
pub use sleep::{sleep, Sleep};
pub use sync::{Event, Queue};
pub use task::{create_task, current_task_name, ensure_future, get_running_loop, Awaitable, Ensured, Task};
pub use thread::{run_for_real, time_sleep, to_thread, ThreadJob};
pub use wait::{as_completed, wait, wait_for, AsCompleted, FutureRef, ReturnWhen};

use event_loop::Runtime;
use task::current_task_id;

fn runtime() -> std::rc::Rc<Runtime> {
    Runtime::current().expect("scenario code runs inside aio::drive")
}

/// `print(text)`: the program's output, stamped on both clocks; text with newlines is several
/// lines, as on Python's stdout.
pub fn print(text: impl Into<String>) {
    let rt = runtime();
    for line in text.into().split('\n') {
        rt.record(current_task_id(), crate::trace::EventKind::Printed(line.to_owned()));
    }
}

/// `print(text, file=sys.stderr)`: a line the program writes to its stderr.
pub fn eprint(text: impl Into<String>) {
    let rt = runtime();
    for line in text.into().split('\n') {
        rt.record(current_task_id(), crate::trace::EventKind::Stderr(line.to_owned()));
    }
}

/// `time.perf_counter()` (or `time.monotonic()`): tutorial seconds since the run started, real
/// time in the browser, the virtual clock's time in a prediction.
pub fn time() -> f64 {
    runtime().host().tutorial_now()
}

/// `time.time()`: seconds since the Unix epoch. Differences of two readings round as CPython's
/// do (`time.time() - tic` prints `0.10000014305114746`, not `0.1`), which `time()` would not.
pub fn wall_time() -> f64 {
    let host = runtime().host().clone();
    host.wall_start() + host.tutorial_now()
}

/// `time.strftime('%X')`: the wall clock, HH:MM:SS.
pub fn strftime_x() -> String {
    let rt = runtime();
    let seconds = (rt.host().wall_start() + rt.host().tutorial_now()).floor() as i64;
    let of_day = seconds.rem_euclid(86_400);
    format!("{:02}:{:02}:{:02}", of_day / 3600, of_day / 60 % 60, of_day % 60)
}

/// `asyncio.new_event_loop()`.
pub fn new_event_loop() -> EventLoop {
    runtime().new_loop()
}

/// `asyncio.get_event_loop()`: the running loop, else the loop set for this thread (made on
/// first use, as Python 3.11 still does outside a running loop).
pub fn get_event_loop() -> EventLoop {
    let rt = runtime();
    rt.running_loop().unwrap_or_else(|| rt.default_loop())
}

/// `asyncio.set_event_loop(lp)`.
pub fn set_event_loop(lp: Option<&EventLoop>) {
    runtime().set_default_loop(lp.cloned());
}

/// `loop.run_forever()`: returns once something calls `loop.stop()`.
pub async fn run_forever(lp: &EventLoop) -> PyResult<()> {
    lp.start_running()?;
    // The driver now runs the loop; this future is polled again once the loop has stopped.
    let mut started = false;
    std::future::poll_fn(move |_| {
        if started {
            Poll::Ready(())
        } else {
            started = true;
            Poll::Pending
        }
    })
    .await;
    Ok(())
}

/// `loop.run_until_complete(aw)`: runs the loop until `aw` is done and returns its outcome.
pub async fn run_until_complete<T: Clone + 'static>(lp: &EventLoop, aw: impl Awaitable<T>) -> PyResult<T> {
    // Checked before `ensure_future`, as CPython does: a closed loop gets no task.
    if let Err(err) = lp.check_closed() {
        task::refused(&aw);
        return Err(err);
    }
    run_until_done(lp, aw.ensure_future(lp)).await
}

/// The body of `run_until_complete`, compiled once per result type rather than per coroutine.
async fn run_until_done<T: Clone + 'static>(lp: &EventLoop, aw: task::Ensured<T>) -> PyResult<T> {
    if lp.is_running() || Runtime::current().is_some_and(|rt| rt.running_loop().is_some()) {
        return Err(PyErr::runtime_error("This event loop is already running"));
    }
    // Its canceller is held for the run: a gather's children live in it, as in Python the
    // gathering future holds them; dropped, the gather could never complete.
    let task::Ensured { future: fut, cancel: _held, .. } = aw;
    let stopper = lp.clone();
    fut.add_named_done_callback("_run_until_complete_cb", move |_| stopper.stop());
    run_forever(lp).await?;
    fut.result().unwrap_or_else(|| Err(PyErr::runtime_error("Event loop stopped before Future completed.")))
}

/// Coroutines `asyncio.run` itself runs, which the timeline leaves out.
pub const INTERNAL_COROUTINES: &[&str] = &["shutdown_asyncgens", "shutdown_default_executor"];

async fn shutdown_asyncgens() -> PyResult<()> {
    Ok(())
}

async fn shutdown_default_executor() -> PyResult<()> {
    Ok(())
}

/// `asyncio.run(main())`: a new loop, `main` run to the end, leftover tasks cancelled, the
/// loop's shutdown steps, and the loop closed — each step costing the loop iterations it costs
/// in CPython 3.11's `asyncio.Runner`.
pub fn run<T, F>(main: F) -> LocalBoxFuture<PyResult<T>>
where
    T: Clone + 'static,
    F: Future<Output = PyResult<T>> + 'static,
{
    // Boxed here so that the body exists once per result type, not once per `main`; the name
    // is read before boxing hides it.
    let name = task::coroutine_name::<F>();
    Box::pin(run_boxed(Box::pin(main), name))
}

async fn run_boxed<T: Clone + 'static>(main: LocalBoxFuture<PyResult<T>>, name: &'static str) -> PyResult<T> {
    let rt = runtime();
    if rt.running_loop().is_some() {
        return Err(PyErr::runtime_error("asyncio.run() cannot be called from a running event loop"));
    }
    let lp = rt.new_loop();
    rt.set_default_loop(Some(lp.clone()));
    let outcome = match lp.check_closed() {
        Ok(()) => run_until_done(&lp, task::spawn_boxed(&lp, main, name).ensure_future(&lp)).await,
        Err(err) => Err(err),
    };
    if let Some(all_cancelled) = task::cancel_all_tasks(&lp) {
        run_until_complete(&lp, all_cancelled).await?;
    }
    // Nothing here has async generators or an executor left to shut down: each step costs the
    // two iterations CPython spends on it.
    run_until_complete(&lp, shutdown_asyncgens()).await?;
    run_until_complete(&lp, shutdown_default_executor()).await?;
    lp.close()?;
    rt.set_default_loop(None);
    outcome
}
