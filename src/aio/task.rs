//! `asyncio.Task`: a coroutine scheduled on the loop, stepped by its waker, cancellable the way
//! CPython cancels (the `CancelledError` surfaces at the `await` where the task is suspended).

use std::cell::{Cell, RefCell};
use std::future::{Future, IntoFuture};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use super::error::{PyErr, PyResult};
use super::event_loop::{count_task, EventLoop, Handle, LocalBoxFuture, Runtime};
use super::future::{Cancel, PyFuture, Wait, WhenDone};
use super::site::Sited;
use crate::trace::{EventKind, Outcome, TaskId, WaitOn};

thread_local! {
    static CURRENT_TASK: RefCell<Option<Rc<TaskHeader>>> = const { RefCell::new(None) };
}

/// The task whose step is running, if any.
pub(crate) fn current_task() -> Option<Rc<TaskHeader>> {
    CURRENT_TASK.with(|c| c.borrow().clone())
}

/// Trace id of the running task; 0 for the program outside any task.
pub(crate) fn current_task_id() -> TaskId {
    current_task().map_or(0, |t| t.id)
}

/// True once per cancellation: the `await` that asks raises `CancelledError`.
pub(crate) fn take_cancel_request() -> bool {
    current_task().is_some_and(|t| t.must_cancel.replace(false))
}

/// The untyped part of a task, which the loop schedules and steps.
pub(crate) struct TaskHeader {
    pub(crate) id: TaskId,
    /// Weak: a task kept alive by a callback list must not keep its loop alive.
    lp: std::rc::Weak<super::event_loop::LoopInner>,
    waker: Waker,
    scheduled: Cell<bool>,
    done: Cell<bool>,
    /// Set by `cancel()` when there is no pending future to cancel: the next step raises.
    must_cancel: Cell<bool>,
    /// What the task waits on now (CPython's `_fut_waiter`): cancelling the task cancels it.
    fut_waiter: RefCell<Option<Rc<dyn Cancel>>>,
    future: RefCell<Option<LocalBoxFuture<Outcome>>>,
    /// The task's typed result future, to add done-callbacks to.
    result: Rc<dyn WhenDone>,
}

impl TaskHeader {
    pub(crate) fn schedule(self: &Rc<Self>, lp: &EventLoop) {
        if !self.scheduled.get() && !self.done.get() {
            self.scheduled.set(true);
            lp.call_soon_handle(Handle::Step(self.clone()));
        }
    }

    pub(crate) fn set_fut_waiter(&self, waiter: Rc<dyn Cancel>) {
        *self.fut_waiter.borrow_mut() = Some(waiter);
    }

    /// `Task.__step`: polls the coroutine once.
    pub(crate) fn step(self: &Rc<Self>) {
        self.scheduled.set(false);
        let Some(mut future) = self.future.borrow_mut().take() else { return };
        self.fut_waiter.borrow_mut().take();
        let Some(lp) = self.lp.upgrade().map(EventLoop) else { return };
        let rt = lp.rt().clone();
        rt.record(self.id, EventKind::Resumed);
        let previous = CURRENT_TASK.with(|c| c.replace(Some(self.clone())));
        let poll = future.as_mut().poll(&mut Context::from_waker(&self.waker));
        CURRENT_TASK.with(|c| *c.borrow_mut() = previous);
        match poll {
            Poll::Ready(outcome) => {
                self.done.set(true);
                lp.forget_task(self.id);
                rt.record(self.id, EventKind::Finished(outcome));
            }
            Poll::Pending => *self.future.borrow_mut() = Some(future),
        }
    }

    pub(crate) fn drop_future(&self) {
        let future = self.future.borrow_mut().take();
        self.fut_waiter.borrow_mut().take();
        drop(future);
    }
}

