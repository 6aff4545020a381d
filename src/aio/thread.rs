//! `asyncio.to_thread` and `time.sleep`: a blocking function run outside the loop.
//!
//! A thread job is a plain function of one number (`blocking_task(seconds)`), declared by its
//! scenario. In the browser the worker runs it for real; on the virtual clock it runs at once
//! while its `time.sleep`s are only counted, and its result arrives after the counted time.

use std::cell::Cell;
use std::rc::Rc;

use super::error::{PyErr, PyResult};
use super::event_loop::Runtime;
use super::future::PyFuture;
use super::repr::py_format_g;
use super::site::Sited;
use super::task::{current_task_id, get_running_loop};
use crate::trace::{Site, Speed, WaitOn};

/// A function that may block, runnable on a thread: what `to_thread` takes.
pub struct ThreadJob {
    /// How the worker finds it again: unique across the catalogue.
    pub name: &'static str,
    pub run: fn(f64) -> String,
}

/// How `time.sleep` behaves on the thread that calls it.
#[derive(Clone, Copy)]
enum ThreadClock {
    /// On the virtual clock: add up the seconds slept.
    Counting(f64),
    /// On a real worker: hold it for the seconds at this speed.
    Real { speed: f64, now_ms: fn() -> f64 },
}

thread_local! {
    static THREAD_CLOCK: Cell<Option<ThreadClock>> = const { Cell::new(None) };
}

/// `time.sleep(seconds)`: in a coroutine it holds the loop and every task with it; in a thread
/// job it holds only that thread.
#[track_caller]
pub fn time_sleep(seconds: f64) {
    match THREAD_CLOCK.with(Cell::get) {
        Some(ThreadClock::Counting(slept)) => {
            THREAD_CLOCK.with(|c| c.set(Some(ThreadClock::Counting(slept + seconds))))
        }
        Some(ThreadClock::Real { speed, now_ms }) => {
            let until = now_ms() + Speed(speed).ms(seconds);
            while now_ms() < until {}
        }
        None => {
            let rt = Runtime::current().expect("time_sleep runs inside a program or a thread job");
            rt.block(current_task_id(), seconds, Site::of_caller());
        }
    }
}

/// Runs a job for real, as the worker does: its `time.sleep`s take real time at `speed`.
pub fn run_for_real(job: &ThreadJob, arg: f64, speed: f64, now_ms: fn() -> f64) -> String {
    THREAD_CLOCK.with(|c| c.set(Some(ThreadClock::Real { speed, now_ms })));
    let result = (job.run)(arg);
    THREAD_CLOCK.with(|c| c.set(None));
    result
}

/// Runs a job at once, counting the seconds it sleeps: its result and how long it would take.
fn run_counting(job: &ThreadJob, arg: f64) -> (String, f64) {
    THREAD_CLOCK.with(|c| c.set(Some(ThreadClock::Counting(0.0))));
    let result = (job.run)(arg);
    let slept = match THREAD_CLOCK.with(|c| c.replace(None)) {
        Some(ThreadClock::Counting(slept)) => slept,
        _ => 0.0,
    };
    (result, slept)
}

/// `await asyncio.to_thread(job, arg)`: the loop goes on while the job runs on a thread.
#[track_caller]
pub fn to_thread(job: &'static ThreadJob, arg: f64) -> Sited<impl std::future::Future<Output = PyResult<String>>> {
    Sited::here(coroutine::to_thread(job, arg))
}

/// The coroutine `asyncio.to_thread` is, named as in Python: a task made of it runs `to_thread`.
mod coroutine {
    use super::*;

    pub(super) async fn to_thread(job: &'static ThreadJob, arg: f64) -> PyResult<String> {
        let lp = get_running_loop()?;
        let rt = lp.rt().clone();
        let fut = PyFuture::new(&lp);
        // `wrap_future`'s `_call_check_cancel`, added before the task awaits the future: in
        // CPython it cancels the thread's future if this one is cancelled. Here the job is
        // dropped with the run instead (`wanted` below), but the callback runs when CPython's
        // does, so the loop inspector shows the turn as CPython has it.
        fut.add_named_done_callback("_call_check_cancel", |_| {});
        match rt.host().thread_pool() {
            Some(pool) => {
                let (result, arrived) = (Rc::new(Cell::new(None::<Result<String, String>>)), fut.clone());
                let slot = result.clone();
                let then = rt.start_external("_set_state", move || match slot.take() {
                    Some(Ok(value)) => {
                        arrived.set_result(value);
                    }
                    Some(Err(why)) => {
                        arrived.set_exception(PyErr::runtime_error(why));
                    }
                    None => {}
                });
                let run = Rc::downgrade(&rt);
                let wanted = Box::new(move || run.strong_count() > 0);
                pool.submit(
                    job,
                    arg,
                    wanted,
                    Box::new(move |value| {
                        result.set(Some(value));
                        then();
                    }),
                );
            }
            None => {
                let (value, seconds) = run_counting(job, arg);
                let arrived = fut.clone();
                lp.call_soon_threadsafe_at(lp.time() + seconds, "_set_state", move || {
                    arrived.set_result(value);
                });
            }
        }
        let on = WaitOn::External(format!("to_thread({}, {})", job.name, py_format_g(arg)).into());
        fut.clone().wait(Rc::new(fut), on).await
    }
}
