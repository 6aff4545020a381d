//! `asyncio.wait`, `asyncio.wait_for` and `asyncio.as_completed`, following CPython 3.11's code
//! step for step (the same futures, callbacks and timer handles), so that they cost the same
//! loop iterations.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;

use super::error::{PyErr, PyResult};
use super::event_loop::{EventLoop, Label};
use super::future::{Cancel, PyFuture};
use super::repr::PyRepr;
use super::site::Sited;
use super::sync::Queue;
use super::task::{get_running_loop, Awaitable, Ensured};
use crate::trace::{TaskId, WaitOn};

/// A future handed to `wait` or `as_completed`, as they hand it back.
pub struct FutureRef<T: Clone + 'static> {
    fut: PyFuture<T>,
    canceller: Rc<dyn Cancel>,
    /// Set when it is a task: its id and the coroutine's name, for its repr.
    task: Option<(TaskId, &'static str)>,
}

impl<T: Clone + 'static> Clone for FutureRef<T> {
    fn clone(&self) -> Self {
        FutureRef { fut: self.fut.clone(), canceller: self.canceller.clone(), task: self.task }
    }
}

impl<T: Clone + 'static> FutureRef<T> {
    fn new(aw: impl Awaitable<T>, lp: &EventLoop) -> Self {
        let ensured = aw.ensure_future(lp);
        let task = match ensured.waits_on {
            WaitOn::Task(id) => Some((id, lp.rt().task_name(id))),
            _ => None,
        };
        FutureRef { fut: ensured.future, canceller: ensured.cancel, task }
    }

    pub fn done(&self) -> bool {
        self.fut.done()
    }

    pub fn cancelled(&self) -> bool {
        self.fut.cancelled()
    }

    pub fn result(&self) -> Option<PyResult<T>> {
        self.fut.result()
    }

    pub fn cancel(&self) -> bool {
        self.canceller.cancel()
    }
}

/// What `wait` hands back can be waited on again: Python's sets hold the tasks themselves.
impl<T: Clone + 'static> Awaitable<T> for FutureRef<T> {
    fn ensure_future(self, _lp: &EventLoop) -> Ensured<T> {
        let waits_on = match self.task {
            Some((id, _)) => WaitOn::Task(id),
            None => WaitOn::Future("future".into()),
        };
        Ensured { future: self.fut, cancel: self.canceller, waits_on }
    }
}

impl<T: Clone + PyRepr + 'static> FutureRef<T> {
    /// Python 3.11's repr of a task: `<Task finished name='Task-2' coro=<count() done, defined
    /// at f.py:9> result=1>`. `defined_at` and `running_at` are places in the Python source.
    pub fn repr(&self, defined_at: &str, running_at: &str) -> String {
        let Some((id, coro)) = &self.task else {
            return match self.fut.result() {
                None => "<Future pending>".to_owned(),
                Some(Ok(value)) => format!("<Future finished result={}>", value.py_repr()),
                Some(Err(PyErr::Cancelled)) => "<Future cancelled>".to_owned(),
                Some(Err(err)) => format!("<Future finished exception={}>", err.repr()),
            };
        };
        let name = format!("name='{}'", crate::trace::task_name(*id));
        match self.fut.result() {
            None => format!(
                "<Task pending {name} coro=<{coro}() running at {running_at}> wait_for=<Future pending cb=[Task.task_wakeup()]>>"
            ),
            Some(Ok(value)) => {
                format!("<Task finished {name} coro=<{coro}() done, defined at {defined_at}> result={}>", value.py_repr())
            }
            Some(Err(PyErr::Cancelled)) => format!("<Task cancelled {name} coro=<{coro}() done, defined at {defined_at}>>"),
            Some(Err(err)) => {
                format!("<Task finished {name} coro=<{coro}() done, defined at {defined_at}> exception={}>", err.repr())
            }
        }
    }
}

/// `return_when` of `asyncio.wait`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ReturnWhen {
    AllCompleted,
    FirstCompleted,
    FirstException,
}

/// What `asyncio.wait` returns: `(done, pending)`.
pub type DoneAndPending<T> = (Vec<FutureRef<T>>, Vec<FutureRef<T>>);

