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
    /// The sites of the coroutine calls being polled ([`call`]), outermost first.
    static CALLS: RefCell<Vec<Site>> = const { RefCell::new(Vec::new()) };
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
/// (Asked at every awaitable a program makes: compared in place, without a copy of either.)
fn in_this_module(path: &str) -> bool {
    let here = file!();
    let folder = &here[..here.rfind(['/', '\\']).map_or(0, |i| i + 1)];
    let same = |a: u8, b: u8| a == b || (matches!(a, b'/' | b'\\') && matches!(b, b'/' | b'\\'));
    path.len() >= folder.len() && path.bytes().zip(folder.bytes()).all(|(a, b)| same(a, b))
}

/// The innermost scenario line being awaited now: where the task that is about to wait waits.
pub(crate) fn current_site() -> Option<Site> {
    POLLING.with(|sites| sites.borrow().last().copied())
}

/// The outermost coroutine call being awaited now ([`call`]): the line, in the task's own
/// coroutine, of the call the task that is about to wait waits inside.
pub(crate) fn current_call() -> Option<Site> {
    CALLS.with(|sites| sites.borrow().first().copied())
}

type Stack = std::thread::LocalKey<RefCell<Vec<Site>>>;

/// Runs `poll` with `site` pushed on `stack` (if there is one).
fn polling_at<R>(stack: &'static Stack, site: Option<Site>, poll: impl FnOnce() -> R) -> R {
    /// Pops on the way out, also when the poll unwinds.
    struct Popped(&'static Stack);
    impl Drop for Popped {
        fn drop(&mut self) {
            self.0.with(|sites| sites.borrow_mut().pop());
        }
    }
    let Some(site) = site else { return poll() };
    stack.with(|sites| sites.borrow_mut().push(site));
    let _popped = Popped(stack);
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
        polling_at(&POLLING, *this.site, || this.inner.poll(cx))
    }
}

pin_project_lite::pin_project! {
    /// A coroutine call awaited directly by the coroutine that makes it: see [`call`].
    pub struct Call<F> {
        site: Option<Site>,
        #[pin]
        inner: F,
    }
}

/// `await say_after(1, 'hello')`: marks a coroutine call that the caller awaits at once, so that
/// the trace knows which call each wait inside it belongs to ([`Trace::in_calls`]): what
/// `model::mistakes` needs to tell waits from separate calls (which tasks could overlap) from the
/// waits of one call. CPython's harness reports the same from the task's own frame. A Rust
/// future awaited without it runs the same; its waits are only not known to be in a call.
///
/// [`Trace::in_calls`]: crate::trace::Trace::in_calls
#[track_caller]
pub fn call<F: Future>(inner: F) -> Call<F> {
    Call { site: Site::of_caller(), inner }
}

impl<F: Future> Future for Call<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        polling_at(&CALLS, *this.site, || this.inner.poll(cx))
    }
}

pin_project_lite::pin_project! {
    /// A coroutine object: see [`coroutine`].
    pub struct Coroutine<F> {
        name: &'static str,
        site: Option<Site>,
        polled: bool,
        #[pin]
        inner: F,
    }

    impl<F> PinnedDrop for Coroutine<F> {
        fn drop(this: Pin<&mut Self>) {
            let this = this.project();
            if !*this.polled {
                if let Some(rt) = super::event_loop::Runtime::current() {
                    rt.dropped_unawaited(this.name, *this.site);
                }
            }
        }
    }
}

/// `coro = say_after(1, 'hello')`: a coroutine object made here. A Rust future left unpolled
/// is dropped in silence; this one, dropped without ever being awaited, is recorded in the trace
/// ([`Trace::never_awaited`]) as CPython warns of it (`RuntimeWarning: coroutine 'say_after' was
/// never awaited`). Awaited, it is the future itself.
///
/// [`Trace::never_awaited`]: crate::trace::Trace::never_awaited
#[track_caller]
pub fn coroutine<F: Future>(inner: F) -> Coroutine<F> {
    Coroutine { name: super::task::coroutine_name::<F>(), site: Site::of_caller(), polled: false, inner }
}

impl<F: Future> Future for Coroutine<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        *this.polled = true;
        this.inner.poll(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::in_this_module;

    #[test]
    fn the_engines_own_files_are_told_from_a_scenarios() {
        assert!(in_this_module(file!()));
        assert!(in_this_module(&file!().replace("site.rs", "task.rs")));
        assert!(in_this_module(&file!().replace('/', "\\")), "a Windows path of the same file");
        assert!(!in_this_module("src"));
        assert!(!in_this_module("src/scenarios/say_after.rs"));
        assert!(!in_this_module("src/aio_extra/x.rs"));
    }
}