impl Cancel for TaskHeader {
    /// `Task.cancel()` as in CPython 3.11.
    fn cancel(&self) -> bool {
        if self.done.get() {
            return false;
        }
        let waiter = self.fut_waiter.borrow().clone();
        if waiter.is_some_and(|w| w.cancel()) {
            return true;
        }
        self.must_cancel.set(true);
        true
    }
}

impl Drop for TaskHeader {
    fn drop(&mut self) {
        count_task(-1);
    }
}

/// `asyncio.Task`. Clones are handles to the same task; `.await` joins it.
pub struct Task<T: Clone + 'static> {
    pub(crate) header: Rc<TaskHeader>,
    pub(crate) fut: PyFuture<T>,
}

impl<T: Clone + 'static> Clone for Task<T> {
    fn clone(&self) -> Self {
        Task { header: self.header.clone(), fut: self.fut.clone() }
    }
}

impl<T: Clone + 'static> Task<T> {
    /// `task.cancel()`.
    pub fn cancel(&self) -> bool {
        self.header.cancel()
    }

    pub fn done(&self) -> bool {
        self.fut.done()
    }

    pub fn cancelled(&self) -> bool {
        self.fut.cancelled()
    }

    /// `task.result()` once done.
    pub fn result(&self) -> Option<PyResult<T>> {
        self.fut.result()
    }

    /// The task's id in the trace (`Task-<id>` is its Python name).
    pub fn id(&self) -> TaskId {
        self.header.id
    }

    /// `task.get_name()`.
    pub fn name(&self) -> String {
        crate::trace::task_name(self.header.id)
    }

    /// `task.add_done_callback(f)`: `f` gets the task once it is done.
    pub fn add_done_callback<F: FnOnce(&Task<T>) + 'static>(&self, f: F) {
        let me = self.clone();
        self.fut.add_named_done_callback(super::future::function_name::<F>(), move |_| f(&me));
    }
}

impl<T: Clone + 'static> IntoFuture for Task<T> {
    type Output = PyResult<T>;
    type IntoFuture = Sited<Wait<T>>;

    #[track_caller]
    fn into_future(self) -> Sited<Wait<T>> {
        let id = self.header.id;
        Sited::here(self.fut.wait(self.header, WaitOn::Task(id)))
    }
}

/// Creates a task on `lp` (`loop.create_task(coro)`): its first step runs in the next batch.
pub(crate) fn spawn<T, F>(lp: &EventLoop, coro: F) -> Task<T>
where
    T: Clone + 'static,
    F: Future<Output = PyResult<T>> + 'static,
{
    // Boxed at once, so that only this line is compiled again for every coroutine type: the
    // task machinery below exists once per result type (it matters for the page's weight).
    spawn_boxed(lp, Box::pin(coro), coroutine_name::<F>())
}

pub(crate) fn spawn_boxed<T: Clone + 'static>(
    lp: &EventLoop,
    coro: LocalBoxFuture<PyResult<T>>,
    name: &'static str,
) -> Task<T> {
    let id = lp.rt().new_task_id(name);
    let fut = PyFuture::new(lp);
    let result = fut.clone();
    let body = async move {
        // Cancelled before its first step: CPython throws into the coroutine before it runs.
        if take_cancel_request() {
            result.complete(Err(PyErr::Cancelled));
            return Outcome::Cancelled;
        }
        let outcome = coro.await;
        let traced = match &outcome {
            Ok(_) => Outcome::Returned,
            Err(PyErr::Cancelled) => Outcome::Cancelled,
            Err(err) => Outcome::Raised(err.to_string()),
        };
        result.complete(outcome);
        traced
    };
    count_task(1);
    let header = Rc::new(TaskHeader {
        id,
        lp: Rc::downgrade(&lp.0),
        waker: lp.waker_for(id),
        scheduled: Cell::new(false),
        done: Cell::new(false),
        must_cancel: Cell::new(false),
        fut_waiter: RefCell::new(None),
        future: RefCell::new(Some(Box::pin(body))),
        // Only `cancel_all_tasks` adds a callback there: the gather of `_cancel_all_tasks` does.
        result: fut.when_done(),
    });
    lp.register_task(header.clone());
    header.schedule(lp);
    Task { header, fut }
}

