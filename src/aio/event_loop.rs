//! The event loop, shaped like CPython's `BaseEventLoop._run_once` so that the order of events is
//! CPython's: ready callbacks run in FIFO batches (what a batch schedules runs in the next one),
//! timers are ordered by deadline and then by creation, and timers that fall due join the end of
//! the batch that is about to run.
//!
//! One driver (`drive`) runs a program on any [`Host`]: the virtual clock jumps straight to the next
//! deadline; the browser clock waits for it with one real timer. Both see the same queue, so the
//! order of a run cannot differ between the predicted and the measured timeline.

use std::cell::{Cell, RefCell};
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use super::error::{PyErr, PyResult};
use super::task::TaskHeader;
use crate::trace::{Callback, EventKind, Exit, RunOutcome, Site, TaskId, Trace, Turn};

/// A future the driver can hold without knowing its type.
pub type LocalBoxFuture<T> = Pin<Box<dyn Future<Output = T>>>;

/// A variant's whole program: the synchronous Python script, which drives loops through
/// `asyncio.run`, `run_until_complete` or `run_forever`.
pub type Program = LocalBoxFuture<PyResult<()>>;

/// CPython's monotonic clock resolution on Linux: timers due within it of `now` run together.
const CLOCK_RESOLUTION: f64 = 1e-9;

/// What a run runs on: its clock, the thread it can block, and (in the browser) real threads and
/// I/O. The virtual clock (`virtual_clock`) and the page (`web::clock::BrowserClock`) are hosts.
pub trait Host {
    /// The host's time since the run started, in tutorial seconds (`time.time()` in scenarios):
    /// the page's real time scaled by the speed, or the virtual clock's time.
    fn tutorial_now(&self) -> f64;
    /// The host's time since the run started, in milliseconds: real on the page; on the virtual
    /// clock, its time as the speed maps it to milliseconds.
    fn now_ms(&self) -> f64;
    /// Resolves once real time has reached `t` tutorial seconds.
    fn sleep_until(&self, t: f64) -> LocalBoxFuture<()>;
    /// Holds the thread for `seconds`, as `time.sleep` does: nothing else runs meanwhile.
    fn block(&self, seconds: f64);
    /// Seconds since the Unix epoch, in local time, when the run started (for `strftime('%X')`).
    fn wall_start(&self) -> f64;
    /// Resolves after giving the host a chance to run (the page repaints, input is handled), when
    /// the loop has been busy for too long without waiting; `None` when no pause is needed.
    fn breather(&self) -> Option<LocalBoxFuture<()>>;
    /// What made this run's measured timing untrue so far: whether the page was hidden, and the
    /// latest a timer fired after its time (real ms). The virtual clock is never distorted.
    fn distortion_seen(&self) -> (bool, f64) {
        (false, 0.0)
    }
    /// Real threads for `to_thread` (the browser's worker); `None` where a job's time is modelled.
    fn thread_pool(&self) -> Option<&dyn ThreadPool> {
        None
    }
    /// Real network and files (the browser's `fetch` and private file system); `None` where
    /// each operation's time and answer are modelled.
    fn io(&self) -> Option<&dyn super::io::Io> {
        None
    }
    /// Whether the trace keeps the loop's bookkeeping at each turn ([`Trace::turns`]).
    fn inspects(&self) -> bool {
        false
    }
}

