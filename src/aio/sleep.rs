//! `asyncio.sleep` (the loop keeps running) and `time.sleep` (the loop is held).

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use super::error::{PyErr, PyResult};
use super::event_loop::TimerHandle;
use super::future::{PyFuture, Wait};
use super::task::{current_task_id, get_running_loop, take_cancel_request};
use crate::trace::{EventKind, WaitOn};

/// `await asyncio.sleep(seconds)`, seconds in tutorial seconds.
pub fn sleep(seconds: f64) -> Sleep {
    Sleep { seconds, state: SleepState::Start }
}

enum SleepState {
    Start,
    /// `sleep(0)`: CPython yields once, rescheduling the task for the next batch.
    Yielded,
    Waiting { wait: Wait<()>, timer: Rc<TimerHandle> },
    Done,
}

pub struct Sleep {
    seconds: f64,
    state: SleepState,
}

impl Future for Sleep {
    type Output = PyResult<()>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<PyResult<()>> {
        let this = self.get_mut();
        match &mut this.state {
            SleepState::Start => {
                let lp = match get_running_loop() {
                    Ok(lp) => lp,
                    Err(err) => return Poll::Ready(Err(err)),
                };
                if this.seconds <= 0.0 {
                    this.state = SleepState::Yielded;
                    lp.rt().record(current_task_id(), EventKind::Waits(WaitOn::Sleep(0.0)));
                    cx.waker().wake_by_ref();
                    return Poll::Pending;
                }
                let fut = PyFuture::new(&lp);
                let on_time = fut.clone();
                // `_set_result_unless_cancelled`: the timer only completes a future still pending.
                let timer = lp.call_later(this.seconds, move || {
                    on_time.set_result(());
                });
                let canceller = Rc::new(fut.clone());
                let wait = fut.wait(canceller, WaitOn::Sleep(this.seconds));
                this.state = SleepState::Waiting { wait, timer };
                Pin::new(this).poll(cx)
            }
            SleepState::Yielded => {
                this.state = SleepState::Done;
                if take_cancel_request() {
                    Poll::Ready(Err(PyErr::Cancelled))
                } else {
                    Poll::Ready(Ok(()))
                }
            }
            SleepState::Waiting { wait, timer } => match Pin::new(wait).poll(cx) {
                Poll::Ready(outcome) => {
                    timer.cancel();
                    this.state = SleepState::Done;
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