/// `await asyncio.wait(aws, timeout=…, return_when=…)`: `(done, pending)` in the order given.
/// Bare coroutines raise the `TypeError` of Python 3.11.
#[track_caller]
pub fn wait<T: Clone + 'static, A: Awaitable<T>>(
    aws: Vec<A>,
    timeout: Option<f64>,
    return_when: ReturnWhen,
) -> Sited<impl Future<Output = PyResult<DoneAndPending<T>>>> {
    Sited::here(coroutine::wait(aws, timeout, return_when))
}

/// The coroutine `asyncio.wait` is, named as in Python: a task made of it runs `wait`.
mod coroutine {
    use super::*;

    pub(super) async fn wait<T: Clone + 'static, A: Awaitable<T>>(
        aws: Vec<A>,
        timeout: Option<f64>,
        return_when: ReturnWhen,
    ) -> PyResult<DoneAndPending<T>> {
        if aws.is_empty() {
            return Err(PyErr::new("ValueError", "Set of Tasks/Futures is empty."));
        }
        if aws.iter().any(Awaitable::is_coroutine) {
            aws.iter().for_each(crate::aio::task::refused);
            return Err(PyErr::type_error("Passing coroutines is forbidden, use tasks explicitly."));
        }
        let lp = get_running_loop()?;
        let fs: Vec<FutureRef<T>> = aws.into_iter().map(|aw| FutureRef::new(aw, &lp)).collect();
        let waiter = PyFuture::<()>::new(&lp);
        let timeout_handle = timeout.map(|delay| {
            let waiter = waiter.clone();
            lp.call_later(delay, Label::Named("_release_waiter"), move || release(&waiter))
        });
        let counter = Rc::new(Cell::new(fs.len()));
        let timeout_handle = Rc::new(timeout_handle);
        let mut on_completion = Vec::with_capacity(fs.len());
        for f in &fs {
            let (waiter, counter, timeout_handle) = (waiter.clone(), counter.clone(), timeout_handle.clone());
            on_completion.push(f.fut.add_named_done_callback("_on_completion", move |f| {
                counter.set(counter.get() - 1);
                let failed = matches!(f.result(), Some(Err(ref e)) if !e.is_cancelled());
                if counter.get() == 0
                    || return_when == ReturnWhen::FirstCompleted
                    || (return_when == ReturnWhen::FirstException && failed)
                {
                    if let Some(handle) = timeout_handle.as_ref() {
                        handle.cancel();
                    }
                    release(&waiter);
                }
            }));
        }
        let outcome = waiter.clone().wait(Rc::new(waiter), WaitOn::Future("wait".into())).await;
        if let Some(handle) = timeout_handle.as_ref() {
            handle.cancel();
        }
        // `finally: for f in fs: f.remove_done_callback(_on_completion)`: a future that ends
        // after a timeout runs no callback of this wait (the loop inspector would show one).
        for (f, id) in fs.iter().zip(on_completion) {
            if let Some(id) = id {
                f.fut.remove_done_callback(id);
            }
        }
        outcome?;
        Ok(fs.into_iter().partition(FutureRef::done))
    }
}

/// `_release_waiter`.
fn release(waiter: &PyFuture<()>) {
    if !waiter.done() {
        waiter.set_result(());
    }
}

/// `await asyncio.wait_for(aw, timeout)`: the result, or `TimeoutError` after cancelling `aw`.
#[track_caller]
pub fn wait_for<T: Clone + 'static>(
    aw: impl Awaitable<T>,
    timeout: Option<f64>,
) -> Sited<impl Future<Output = PyResult<T>>> {
    Sited::here(wait_for_one(aw, timeout))
}

async fn wait_for_one<T: Clone + 'static>(aw: impl Awaitable<T>, timeout: Option<f64>) -> PyResult<T> {
    let lp = get_running_loop()?;
    let f = FutureRef::new(aw, &lp);
    let Some(timeout) = timeout else {
        return f.fut.clone().wait(f.canceller.clone(), WaitOn::Future("wait_for".into())).await;
    };
    if timeout <= 0.0 {
        if let Some(result) = f.result() {
            return result;
        }
        cancel_and_wait(&f, &lp).await?;
        return timed_out(&f);
    }
    let waiter = PyFuture::<()>::new(&lp);
    let timeout_handle = {
        let waiter = waiter.clone();
        lp.call_later(timeout, Label::Named("_release_waiter"), move || release(&waiter))
    };
    {
        let waiter = waiter.clone();
        f.fut.add_named_done_callback("_release_waiter", move |_| release(&waiter));
    }
    let waited = waiter.clone().wait(Rc::new(waiter), WaitOn::Future(format!("wait_for {timeout} s").into())).await;
    let outcome = match waited {
        Err(err) => match f.result() {
            Some(result) => result,
            None => {
                cancel_and_wait(&f, &lp).await?;
                Err(err)
            }
        },
        Ok(()) => match f.result() {
            Some(result) => result,
            None => {
                cancel_and_wait(&f, &lp).await?;
                timed_out(&f)
            }
        },
    };
    timeout_handle.cancel();
    outcome
}