/// What a ready callback or a timer is, for the loop inspector: [`Callback`] without its text.
#[derive(Clone, Copy)]
pub enum Label {
    /// Wakes this task (a sleep's timer).
    Wakes(TaskId),
    /// The Python function the callback is, by name.
    Named(&'static str),
}

impl Label {
    fn callback(self) -> Callback {
        match self {
            Label::Wakes(task) => Callback::Wakes(task),
            Label::Named(name) => Callback::Call(name.to_owned()),
        }
    }
}

/// Runs thread jobs outside the page's thread and reports each result when it is done.
pub trait ThreadPool {
    /// `wanted()` turns false once the run that submitted the job has ended or was cancelled.
    /// `done` gets the job's result, or why the thread could not run it.
    fn submit(
        &self,
        job: &'static super::thread::ThreadJob,
        arg: f64,
        wanted: Box<dyn Fn() -> bool>,
        done: Box<dyn FnOnce(Result<String, String>)>,
    );
}

/// One ready callback.
pub(crate) enum Handle {
    /// Run (poll) a task one step.
    Step(Rc<TaskHeader>),
    /// A plain callback: a future's done-callback, `call_soon`, `stop`.
    Call(Label, Box<dyn FnOnce()>),
    /// A `call_later` callback whose time has come (it may have been cancelled since).
    Timer(Rc<TimerHandle>),
}

/// What `call_later` returns: cancel it to drop the callback.
pub struct TimerHandle {
    callback: RefCell<Option<Box<dyn FnOnce()>>>,
    /// Its deadline, tutorial seconds.
    when: f64,
    label: Label,
    lp: Weak<LoopInner>,
}

impl TimerHandle {
    /// `handle.cancel()`: the callback will not run. Cancelling twice or after it ran does nothing.
    pub fn cancel(&self) {
        if self.callback.borrow_mut().take().is_some() {
            if let Some(lp) = self.lp.upgrade() {
                lp.live_timers.set(lp.live_timers.get() - 1);
            }
        }
    }

    fn is_cancelled(&self) -> bool {
        self.callback.borrow().is_none()
    }
}

struct TimerEntry {
    when: f64,
    seq: u64,
    handle: Rc<TimerHandle>,
}

impl PartialEq for TimerEntry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}
impl Eq for TimerEntry {}
impl PartialOrd for TimerEntry {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for TimerEntry {
    /// Reversed, so that `BinaryHeap` pops the earliest deadline, and the first created among equals.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other.when.total_cmp(&self.when).then(other.seq.cmp(&self.seq))
    }
}

/// A loop's tasks not yet done, by id. Ids are a run's task count, dense from 1, so a task is
/// found by its index: hashing it cost a tenth of a 10,000-task run (a waker looks its task up).
#[derive(Default)]
struct TaskTable(Vec<Option<Rc<TaskHeader>>>);

impl TaskTable {
    fn insert(&mut self, task: Rc<TaskHeader>) {
        let id = task.id;
        if self.0.len() <= id {
            self.0.resize(id + 1, None);
        }
        self.0[id] = Some(task);
    }

    fn remove(&mut self, id: TaskId) {
        if let Some(slot) = self.0.get_mut(id) {
            *slot = None;
        }
    }

    fn get(&self, id: TaskId) -> Option<&Rc<TaskHeader>> {
        self.0.get(id).and_then(Option::as_ref)
    }

    /// In creation order.
    fn pending(&self) -> Vec<Rc<TaskHeader>> {
        self.0.iter().flatten().cloned().collect()
    }

