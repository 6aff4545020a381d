//! `asyncio.Event` and `asyncio.Queue`, written as CPython 3.11 writes them: waiters are plain
//! futures woken in FIFO order, so who gets an item, and when, matches.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::rc::Rc;

use super::error::{PyErr, PyResult};
use super::future::PyFuture;
use super::site::Sited;
use super::task::{current_task_id, get_running_loop};
use crate::trace::{EventKind, WaitOn};

/// Wakes the first waiter that is still pending (`Queue._wakeup_next`).
fn wakeup_next(waiters: &RefCell<VecDeque<PyFuture<()>>>) {
    loop {
        let Some(waiter) = waiters.borrow_mut().pop_front() else { return };
        if !waiter.done() {
            waiter.set_result(());
            return;
        }
    }
}

/// Waits on a fresh future kept in `waiters`; on cancellation removes it, as the `except:`
/// clauses of `Queue.get` / `Queue.put` do, and hands the wake-up on if one was due.
async fn wait_in_line(
    waiters: &RefCell<VecDeque<PyFuture<()>>>,
    on: WaitOn,
    pass_on: impl Fn() -> bool,
) -> PyResult<()> {
    let lp = get_running_loop()?;
    let waiter = PyFuture::new(&lp);
    waiters.borrow_mut().push_back(waiter.clone());
    let canceller = Rc::new(waiter.clone());
    match waiter.clone().wait(canceller, on).await {
        Ok(()) => Ok(()),
        Err(err) => {
            super::future::Cancel::cancel(&waiter);
            waiters.borrow_mut().retain(|w| !w.same_as(&waiter));
            if pass_on() && !waiter.cancelled() {
                wakeup_next(waiters);
            }
            Err(err)
        }
    }
}

/// `asyncio.Event`.
#[derive(Clone, Default)]
pub struct Event(Rc<EventInner>);

#[derive(Default)]
struct EventInner {
    value: Cell<bool>,
    waiters: RefCell<Vec<PyFuture<()>>>,
}

impl Event {
    pub fn new() -> Event {
        Event::default()
    }

    pub fn is_set(&self) -> bool {
        self.0.value.get()
    }

    pub fn set(&self) {
        if !self.0.value.replace(true) {
            for waiter in self.0.waiters.borrow().iter() {
                if !waiter.done() {
                    waiter.set_result(());
                }
            }
        }
    }

    pub fn clear(&self) {
        self.0.value.set(false);
    }

    #[track_caller]
    pub fn wait(&self) -> Sited<impl Future<Output = PyResult<bool>> + '_> {
        Sited::here(self.wait_as("event"))
    }

    /// `wait()`, described in the trace as `what` (a queue's `join()` waits on its event).
    async fn wait_as(&self, what: impl Into<crate::trace::Text>) -> PyResult<bool> {
        if self.is_set() {
            return Ok(true);
        }
        let waiter = PyFuture::new(&get_running_loop()?);
        self.0.waiters.borrow_mut().push(waiter.clone());
        let outcome = waiter.clone().wait(Rc::new(waiter.clone()), WaitOn::Future(what.into())).await;
        self.0.waiters.borrow_mut().retain(|w| !w.same_as(&waiter));
        outcome.map(|()| true)
    }
}

/// `asyncio.Queue(maxsize)`; 0 means unbounded.
pub struct Queue<T>(Rc<QueueInner<T>>);

impl<T> Clone for Queue<T> {
    fn clone(&self) -> Self {
        Queue(self.0.clone())
    }
}

struct QueueInner<T> {
    name: &'static str,
    maxsize: usize,
    items: RefCell<VecDeque<T>>,
    getters: RefCell<VecDeque<PyFuture<()>>>,
    putters: RefCell<VecDeque<PyFuture<()>>>,
    unfinished_tasks: Cell<usize>,
    finished: Event,
}

impl<T: 'static> Queue<T> {
    /// `asyncio.Queue(maxsize)`: `name` labels it in the timeline.
    pub fn new(name: &'static str, maxsize: usize) -> Queue<T> {
        let finished = Event::new();
        finished.set();
        Queue(Rc::new(QueueInner {
            name,
            maxsize,
            items: RefCell::new(VecDeque::new()),
            getters: RefCell::new(VecDeque::new()),
            putters: RefCell::new(VecDeque::new()),
            unfinished_tasks: Cell::new(0),
            finished,
        }))
    }

    pub fn qsize(&self) -> usize {
        self.0.items.borrow().len()
    }

    pub fn empty(&self) -> bool {
        self.qsize() == 0
    }

    pub fn full(&self) -> bool {
        self.0.maxsize > 0 && self.qsize() >= self.0.maxsize
    }

    fn record(&self, kind: EventKind) {
        if let Ok(lp) = get_running_loop() {
            lp.rt().record(current_task_id(), kind);
        }
    }

    #[track_caller]
    pub fn put(&self, item: T) -> Sited<impl Future<Output = PyResult<()>> + '_> {
        Sited::here(async move {
            while self.full() {
                wait_in_line(&self.0.putters, WaitOn::Queue(self.0.name.into()), || !self.full()).await?;
            }
            self.put_nowait(item)
        })
    }

    pub fn put_nowait(&self, item: T) -> PyResult<()> {
        if self.full() {
            return Err(PyErr::new("asyncio.queues.QueueFull", ""));
        }
        self.0.items.borrow_mut().push_back(item);
        self.0.unfinished_tasks.set(self.0.unfinished_tasks.get() + 1);
        self.0.finished.clear();
        self.record(EventKind::QueuePut { queue: self.0.name.into(), size: self.qsize() });
        wakeup_next(&self.0.getters);
        Ok(())
    }

    #[track_caller]
    pub fn get(&self) -> Sited<impl Future<Output = PyResult<T>> + '_> {
        Sited::here(async move {
            while self.empty() {
                wait_in_line(&self.0.getters, WaitOn::Queue(self.0.name.into()), || !self.empty()).await?;
            }
            self.get_nowait()
        })
    }

    pub fn get_nowait(&self) -> PyResult<T> {
        let item = self.0.items.borrow_mut().pop_front();
        let item = item.ok_or_else(|| PyErr::new("asyncio.queues.QueueEmpty", ""))?;
        self.record(EventKind::QueueGot { queue: self.0.name.into(), size: self.qsize() });
        wakeup_next(&self.0.putters);
        Ok(item)
    }

    pub fn task_done(&self) -> PyResult<()> {
        let unfinished = self.0.unfinished_tasks.get();
        if unfinished == 0 {
            return Err(PyErr::new("ValueError", "task_done() called too many times"));
        }
        self.0.unfinished_tasks.set(unfinished - 1);
        if unfinished == 1 {
            self.0.finished.set();
        }
        Ok(())
    }

    #[track_caller]
    pub fn join(&self) -> Sited<impl Future<Output = PyResult<()>> + '_> {
        Sited::here(async move {
            if self.0.unfinished_tasks.get() > 0 {
                // Named for what it is (CPython's harness names it so too): a wait on `join()`
                // that never ends is how `model::mistakes` finds a missing `task_done()`.
                self.0.finished.wait_as(format!("{}.join()", self.0.name)).await?;
            }
            Ok(())
        })
    }
}