/// The cancelled future's outcome, with `CancelledError` turned into `TimeoutError`.
fn timed_out<T: Clone + 'static>(f: &FutureRef<T>) -> PyResult<T> {
    match f.result() {
        Some(Err(PyErr::Cancelled)) | None => Err(PyErr::timeout_error()),
        Some(result) => result,
    }
}

/// `_cancel_and_wait`: cancel, then wait until the future has really finished.
async fn cancel_and_wait<T: Clone + 'static>(f: &FutureRef<T>, lp: &EventLoop) -> PyResult<()> {
    let waiter = PyFuture::<()>::new(lp);
    {
        let waiter = waiter.clone();
        f.fut.add_named_done_callback("_release_waiter", move |_| release(&waiter));
    }
    f.cancel();
    waiter.clone().wait(Rc::new(waiter), WaitOn::Future("cancellation".into())).await
}

/// `asyncio.as_completed(aws)`: call `next()` once per awaitable; each gives the next result
/// to arrive (`TimeoutError` for all the rest once `timeout` passes).
pub struct AsCompleted<T: Clone + 'static> {
    done: Queue<Option<FutureRef<T>>>,
    remaining: Cell<usize>,
    _todo: Rc<RefCell<Vec<FutureRef<T>>>>,
}

pub fn as_completed<T: Clone + 'static>(aws: Vec<impl Awaitable<T>>, timeout: Option<f64>) -> PyResult<AsCompleted<T>> {
    let lp = get_running_loop()?;
    let done: Queue<Option<FutureRef<T>>> = Queue::new("as_completed", 0);
    let todo: Rc<RefCell<Vec<FutureRef<T>>>> =
        Rc::new(RefCell::new(aws.into_iter().map(|aw| FutureRef::new(aw, &lp)).collect()));
    let count = todo.borrow().len();
    let timeout_handle: Rc<RefCell<Option<Rc<super::event_loop::TimerHandle>>>> = Rc::new(RefCell::new(None));
    for f in todo.borrow().iter() {
        let (todo, done, timeout_handle) = (Rc::downgrade(&todo), done.clone(), timeout_handle.clone());
        let me = f.clone();
        f.fut.add_named_done_callback("_on_completion", move |_| {
            let Some(todo) = todo.upgrade() else { return };
            let mut todo = todo.borrow_mut();
            let Some(i) = todo.iter().position(|t| t.fut.same_as(&me.fut)) else { return };
            todo.remove(i);
            let _ = done.put_nowait(Some(me));
            if todo.is_empty() {
                if let Some(handle) = timeout_handle.borrow().as_ref() {
                    handle.cancel();
                }
            }
        });
    }
    if let (Some(delay), true) = (timeout, count > 0) {
        let (todo, done) = (Rc::downgrade(&todo), done.clone());
        *timeout_handle.borrow_mut() = Some(lp.call_later(delay, Label::Named("_on_timeout"), move || {
            let Some(todo) = todo.upgrade() else { return };
            for _ in todo.borrow_mut().drain(..) {
                let _ = done.put_nowait(None);
            }
        }));
    }
    Ok(AsCompleted { done, remaining: Cell::new(count), _todo: todo })
}

impl<T: Clone + 'static> AsCompleted<T> {
    /// How many results are still to come.
    pub fn remaining(&self) -> usize {
        self.remaining.get()
    }

    /// `await next(it)` of the `for coro in as_completed(...)` loop: `None` once all are out.
    #[track_caller]
    pub fn next(&self) -> Sited<impl Future<Output = Option<PyResult<T>>> + '_> {
        Sited::here(async move {
            if self.remaining.get() == 0 {
                return None;
            }
            self.remaining.set(self.remaining.get() - 1);
            Some(match self.done.get().await {
                Err(err) => Err(err),
                Ok(None) => Err(PyErr::timeout_error()),
                Ok(Some(f)) => f.result().expect("only done futures are queued"),
            })
        })
    }
}