    /// Takes every task out, in creation order.
    fn drain(&mut self) -> Vec<Rc<TaskHeader>> {
        std::mem::take(&mut self.0).into_iter().flatten().collect()
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum LoopState {
    Idle,
    Running,
    Closed,
}

pub(crate) struct LoopInner {
    key: u32,
    rt: Rc<Runtime>,
    ready: RefCell<VecDeque<Handle>>,
    timers: RefCell<BinaryHeap<TimerEntry>>,
    /// Completions from outside the loop whose time is known (modelled threads and I/O on the
    /// virtual clock): like `call_soon_threadsafe` at that instant, so they join the ready queue
    /// before the loop's own timers due then.
    arrivals_at: RefCell<BinaryHeap<TimerEntry>>,
    timer_seq: Cell<u64>,
    live_timers: Cell<usize>,
    /// Tasks not yet done, by id: `asyncio.all_tasks()`, and what a waker looks up.
    tasks: RefCell<TaskTable>,
    state: Cell<LoopState>,
    stopping: Cell<bool>,
}

/// An asyncio event loop. Cloning gives another handle to the same loop.
#[derive(Clone)]
pub struct EventLoop(pub(crate) Rc<LoopInner>);

impl PartialEq for EventLoop {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Rc<Runtime>>> = const { RefCell::new(None) };
    /// Loops by key, so that a `Waker` (which must be `Send`) can find its task's loop.
    static LOOPS: RefCell<HashMap<u32, Weak<LoopInner>>> = RefCell::new(HashMap::new());
    static NEXT_LOOP_KEY: Cell<u32> = const { Cell::new(1) };
    static LIVE_TASKS: Cell<usize> = const { Cell::new(0) };
    static LIVE_LOOPS: Cell<usize> = const { Cell::new(0) };
}

/// Tasks and loops alive on this thread: both must fall to zero when runs end or are cancelled.
pub fn live_counts() -> (usize, usize) {
    (LIVE_TASKS.with(Cell::get), LIVE_LOOPS.with(Cell::get))
}

pub(crate) fn count_task(delta: isize) {
    LIVE_TASKS.with(|c| c.set(c.get().wrapping_add_signed(delta)));
}

/// A callback from an operation outside the loop, with its name.
type Arrival = (Label, Box<dyn FnOnce()>);

/// The state of one program run: its host, its trace and its loops.
pub(crate) struct Runtime {
    host: Rc<dyn Host>,
    /// Sees every event as it is recorded: the page shows lines the moment they are printed.
    observer: Rc<dyn Fn(&crate::trace::Event)>,
    /// Logical time in tutorial seconds: the deadline of the timers being run, plus blocked time.
    now: Cell<f64>,
    /// Real ms read at the start of the current batch: events in one batch happen within
    /// microseconds of each other, and reading the browser clock per event costs more than the
    /// event. Printed lines and blocking calls read the clock afresh.
    batch_ms: Cell<f64>,
    trace: RefCell<Trace>,
    running: RefCell<Option<EventLoop>>,
    /// What `asyncio.get_event_loop()` returns outside a running loop.
    default_loop: RefCell<Option<EventLoop>>,
    loops: RefCell<Vec<Weak<LoopInner>>>,
    /// Operations started outside the loop (worker jobs, fetches, files) not yet arrived.
    in_flight: Cell<usize>,
    /// Callbacks from operations that have ended, waiting to join the running loop's ready queue.
    arrived: RefCell<VecDeque<Arrival>>,
    /// The driver, while it waits for a timer or an arrival.
    driver_waker: RefCell<Option<Waker>>,
    /// Whether each turn's bookkeeping goes into the trace (the host [`Host::inspects`]).
    inspects: bool,
    /// The files a run on the virtual clock has written, by name: what its reads find.
    modelled_files: RefCell<HashMap<String, String>>,
    /// Coroutines handed to a call that raised before running them, by name: an uncaught
    /// exception keeps them alive until the interpreter shuts down, where CPython warns.
    unawaited: RefCell<Vec<&'static str>>,
}

impl Runtime {
    fn new(host: Rc<dyn Host>, observer: Rc<dyn Fn(&crate::trace::Event)>) -> Self {
        Runtime {
            inspects: host.inspects(),
            host,
            observer,
            now: Cell::new(0.0),
            trace: RefCell::new(Trace { tasks: vec!["<module>"], ..Trace::default() }),
            batch_ms: Cell::new(0.0),
            running: RefCell::new(None),
            default_loop: RefCell::new(None),
            loops: RefCell::new(Vec::new()),
            in_flight: Cell::new(0),
            arrived: RefCell::new(VecDeque::new()),
            driver_waker: RefCell::new(None),
            modelled_files: RefCell::new(HashMap::new()),
            unawaited: RefCell::new(Vec::new()),
        }
    }

    /// A coroutine that a call refused (it raised before running it) and that will never run.
    pub(crate) fn never_awaited(&self, name: &'static str) {
        self.unawaited.borrow_mut().push(name);
    }

    /// A coroutine object ([`super::coroutine`]) dropped without ever being awaited.
    pub(crate) fn dropped_unawaited(&self, name: &'static str, site: Option<Site>) {
        let unawaited = crate::trace::Unawaited { coroutine: name.to_owned(), site };
        self.trace.borrow_mut().never_awaited.push(unawaited);
    }

    /// The runtime of the program being run on this thread.
    pub(crate) fn current() -> Option<Rc<Runtime>> {
        CURRENT.with(|c| c.borrow().clone())
    }

    fn enter<R>(self: &Rc<Self>, f: impl FnOnce() -> R) -> R {
        self.batch_ms.set(self.host.now_ms());
        let previous = CURRENT.with(|c| c.replace(Some(self.clone())));
        let result = f();
        CURRENT.with(|c| *c.borrow_mut() = previous);
        result
    }

    pub(crate) fn now(&self) -> f64 {
        self.now.get()
    }

    pub(crate) fn host(&self) -> &Rc<dyn Host> {
        &self.host
    }

    pub(crate) fn modelled_files(&self) -> &RefCell<HashMap<String, String>> {
        &self.modelled_files
    }

    pub(crate) fn record(&self, task: TaskId, kind: EventKind) {
        let ms = match kind {
            EventKind::Printed(_) | EventKind::Stderr(_) => self.host.now_ms(),
            _ => self.batch_ms.get(),
        };
        let call = matches!(kind, EventKind::Waits(..)).then(super::site::current_call).flatten();
        let event = crate::trace::Event { task, t: self.now.get(), ms, kind };
        (self.observer)(&event);
        let mut trace = self.trace.borrow_mut();
        if let Some(call) = call {
            let index = trace.events.len();
            trace.in_calls.push((index, call));
        }
        trace.events.push(event);
    }

    /// The coroutine name a task was created with.
    pub(crate) fn task_name(&self, id: TaskId) -> &'static str {
        self.trace.borrow().tasks.get(id).copied().unwrap_or_default()
    }

    pub(crate) fn new_task_id(&self, coroutine: &'static str) -> TaskId {
        let mut trace = self.trace.borrow_mut();
        trace.tasks.push(coroutine);
        let id = trace.tasks.len() - 1;
        drop(trace);
        self.record(id, EventKind::TaskCreated);
        id
    }

    /// `time.sleep(seconds)`: the thread is held, and with it the loop and every task.
    pub(crate) fn block(&self, task: TaskId, seconds: f64, site: Option<Site>) {
        self.record(task, EventKind::Blocked(seconds, site));
        self.host.block(seconds);
        self.now.set(self.now.get() + seconds);
        self.batch_ms.set(self.host.now_ms());
    }

    /// Starts an operation that ends outside the loop, in real time: the returned callback, called
    /// when it ends (from a worker's message, a promise), queues `then` for the loop — as
    /// `loop.call_soon_threadsafe(then)` — and wakes the driver. After the run it does nothing.
    pub(crate) fn start_external(
        self: &Rc<Self>,
        label: &'static str,
        then: impl FnOnce() + 'static,
    ) -> impl FnOnce() + 'static {
        self.in_flight.set(self.in_flight.get() + 1);
        let rt = Rc::downgrade(self);
        move || {
            let Some(rt) = rt.upgrade() else { return };
            rt.in_flight.set(rt.in_flight.get() - 1);
            rt.arrived.borrow_mut().push_back((Label::Named(label), Box::new(then)));
            let waker = rt.driver_waker.borrow_mut().take();
            if let Some(waker) = waker {
                waker.wake();
            }
        }
    }

