//! A run on the page's event loop, held as a handle: dropping the handle cancels the run at once.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::task::Poll;

use super::clock::BrowserClock;
use crate::aio::{drive, LocalBoxFuture, Program};
use crate::trace::{Event, RunOutcome};

struct Slot {
    future: RefCell<Option<LocalBoxFuture<RunOutcome>>>,
    cancelled: Cell<bool>,
}

/// A program running on the browser's event loop.
#[must_use = "a run is cancelled when its handle is dropped"]
pub struct RunHandle {
    slot: Rc<Slot>,
}

impl RunHandle {
    /// Starts `program` at `speed`; `on_event` sees each event as it happens, `on_done` the outcome.
    pub fn start(
        program: Program,
        speed: f64,
        on_event: impl Fn(&Event) + 'static,
        on_done: impl FnOnce(RunOutcome) + 'static,
    ) -> RunHandle {
        let clock = Rc::new(BrowserClock::new(speed));
        let run = drive(clock, program, Rc::new(on_event));
        let slot = Rc::new(Slot { future: RefCell::new(Some(Box::pin(run))), cancelled: Cell::new(false) });
        let polled = slot.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = std::future::poll_fn(|cx| {
                let mut future = polled.future.borrow_mut();
                let Some(run) = future.as_mut() else { return Poll::Ready(None) };
                let poll = run.as_mut().poll(cx);
                if polled.cancelled.get() {
                    // Cancelled from inside its own poll (an observer reacted): end it now.
                    future.take();
                    return Poll::Ready(None);
                }
                match poll {
                    Poll::Ready(outcome) => {
                        future.take();
                        Poll::Ready(Some(outcome))
                    }
                    Poll::Pending => Poll::Pending,
                }
            })
            .await;
            if let Some(outcome) = outcome {
                on_done(outcome);
            }
        });
        RunHandle { slot }
    }
}

impl Drop for RunHandle {
    fn drop(&mut self) {
        self.slot.cancelled.set(true);
        // Drop the run now, unless it is the one polling (then it ends itself after this poll).
        if let Ok(mut future) = self.slot.future.try_borrow_mut() {
            future.take();
        }
    }
}
