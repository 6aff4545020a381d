//! `asyncio.sleep` (the loop keeps running) and `time.sleep` (the loop is held).

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use super::error::{PyErr, PyResult};
use super::event_loop::{Label, TimerHandle};
use super::future::{PyFuture, Wait};
use super::site::{current_site, Sited};
use super::task::{current_task_id, get_running_loop, take_cancel_request};
use crate::trace::{EventKind, WaitOn};

/// `await asyncio.sleep(seconds)`, seconds in tutorial seconds.
#[track_caller]
pub fn sleep(seconds: f64) -> Sited<Sleep> {
    Sited::here(Sleep { seconds, state: SleepState::Start })
}

enum SleepState {
    Start,
    /// `sleep(0)`: CPython yields once, rescheduling the task for the next batch.
    Yielded,
    Waiting {
        wait: Wait<()>,
        timer: Rc<TimerHandle>,
    },
    Done,
}

pub struct Sleep {
    seconds: f64,
    state: SleepState,
}

impl Future for Sleep {
    type Output = PyResult<()>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<PyResult<()>> {
        self.get_mut().step(cx)
    }
}

impl Sleep {
    fn step(&mut self, cx: &mut Context<'_>) -> Poll<PyResult<()>> {
        match &mut self.state {
            SleepState::Start => {
                let lp = match get_running_loop() {
                    Ok(lp) => lp,
                    Err(err) => return Poll::Ready(Err(err)),
                };
                if self.seconds <= 0.0 {
                    self.state = SleepState::Yielded;
                    lp.rt().record(current_task_id(), EventKind::Waits(WaitOn::Sleep(0.0), current_site()));
                    cx.waker().wake_by_ref();
                    return Poll::Pending;
                }
                let fut = PyFuture::new(&lp);
                let on_time = fut.clone();
                // `_set_result_unless_cancelled`: the timer only completes a future still pending.
                // `_set_result_unless_cancelled`, which wakes the task that awaits the sleep.
                let timer = lp.call_later(self.seconds, Label::Wakes(current_task_id()), move || {
                    on_time.set_result(());
                });
                let canceller = fut.canceller();
                let wait = fut.wait(canceller, WaitOn::Sleep(self.seconds));
                self.state = SleepState::Waiting { wait, timer };
                self.step(cx)
            }
            SleepState::Yielded => {
                self.state = SleepState::Done;
                if take_cancel_request() {
                    Poll::Ready(Err(PyErr::Cancelled))
                } else {
                    Poll::Ready(Ok(()))
                }
            }
            SleepState::Waiting { wait, timer } => match Pin::new(wait).poll(cx) {
                Poll::Ready(outcome) => {
                    timer.cancel();
                    self.state = SleepState::Done;
                    Poll::Ready(outcome)
                }
                Poll::Pending => Poll::Pending,
            },
            SleepState::Done => Poll::Ready(Ok(())),
        }
    }
}

impl Drop for Sleep {
    /// `finally: h.cancel()`: a sleep abandoned by cancellation leaves no timer behind.
    fn drop(&mut self) {
        if let SleepState::Waiting { timer, .. } = &self.state {
            timer.cancel();
        }
    }
}