    /// Resolves when an external operation has arrived.
    fn arrival(self: &Rc<Self>) -> impl Future<Output = ()> + 'static {
        let rt = self.clone();
        std::future::poll_fn(move |cx| {
            if rt.arrived.borrow().is_empty() {
                *rt.driver_waker.borrow_mut() = Some(cx.waker().clone());
                Poll::Pending
            } else {
                Poll::Ready(())
            }
        })
    }

    pub(crate) fn running_loop(&self) -> Option<EventLoop> {
        self.running.borrow().clone()
    }

    pub(crate) fn new_loop(self: &Rc<Self>) -> EventLoop {
        let key = NEXT_LOOP_KEY.with(|k| {
            let key = k.get();
            k.set(key + 1);
            key
        });
        let inner = Rc::new(LoopInner {
            key,
            rt: self.clone(),
            ready: RefCell::new(VecDeque::new()),
            timers: RefCell::new(BinaryHeap::new()),
            arrivals_at: RefCell::new(BinaryHeap::new()),
            timer_seq: Cell::new(0),
            live_timers: Cell::new(0),
            tasks: RefCell::new(TaskTable::default()),
            state: Cell::new(LoopState::Idle),
            stopping: Cell::new(false),
        });
        LOOPS.with(|l| l.borrow_mut().insert(key, Rc::downgrade(&inner)));
        LIVE_LOOPS.with(|c| c.set(c.get() + 1));
        self.loops.borrow_mut().push(Rc::downgrade(&inner));
        EventLoop(inner)
    }

    pub(crate) fn default_loop(self: &Rc<Self>) -> EventLoop {
        if let Some(lp) = self.default_loop.borrow().clone() {
            return lp;
        }
        let lp = self.new_loop();
        *self.default_loop.borrow_mut() = Some(lp.clone());
        lp
    }

    pub(crate) fn set_default_loop(&self, lp: Option<EventLoop>) {
        *self.default_loop.borrow_mut() = lp;
    }

    /// Drops every task, timer and callback of every loop: the futures hold handles to their
    /// loop, so without this a cancelled run would keep itself alive.
    fn shutdown(&self) {
        self.arrived.borrow_mut().clear();
        self.driver_waker.borrow_mut().take();
        self.running.borrow_mut().take();
        self.default_loop.borrow_mut().take();
        for lp in self.loops.borrow_mut().drain(..) {
            if let Some(lp) = lp.upgrade() {
                lp.clear();
            }
        }
    }
}

