//! `asyncio.gather`: one future over many, completed from the children's done-callbacks exactly as
//! CPython's `_GatheringFuture` is, so that the iteration at which the gatherer resumes matches.

use std::cell::Cell;
use std::future::IntoFuture;
use std::rc::Rc;

use super::error::{PyErr, PyResult};
use super::event_loop::EventLoop;
use super::future::{Cancel, PyFuture, Wait};
use super::get_event_loop;
use super::site::Sited;
use super::task::{Awaitable, Ensured};
use crate::trace::WaitOn;

/// A gather's children and what their done-callbacks share. Owned by what awaits the gather
/// (as what cancelling it cancels), and only weakly by the children's callbacks, so that no cycle
/// outlives a run; each callback holds no more than that (10,000 children, 10,000 callbacks).
struct Children<T: Clone + 'static, R: Clone + 'static> {
    cancellers: Vec<Rc<dyn Cancel>>,
    futures: Vec<PyFuture<T>>,
    finished: Cell<usize>,
    cancel_requested: Cell<bool>,
    return_exceptions: bool,
    collect: fn(Vec<PyResult<T>>) -> PyResult<R>,
    outer: PyFuture<R>,
}

impl<T: Clone + 'static, R: Clone + 'static> Children<T, R> {
    /// `_done_callback`: a child is done.
    fn child_done(&self, fut: &PyFuture<T>) {
        self.finished.set(self.finished.get() + 1);
        if self.outer.done() {
            return;
        }
        if !self.return_exceptions {
            if let Some(Err(err)) = fut.result() {
                self.outer.complete(Err(err));
                return;
            }
        }
        if self.finished.get() == self.futures.len() {
            if self.cancel_requested.get() {
                self.outer.complete(Err(PyErr::Cancelled));
            } else {
                let outcomes = self.futures.iter().map(|f| f.result().expect("every child is done")).collect();
                self.outer.complete((self.collect)(outcomes));
            }
        }
    }
}

/// What cancelling a gather cancels: every child.
impl<T: Clone + 'static, R: Clone + 'static> Cancel for Children<T, R> {
    fn cancel(&self) -> bool {
        if self.outer.done() {
            return false;
        }
        let mut cancelled = false;
        for child in &self.cancellers {
            cancelled |= child.cancel();
        }
        if cancelled {
            self.cancel_requested.set(true);
        }
        cancelled
    }
}

/// The future `gather` returns: await it, or add a done-callback to it.
pub struct Gather<R: Clone + 'static> {
    outer: PyFuture<R>,
    children: Rc<dyn Cancel>,
}

impl<R: Clone + 'static> Gather<R> {
    /// `gather(...).add_done_callback(f)`; `name` is the Python callback's (a closure has none).
    pub fn add_done_callback(&self, name: &'static str, f: impl FnOnce(&PyFuture<R>) + 'static) {
        self.outer.add_named_done_callback(name, f);
    }

    pub fn done(&self) -> bool {
        self.outer.done()
    }
}

impl<R: Clone + 'static> IntoFuture for Gather<R> {
    type Output = PyResult<R>;
    type IntoFuture = Sited<Wait<R>>;

    #[track_caller]
    fn into_future(self) -> Sited<Wait<R>> {
        Sited::here(self.outer.wait(self.children, WaitOn::Future("gather".into())))
    }
}

impl<R: Clone + 'static> Awaitable<R> for Gather<R> {
    fn ensure_future(self, _lp: &EventLoop) -> Ensured<R> {
        Ensured { future: self.outer, cancel: self.children, waits_on: WaitOn::Future("gather".into()) }
    }
}

/// `asyncio.gather(*aws)`: every result in argument order, or the first exception. Outside a
/// running loop it uses the loop `asyncio.get_event_loop()` gives, as Python 3.11 still does
/// (the legacy `loop.run_until_complete(asyncio.gather(...))`).
pub fn gather<T: Clone + 'static>(aws: Vec<impl Awaitable<T>>) -> PyResult<Gather<Vec<T>>> {
    Ok(gather_on(&get_event_loop(), aws, false, |outcomes| outcomes.into_iter().collect()))
}

/// `asyncio.gather(*aws, return_exceptions=True)`: each child's result or exception.
pub fn gather_return_exceptions<T: Clone + 'static>(aws: Vec<impl Awaitable<T>>) -> PyResult<Gather<Vec<PyResult<T>>>> {
    Ok(gather_on(&get_event_loop(), aws, true, Ok))
}

/// `gather` on a given loop (the legacy `asyncio.gather(..., loop=loop)` before a loop runs).
pub fn gather_on<T: Clone + 'static, R: Clone + 'static>(
    lp: &EventLoop,
    aws: Vec<impl Awaitable<T>>,
    return_exceptions: bool,
    collect: fn(Vec<PyResult<T>>) -> PyResult<R>,
) -> Gather<R> {
    let children: Vec<_> = aws.into_iter().map(|aw| aw.ensure_future(lp)).collect();
    gather_futures(lp, children, return_exceptions, collect)
}

/// The body of `gather`, compiled once per result type rather than per kind of awaitable.
fn gather_futures<T: Clone + 'static, R: Clone + 'static>(
    lp: &EventLoop,
    children: Vec<Ensured<T>>,
    return_exceptions: bool,
    collect: fn(Vec<PyResult<T>>) -> PyResult<R>,
) -> Gather<R> {
    let outer = PyFuture::new(lp);
    let (cancellers, futures) = children.into_iter().map(|child| (child.cancel, child.future)).unzip();
    let children = Rc::new(Children {
        cancellers,
        futures,
        finished: Cell::new(0),
        cancel_requested: Cell::new(false),
        return_exceptions,
        collect,
        outer: outer.clone(),
    });
    if children.futures.is_empty() {
        outer.complete(collect(Vec::new()));
    }
    for child in &children.futures {
        let all = Rc::downgrade(&children);
        child.add_named_done_callback("_done_callback", move |fut| {
            if let Some(children) = all.upgrade() {
                children.child_done(fut);
            }
        });
    }
    Gather { outer, children }
}
