//! `asyncio.Future`: a result that is set once, with done-callbacks that run on the loop, and the
//! `await` that every waiting task goes through.

use std::cell::{Cell, RefCell};
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

use super::error::{PyErr, PyResult};
use super::event_loop::{EventLoop, LoopInner};
use super::site::{current_site, Sited};
use super::task::{current_task, take_cancel_request};
use crate::trace::{EventKind, WaitOn};

/// The name of a function item, as its Python twin is named (`done_callback`); a closure has
/// no name of its own (`{{closure}}`): name it with `add_named_done_callback`.
pub(crate) fn function_name<F>() -> &'static str {
    let path = std::any::type_name::<F>();
    match path.rsplit("::").next().unwrap_or(path) {
        // A scenario's closure stands for a Python lambda.
        "{{closure}}" => "<lambda>",
        name => name,
    }
}

/// Something an awaiting task can cancel: the future it waits on, or the task it joins.
pub trait Cancel {
    /// `cancel()`: true if this call cancelled it (it was not done yet).
    fn cancel(&self) -> bool;
}

/// A future whose result type is not known here (a task's): `add_done_callback` with a callback
/// that needs no result.
pub(crate) trait WhenDone {
    fn when_done(&self, name: &'static str, f: Box<dyn FnOnce()>);
}

/// A done-callback as given: it gets the future it was added to.
type Callback<T> = Box<dyn FnOnce(&PyFuture<T>)>;

enum DoneCallback<T> {
    /// A task waiting on this future: its next step is scheduled.
    Wake(Waker),
    /// A callback, with the name of the Python function it is.
    Call(&'static str, Callback<T>),
}

struct FutInner<T> {
    /// This future, for what holds it as a `dyn Cancel` or `dyn WhenDone` (no handle of its own
    /// is then allocated for each wait).
    me: Weak<FutInner<T>>,
    /// Weak, so that a future left in a callback list never keeps its loop alive.
    lp: Weak<LoopInner>,
    result: RefCell<Option<PyResult<T>>>,
    /// Allocated for exactly one callback at first: nearly every future gets only one (the task
    /// that awaits it), and a sleeping task's two futures are most of its memory.
    callbacks: RefCell<Vec<(u32, DoneCallback<T>)>>,
    next_callback: Cell<u32>,
}

/// `asyncio.Future`. Clones are handles to the same future.
pub struct PyFuture<T>(Rc<FutInner<T>>);

impl<T> Clone for PyFuture<T> {
    fn clone(&self) -> Self {
        PyFuture(self.0.clone())
    }
}

impl<T: Clone + 'static> PyFuture<T> {
    /// `loop.create_future()`.
    pub fn new(lp: &EventLoop) -> Self {
        PyFuture(Rc::new_cyclic(|me| FutInner {
            me: me.clone(),
            lp: Rc::downgrade(&lp.0),
            result: RefCell::new(None),
            callbacks: RefCell::new(Vec::new()),
            next_callback: Cell::new(0),
        }))
    }

    /// `future.get_loop()`; `None` once the run has ended.
    pub fn get_loop(&self) -> Option<EventLoop> {
        self.0.lp.upgrade().map(EventLoop)
    }

    pub fn done(&self) -> bool {
        self.0.result.borrow().is_some()
    }

    pub fn cancelled(&self) -> bool {
        matches!(*self.0.result.borrow(), Some(Err(PyErr::Cancelled)))
    }

    /// The outcome once done: `future.result()`, which raises what the future holds.
    pub fn result(&self) -> Option<PyResult<T>> {
        self.0.result.borrow().clone()
    }

    pub fn set_result(&self, value: T) -> bool {
        self.complete(Ok(value))
    }

    pub fn set_exception(&self, err: PyErr) -> bool {
        self.complete(Err(err))
    }

    /// Sets the outcome (if not done yet) and schedules every done-callback, in the order they
    /// were added, for the loop's next batch.
    pub(crate) fn complete(&self, outcome: PyResult<T>) -> bool {
        if self.done() {
            return false;
        }
        *self.0.result.borrow_mut() = Some(outcome);
        let callbacks = std::mem::take(&mut *self.0.callbacks.borrow_mut());
        for (_, callback) in callbacks {
            match callback {
                DoneCallback::Wake(waker) => waker.wake(),
                DoneCallback::Call(name, f) => {
                    if let Some(lp) = self.get_loop() {
                        let me = self.clone();
                        lp.call_soon(name, move || f(&me));
                    }
                }
            }
        }
        true
    }

    /// `future.add_done_callback(f)`: `f` runs on the loop once the future is done. `f` is a
    /// scenario's function, named as the Python's (the loop inspector shows the name).
    pub fn add_done_callback<F: FnOnce(&PyFuture<T>) + 'static>(&self, f: F) {
        self.add_named_done_callback(function_name::<F>(), f);
    }