impl LoopInner {
    fn clear(&self) {
        let tasks = self.tasks.borrow_mut().drain();
        for task in &tasks {
            task.drop_future();
        }
        drop(tasks);
        let ready: Vec<_> = self.ready.borrow_mut().drain(..).collect();
        drop(ready);
        self.arrivals_at.borrow_mut().clear();
        let timers: Vec<_> = self.timers.borrow_mut().drain().collect();
        for entry in &timers {
            entry.handle.callback.borrow_mut().take();
        }
        self.live_timers.set(0);
    }
}

impl Drop for LoopInner {
    fn drop(&mut self) {
        LOOPS.with(|l| l.borrow_mut().remove(&self.key));
        LIVE_LOOPS.with(|c| c.set(c.get() - 1));
    }
}

impl EventLoop {
    pub(crate) fn rt(&self) -> &Rc<Runtime> {
        &self.0.rt
    }

    /// `loop.time()`.
    pub fn time(&self) -> f64 {
        self.0.rt.now()
    }

    pub(crate) fn call_soon_handle(&self, handle: Handle) {
        self.0.ready.borrow_mut().push_back(handle);
    }

    /// `loop.call_soon(callback)`: runs in the next batch. `name` is the Python callback's.
    pub fn call_soon(&self, name: &'static str, callback: impl FnOnce() + 'static) {
        self.call_soon_handle(Handle::Call(Label::Named(name), Box::new(callback)));
    }

    /// `loop.call_later(delay, callback)`, the callback named for the inspector.
    #[must_use = "dropping the handle does not cancel the timer; keep it to cancel it"]
    pub fn call_later(&self, delay: f64, label: Label, callback: impl FnOnce() + 'static) -> Rc<TimerHandle> {
        self.call_at(self.time() + delay, label, callback)
    }