/// The name of the `async fn` a future comes from, for the timeline's lanes and task reprs:
/// `…::say_after::{{closure}}` gives `say_after`. Through an awaitable that knows its call site,
/// the awaitable's own: `Sited<…::wait::coroutine::wait<…>::{{closure}}>` gives `wait`, and
/// `Sited<…::sleep::Sleep>` gives `sleep`, the coroutine function Python names.
pub(crate) fn coroutine_name<F>() -> &'static str {
    thread_local! {
        /// By where the type's name is: a program makes thousands of tasks of a few
        /// coroutines, and reading the name out of the type's cost a twentieth of the run.
        static NAMES: RefCell<Vec<((usize, usize), &'static str)>> = const { RefCell::new(Vec::new()) };
    }
    let full = std::any::type_name::<F>();
    let key = (full.as_ptr() as usize, full.len());
    NAMES.with(|names| {
        if let Some((_, name)) = names.borrow().iter().find(|(k, _)| *k == key) {
            return *name;
        }
        let name = name_of_type(full);
        names.borrow_mut().push((key, name));
        name
    })
}

fn name_of_type(full: &'static str) -> &'static str {
    let sited = concat!(module_path!(), "::");
    let sited = &sited[..sited.len() - "task::".len()];
    let inner = full
        .strip_prefix(sited)
        .and_then(|rest| ["site::Sited<", "site::Call<", "site::Coroutine<"].iter().find_map(|w| rest.strip_prefix(w)))
        .and_then(|rest| rest.strip_suffix('>'));
    if let Some(inner) = inner {
        return name_of_type(inner);
    }
    let path = full.split('<').next().unwrap_or(full);
    match path.split("::").filter(|part| !part.starts_with('{')).last().unwrap_or("coroutine") {
        // `asyncio.sleep` is a coroutine function; the engine's is a future of its own.
        "Sleep" => "sleep",
        name => name,
    }
}

/// `asyncio.create_task(coro)`: raises `RuntimeError: no running event loop` outside a loop.
pub fn create_task<T, F>(coro: F) -> PyResult<Task<T>>
where
    T: Clone + 'static,
    F: Future<Output = PyResult<T>> + 'static,
{
    match get_running_loop() {
        Ok(lp) => Ok(spawn(&lp, coro)),
        Err(err) => {
            refused(&coro);
            Err(err)
        }
    }
}

/// A call raised before running `aw`: if it is a coroutine, it will never run.
pub(crate) fn refused<T: Clone + 'static>(aw: &impl Awaitable<T>) {
    if let (Some(name), Some(rt)) = (aw.coroutine_name(), Runtime::current()) {
        rt.never_awaited(name);
    }
}

impl EventLoop {
    /// `loop.create_task(coro)`: also before the loop runs (the task starts once it does); a
    /// closed loop refuses it.
    pub fn create_task<T, F>(&self, coro: F) -> PyResult<Task<T>>
    where
        T: Clone + 'static,
        F: Future<Output = PyResult<T>> + 'static,
    {
        self.check_closed()?;
        Ok(spawn(self, coro))
    }
}

/// `asyncio.ensure_future(coro)`: a task on the running loop, or else on the loop
/// `asyncio.get_event_loop()` gives (the legacy API, which makes tasks before the loop runs).
pub fn ensure_future<T, F>(coro: F) -> Task<T>
where
    T: Clone + 'static,
    F: Future<Output = PyResult<T>> + 'static,
{
    spawn(&super::get_event_loop(), coro)
}

/// `asyncio.get_running_loop()`.
pub fn get_running_loop() -> PyResult<EventLoop> {
    Runtime::current().and_then(|rt| rt.running_loop()).ok_or_else(|| PyErr::runtime_error("no running event loop"))
}