    /// `add_done_callback` with the name of the Python function the callback stands for: the
    /// name of a closure says nothing (`_done_callback` of gather, `_release_waiter`). Returns
    /// what `remove_done_callback` takes, unless the future was done and the callback is queued.
    pub(crate) fn add_named_done_callback(
        &self,
        name: &'static str,
        f: impl FnOnce(&PyFuture<T>) + 'static,
    ) -> Option<u32> {
        if self.done() {
            if let Some(lp) = self.get_loop() {
                let me = self.clone();
                lp.call_soon(name, move || f(&me));
            }
            None
        } else {
            Some(self.push_callback(DoneCallback::Call(name, Box::new(f))))
        }
    }

    /// `future.remove_done_callback(f)`, for a callback not run yet.
    pub(crate) fn remove_done_callback(&self, id: u32) {
        self.remove_callback(id);
    }

    /// Whether both handles are the same future (`is` in Python).
    pub fn same_as(&self, other: &PyFuture<T>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    fn push_callback(&self, callback: DoneCallback<T>) -> u32 {
        let id = self.0.next_callback.get();
        self.0.next_callback.set(id + 1);
        let mut callbacks = self.0.callbacks.borrow_mut();
        if callbacks.capacity() == 0 {
            // The first `push` would make room for four; later ones grow as `Vec` does.
            callbacks.reserve_exact(1);
        }
        callbacks.push((id, callback));
        id
    }

    fn remove_callback(&self, id: u32) {
        self.0.callbacks.borrow_mut().retain(|(cb, _)| *cb != id);
    }

    /// This future, as what a waiting task cancels.
    pub(crate) fn canceller(&self) -> Rc<dyn Cancel> {
        self.0.clone()
    }

    /// This future, as what a task's done-callbacks are added to.
    pub(crate) fn when_done(&self) -> Rc<dyn WhenDone> {
        self.0.clone()
    }

    /// Waits for this future; `canceller` is what cancelling the waiting task cancels.
    pub(crate) fn wait(self, canceller: Rc<dyn Cancel>, on: WaitOn) -> Wait<T> {
        Wait { fut: self, canceller, on: Some(on), registered: None }
    }
}

impl<T: Clone + 'static> Cancel for PyFuture<T> {
    fn cancel(&self) -> bool {
        self.complete(Err(PyErr::Cancelled))
    }
}

impl<T: Clone + 'static> Cancel for FutInner<T> {
    fn cancel(&self) -> bool {
        self.me.upgrade().is_some_and(|me| PyFuture(me).cancel())
    }
}

impl<T: Clone + 'static> WhenDone for FutInner<T> {
    fn when_done(&self, name: &'static str, f: Box<dyn FnOnce()>) {
        if let Some(me) = self.me.upgrade() {
            PyFuture(me).add_named_done_callback(name, move |_| f());
        }
    }
}

impl<T: Clone + 'static> IntoFuture for PyFuture<T> {
    type Output = PyResult<T>;
    type IntoFuture = Sited<Wait<T>>;

    #[track_caller]
    fn into_future(self) -> Sited<Wait<T>> {
        let canceller = self.canceller();
        Sited::here(self.wait(canceller, WaitOn::Future("future".into())))
    }
}

/// `await future`: suspends the task until the future is done, or raises `CancelledError` at
/// this point if the task is cancelled meanwhile.
pub struct Wait<T: Clone + 'static> {
    fut: PyFuture<T>,
    canceller: Rc<dyn Cancel>,
    /// Recorded in the trace when the task first has to wait.
    on: Option<WaitOn>,
    registered: Option<u32>,
}

impl<T: Clone + 'static> Future for Wait<T> {
    type Output = PyResult<T>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<PyResult<T>> {
        let this = self.get_mut();
        if take_cancel_request() {
            this.unregister();
            return Poll::Ready(Err(PyErr::Cancelled));
        }
        if let Some(outcome) = this.fut.result() {
            this.registered = None;
            return Poll::Ready(outcome);
        }
        if this.registered.is_none() {
            this.registered = Some(this.fut.push_callback(DoneCallback::Wake(cx.waker().clone())));
            if let Some(task) = current_task() {
                task.set_fut_waiter(this.canceller.clone());
                if let (Some(on), Some(lp)) = (this.on.take(), this.fut.get_loop()) {
                    lp.rt().record(task.id, EventKind::Waits(on, current_site()));
                }
            }
        }
        Poll::Pending
    }
}

impl<T: Clone + 'static> Wait<T> {
    fn unregister(&mut self) {
        if let Some(id) = self.registered.take() {
            self.fut.remove_callback(id);
        }
    }
}

impl<T: Clone + 'static> Drop for Wait<T> {
    fn drop(&mut self) {
        self.unregister();
    }
}