    /// `loop.call_at(when, callback)`.
    #[must_use = "dropping the handle does not cancel the timer; keep it to cancel it"]
    pub fn call_at(&self, when: f64, label: Label, callback: impl FnOnce() + 'static) -> Rc<TimerHandle> {
        // Whole nanoseconds, as CPython's monotonic clock counts them (and as the CPython
        // reference run keeps its deadlines): sleeps of 0.1 s and 0.2 s end at 0.3, not at
        // 0.30000000000000004, so a time printed at a deadline reads as Python prints it.
        let when = (when * 1e9).round() / 1e9;
        let handle = Rc::new(TimerHandle {
            callback: RefCell::new(Some(Box::new(callback))),
            when,
            label,
            lp: Rc::downgrade(&self.0),
        });
        let seq = self.0.timer_seq.get();
        self.0.timer_seq.set(seq + 1);
        self.0.live_timers.set(self.0.live_timers.get() + 1);
        self.0.timers.borrow_mut().push(TimerEntry { when, seq, handle: handle.clone() });
        handle
    }

    /// A completion from outside the loop at a known time (a modelled thread or I/O): it runs
    /// as a `call_soon_threadsafe` callback made at `when`.
    pub(crate) fn call_soon_threadsafe_at(&self, when: f64, name: &'static str, callback: impl FnOnce() + 'static) {
        let when = (when * 1e9).round() / 1e9;
        let handle = Rc::new(TimerHandle {
            callback: RefCell::new(Some(Box::new(callback))),
            when,
            label: Label::Named(name),
            lp: Weak::new(),
        });
        let seq = self.0.timer_seq.get();
        self.0.timer_seq.set(seq + 1);
        self.0.arrivals_at.borrow_mut().push(TimerEntry { when, seq, handle });
    }

    /// Timers scheduled and neither run nor cancelled.
    pub fn live_timers(&self) -> usize {
        self.0.live_timers.get()
    }

    pub fn is_running(&self) -> bool {
        self.0.state.get() == LoopState::Running
    }

    pub fn is_closed(&self) -> bool {
        self.0.state.get() == LoopState::Closed
    }

    /// `loop.stop()`: the loop finishes the batch it is running, then returns from `run_forever`.
    pub fn stop(&self) {
        self.0.stopping.set(true);
    }

    /// `loop.close()`. Python refuses to close a running loop.
    pub fn close(&self) -> PyResult<()> {
        match self.0.state.get() {
            LoopState::Running => Err(PyErr::runtime_error("Cannot close a running event loop")),
            _ => {
                self.0.state.set(LoopState::Closed);
                self.0.ready.borrow_mut().clear();
                Ok(())
            }
        }
    }

    pub(crate) fn check_closed(&self) -> PyResult<()> {
        if self.is_closed() {
            Err(PyErr::runtime_error("Event loop is closed"))
        } else {
            Ok(())
        }
    }

    pub(crate) fn register_task(&self, task: Rc<TaskHeader>) {
        self.0.tasks.borrow_mut().insert(task);
    }

    pub(crate) fn forget_task(&self, id: TaskId) {
        self.0.tasks.borrow_mut().remove(id);
    }

    /// Tasks of this loop that are not done, in creation order (`asyncio.all_tasks()`).
    pub(crate) fn pending_tasks(&self) -> Vec<Rc<TaskHeader>> {
        self.0.tasks.borrow().pending()
    }

    pub(crate) fn waker_for(&self, task: TaskId) -> Waker {
        Waker::from(Arc::new(TaskWaker { loop_key: self.0.key, task }))
    }

    /// `run_forever()`: called by the program's future; the driver then runs this loop until
    /// it is stopped.
    pub(crate) fn start_running(&self) -> PyResult<()> {
        self.check_closed()?;
        let rt = self.rt();
        if self.is_running() || rt.running.borrow().is_some() {
            return Err(PyErr::runtime_error("This event loop is already running"));
        }
        self.0.state.set(LoopState::Running);
        *rt.running.borrow_mut() = Some(self.clone());
        Ok(())
    }

    fn finish_running(&self) {
        self.0.stopping.set(false);
        if self.0.state.get() == LoopState::Running {
            self.0.state.set(LoopState::Idle);
        }
        self.rt().running.borrow_mut().take();
    }