/// `asyncio.current_task()`'s name, or `None` outside a task.
pub fn current_task_name() -> Option<String> {
    current_task().map(|t| crate::trace::task_name(t.id))
}

/// What `ensure_future` makes of an awaitable: the future to watch, what cancelling it cancels
/// (and keeps alive: a gather's children live in it), and what a task waiting on it waits on.
pub struct Ensured<T: Clone + 'static> {
    pub future: PyFuture<T>,
    pub cancel: Rc<dyn Cancel>,
    pub waits_on: WaitOn,
}

/// Something `gather`, `wait` and `run_until_complete` accept: a coroutine (wrapped in a new
/// task, as `ensure_future` does) or an existing task or future.
pub trait Awaitable<T: Clone + 'static> {
    /// `asyncio.ensure_future(aw, loop=lp)`.
    fn ensure_future(self, lp: &EventLoop) -> Ensured<T>;

    /// A bare coroutine, which `asyncio.wait` refuses since Python 3.11.
    fn is_coroutine(&self) -> bool {
        false
    }

    /// The coroutine function's name, for a bare coroutine (`do_some_work`).
    fn coroutine_name(&self) -> Option<&'static str> {
        None
    }
}

impl<T, F> Awaitable<T> for F
where
    T: Clone + 'static,
    F: Future<Output = PyResult<T>> + 'static,
{
    fn ensure_future(self, lp: &EventLoop) -> Ensured<T> {
        spawn(lp, self).ensure_future(lp)
    }

    fn is_coroutine(&self) -> bool {
        true
    }

    fn coroutine_name(&self) -> Option<&'static str> {
        Some(coroutine_name::<F>())
    }
}

impl<T: Clone + 'static> Awaitable<T> for Task<T> {
    fn ensure_future(self, _lp: &EventLoop) -> Ensured<T> {
        let id = self.header.id;
        Ensured { future: self.fut, cancel: self.header, waits_on: WaitOn::Task(id) }
    }
}

impl<T: Clone + 'static> Awaitable<T> for PyFuture<T> {
    fn ensure_future(self, _lp: &EventLoop) -> Ensured<T> {
        let cancel = self.canceller();
        Ensured { future: self, cancel, waits_on: WaitOn::Future("future".into()) }
    }
}

/// Cancels every task of `lp` that is not done and returns a future done once they all are: what
/// `asyncio.run` does with leftover tasks (`_cancel_all_tasks`: cancel, then gather them).
pub(crate) fn cancel_all_tasks(lp: &EventLoop) -> Option<PyFuture<()>> {
    let tasks = lp.pending_tasks();
    if tasks.is_empty() {
        return None;
    }
    for task in &tasks {
        task.cancel();
    }
    let all_done = PyFuture::new(lp);
    let remaining = Rc::new(Cell::new(tasks.len()));
    for task in &tasks {
        let (all_done, remaining) = (all_done.clone(), remaining.clone());
        task.result.when_done(
            "_done_callback",
            Box::new(move || {
                remaining.set(remaining.get() - 1);
                if remaining.get() == 0 {
                    all_done.set_result(());
                }
            }),
        );
    }
    Some(all_done)
}

#[cfg(test)]
mod tests {
    use super::coroutine_name;
    use crate::aio::{sleep, wait, PyResult, ReturnWhen, Task};

    fn name_of<F>(_: &F) -> &'static str {
        coroutine_name::<F>()
    }

    async fn say_after() -> PyResult<()> {
        Ok(())
    }

    /// A task's lane names the coroutine function Python would: the `async fn`, or the asyncio
    /// function an awaitable of this module stands for.
    #[test]
    fn a_coroutine_is_named_as_in_python() {
        assert_eq!(name_of(&say_after()), "say_after");
        assert_eq!(name_of(&sleep(1.0)), "sleep");
        assert_eq!(name_of(&wait(Vec::<Task<()>>::new(), None, ReturnWhen::AllCompleted)), "wait");
    }
}
