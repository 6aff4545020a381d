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
        (!in_this_module(location.file())).then_some(Site::Rust(location))
    }
}

/// Whether a source path is in this module's folder: the folder of this very file, as the
/// compiler names it (`src/aio/site.rs`), so moving or renaming the module cannot break it.
fn in_this_module(path: &str) -> bool {
    let here = file!();
    let folder = &here[..here.rfind(['/', '\\']).map_or(0, |i| i + 1)];
    let (path, folder) = (path.replace('\\', "/"), folder.replace('\\', "/"));
    path.starts_with(&folder)
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

#[cfg(test)]
mod tests {
    use super::in_this_module;

    #[test]
    fn the_engines_own_files_are_told_from_a_scenarios() {
        assert!(in_this_module(file!()));
        assert!(in_this_module(&file!().replace("site.rs", "task.rs")));
        assert!(!in_this_module("src/scenarios/say_after.rs"));
        assert!(!in_this_module("src/aio_extra/x.rs"));
    }
}