    /// The earliest live deadline of a timer or a known arrival, dropping cancelled timers from
    /// the head of the heap.
    fn next_deadline(&self) -> Option<f64> {
        let mut timers = self.0.timers.borrow_mut();
        while timers.peek().is_some_and(|top| top.handle.is_cancelled()) {
            timers.pop();
        }
        let timer = timers.peek().map(|top| top.when);
        let arrival = self.0.arrivals_at.borrow().peek().map(|top| top.when);
        match (timer, arrival) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn has_ready(&self) -> bool {
        !self.0.ready.borrow().is_empty()
    }

    /// One iteration of `_run_once` after any wait: due timers join the ready queue, then exactly
    /// the callbacks queued at this moment run.
    fn run_once(&self) {
        let end_time = self.time() + CLOCK_RESOLUTION;
        {
            let mut ready = self.0.ready.borrow_mut();
            // Outside completions were queued with call_soon_threadsafe while the loop waited:
            // they are in the ready queue before the timers that fall due now.
            ready.extend(
                self.0.rt.arrived.borrow_mut().drain(..).map(|(label, callback)| Handle::Call(label, callback)),
            );
            let mut arrivals = self.0.arrivals_at.borrow_mut();
            while arrivals.peek().is_some_and(|top| top.when < end_time) {
                let entry = arrivals.pop().expect("peeked just above");
                let callback = entry.handle.callback.borrow_mut().take();
                if let Some(callback) = callback {
                    ready.push_back(Handle::Call(entry.handle.label, callback));
                }
            }
            let mut timers = self.0.timers.borrow_mut();
            while timers.peek().is_some_and(|top| top.when < end_time) {
                let entry = timers.pop().expect("peeked just above");
                if !entry.handle.is_cancelled() {
                    ready.push_back(Handle::Timer(entry.handle));
                }
            }
        }
        if self.0.rt.inspects {
            self.record_turn();
        }
        let batch = self.0.ready.borrow().len();
        for _ in 0..batch {
            let Some(handle) = self.0.ready.borrow_mut().pop_front() else { break };
            match handle {
                Handle::Step(task) => task.step(),
                Handle::Call(_, callback) => callback(),
                Handle::Timer(timer) => {
                    let callback = timer.callback.borrow_mut().take();
                    if let Some(callback) = callback {
                        self.0.live_timers.set(self.0.live_timers.get() - 1);
                        callback();
                    }
                }
            }
        }
    }
}

impl EventLoop {
    /// The turn about to run, for the loop inspector: the ready queue, the timers that fell due
    /// (they joined its end: only timers that fell due now are ever in it), and the live timers
    /// by deadline. Cancelled timers are left out, as `_run_once` skips them.
    fn record_turn(&self) {
        let (mut ready, mut due) = (Vec::new(), Vec::new());
        for handle in self.0.ready.borrow().iter() {
            match handle {
                Handle::Step(task) => ready.push(Callback::Step(task.id)),
                Handle::Call(label, _) => ready.push(label.callback()),
                Handle::Timer(timer) if !timer.is_cancelled() => due.push((timer.when, timer.label.callback())),
                Handle::Timer(_) => {}
            }
        }
        let mut timers: Vec<_> = self
            .0
            .timers
            .borrow()
            .iter()
            .filter(|e| !e.handle.is_cancelled())
            .map(|e| (e.when, e.seq, e.handle.label))
            .collect();
        timers.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let timers = timers.into_iter().map(|(when, _, label)| (when, label.callback())).collect();
        let rt = &self.0.rt;
        let events = rt.trace.borrow().events.len();
        rt.trace.borrow_mut().turns.push(Turn { t: rt.now(), events, ready, due, timers });
    }
}

/// Wakes a task by scheduling its next step on its loop, as a future's done-callback
/// `Task.__wakeup` does in CPython.
struct TaskWaker {
    loop_key: u32,
    task: TaskId,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let lp = LOOPS.with(|l| l.borrow().get(&self.loop_key).and_then(Weak::upgrade));
        let Some(lp) = lp else { return };
        let task = lp.tasks.borrow().get(self.task).cloned();
        if let Some(task) = task {
            task.schedule(&EventLoop(lp));
        }
    }
}

/// Ends the run's loops when the driver finishes or is dropped mid-run (a cancelled run).
struct ShutdownGuard(Rc<Runtime>);

