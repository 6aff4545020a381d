//! Where scenario code waits: every awaitable of this module remembers the line of the scenario
//! that called it, and the trace records that line with each wait, so the page can show which
//! line each task is at (and, through a table recorded from CPython, the same line in Python).

use std::cell::RefCell;
use std::future::Future;
use std::panic::Location;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::trace::Site;

thread_local! {
    /// The call sites of the awaitables being polled, innermost last.
    static POLLING: RefCell<Vec<Site>> = const { RefCell::new(Vec::new()) };
}

impl Site {
    /// The scenario line that called the `#[track_caller]` function this is called from; none for
    /// calls from inside this module, which are an awaitable's own machinery, not a place in the
    /// program.
    #[track_caller]
    pub(crate) fn of_caller() -> Option<Site> {
        let location = Location::caller();
        (!location.file().replace('\\', "/").starts_with("src/aio/")).then_some(Site(location))
    }
}

/// The innermost scenario line being awaited now: where the task that is about to wait waits.
pub(crate) fn current_site() -> Option<Site> {
    POLLING.with(|sites| sites.borrow().last().copied())
}

/// Runs `poll` with `site` as the current site (if there is one).
fn polling_at<R>(site: Option<Site>, poll: impl FnOnce() -> R) -> R {
    /// Pops on the way out, also when the poll unwinds.
    struct Popped;
    impl Drop for Popped {
        fn drop(&mut self) {
            POLLING.with(|sites| sites.borrow_mut().pop());
        }
    }
    let Some(site) = site else { return poll() };
    POLLING.with(|sites| sites.borrow_mut().push(site));
    let _popped = Popped;
    poll()
}

pin_project_lite::pin_project! {
    /// An awaitable that knows the scenario line it was called from.
    pub struct Sited<F> {
        site: Option<Site>,
        #[pin]
        inner: F,
    }
}

impl<F> Sited<F> {
    /// Wraps `inner` with the caller's site: call it from a `#[track_caller]` function.
    #[track_caller]
    pub(crate) fn here(inner: F) -> Sited<F> {
        Sited { site: Site::of_caller(), inner }
    }
}

impl<F: Future> Future for Sited<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        polling_at(*this.site, || this.inner.poll(cx))
    }
}