impl Drop for ShutdownGuard {
    fn drop(&mut self) {
        self.0.shutdown();
    }
}

/// Runs a program to its end on `host` and returns its trace; `observer` sees each event as it
/// happens.
///
/// Dropping the returned future cancels the run: every task, timer and callback is dropped.
pub async fn drive(host: Rc<dyn Host>, program: Program, observer: Rc<dyn Fn(&crate::trace::Event)>) -> RunOutcome {
    let rt = Rc::new(Runtime::new(host.clone(), observer));
    let guard = ShutdownGuard(rt.clone());
    let mut program = program;
    let mut cx = Context::from_waker(Waker::noop());
    let exit = 'program: loop {
        // The program only waits on a loop it started; the driver runs that loop until it stops.
        if let Poll::Ready(result) = rt.enter(|| program.as_mut().poll(&mut cx)) {
            break match result {
                Ok(()) => Exit::Ok,
                Err(err) => {
                    // What CPython writes to stderr for it: its traceback, whose frames the twin
                    // does not know, so only the last line (as the page folds a traceback anyway).
                    rt.record(0, EventKind::Stderr(err.to_string()));
                    // Then, at shutdown, a warning for each coroutine the traceback kept alive
                    // unrun: once per name, as Python's "default" warning filter shows one
                    // message once per place (all of these are at `sys:1`).
                    let mut warned: Vec<&str> = Vec::new();
                    for name in rt.unawaited.take() {
                        if !warned.contains(&name) {
                            warned.push(name);
                            let warning = format!("sys:1: RuntimeWarning: coroutine '{name}' was never awaited");
                            rt.record(0, EventKind::Stderr(warning));
                        }
                    }
                    Exit::Exception(err.to_string())
                }
            };
        }
        let Some(lp) = rt.running_loop() else {
            break Exit::Exception("RuntimeError: the program waits on something no loop runs".into());
        };
        loop {
            let idle = !lp.has_ready() && !lp.0.stopping.get() && rt.arrived.borrow().is_empty();
            if idle {
                let outside = rt.in_flight.get() > 0;
                match (lp.next_deadline(), outside) {
                    (Some(when), false) => {
                        if when > rt.now() {
                            host.sleep_until(when).await;
                            rt.now.set(when);
                        }
                    }
                    // A timer or an operation outside the loop, whichever comes first.
                    (Some(when), true) => {
                        let timer = host.sleep_until(when);
                        match futures::future::select(timer, Box::pin(rt.arrival())).await {
                            futures::future::Either::Left(_) => rt.now.set(when),
                            futures::future::Either::Right(_) => rt.now.set(rt.now().max(host.tutorial_now())),
                        }
                    }
                    (None, true) => {
                        rt.arrival().await;
                        rt.now.set(rt.now().max(host.tutorial_now()));
                    }
                    // Nothing ready, no timer, nothing outside: Python would wait forever.
                    (None, false) => {
                        lp.finish_running();
                        break 'program Exit::NeverExits;
                    }
                }
            }
            rt.enter(|| lp.run_once());
            if lp.0.stopping.get() {
                break;
            }
            if let Some(pause) = host.breather() {
                pause.await;
            }
        }
        lp.finish_running();
    };
    let trace = rt.trace.take();
    let (hidden, worst_late_ms) = host.distortion_seen();
    let blocked = trace.events.iter().any(|e| matches!(e.kind, EventKind::Blocked(..)));
    // How far the host's clock ran past the loop's: the tutorial seconds the run is behind, in
    // the host's milliseconds.
    let (host_now, run_ms) = (host.tutorial_now(), host.now_ms());
    let total_late_ms = if host_now > 0.0 { (host_now - rt.now()).max(0.0) * run_ms / host_now } else { 0.0 };
    let outcome = RunOutcome {
        trace,
        exit,
        elapsed: rt.now(),
        elapsed_ms: run_ms,
        distorted: crate::trace::Distortion::judge(hidden, worst_late_ms, total_late_ms, run_ms, blocked),
    };
    drop(guard);
    outcome
}
