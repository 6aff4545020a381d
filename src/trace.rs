//! The trace of a run: everything the page, the timeline, the comparison and the embed API show
//! is drawn from this one list of events.
//!
//! Times are kept on two clocks: `t`, the loop's logical time in tutorial seconds (what asyncio's
//! `loop.time()` says), and `ms`, real milliseconds since the run started (measured in the
//! browser; `t * 1000 / speed` on the virtual clock).

use std::borrow::Cow;
use std::panic::Location;

use serde::{Serialize, Serializer};

/// Index of a task in its run: 0 is the program itself (code outside any task).
pub type TaskId = usize;

/// A task's name as Python gives it (`Task-2`); the program itself, outside any task, is
/// `<module>`, as in a traceback.
pub fn task_name(task: TaskId) -> String {
    if task == 0 {
        "<module>".to_owned()
    } else {
        format!("Task-{task}")
    }
}

/// A name or description in an event: borrowed when the program has it already (a queue's name,
/// `gather`), made only when it says something of the run (`wait_for 0.5 s`). A run of 10,000
/// waits on a queue does not allocate 10,000 copies of its name.
pub type Text = Cow<'static, str>;

/// What a task is waiting on, for the timeline's bars.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum WaitOn {
    /// `asyncio.sleep(seconds)`.
    Sleep(f64),
    /// Another task finishing.
    Task(TaskId),
    /// A future that is not a task (gather, wait, a callback's future…): its description.
    Future(Text),
    /// `queue.get()` on an empty queue, or `queue.put()` on a full one: the queue's name.
    Queue(Text),
    /// Something outside the loop: a worker thread, a fetch, a file.
    External(Text),
}

/// Where a task waits. In the engine's runs, a line of the scenario's Rust: the call site of the
/// awaited function, which the page shows in the Rust and maps to the Python line
/// (`python_lines.txt`). In a program run on CPython, the line of the program itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Site {
    Rust(&'static Location<'static>),
    Python(u32),
}

impl Site {
    /// A Rust site's file name within `src/scenarios/`, e.g. `say_after.rs`; none for a line of
    /// the Python program.
    pub fn file(&self) -> Option<&'static str> {
        match self {
            Site::Rust(location) => {
                let path = location.file();
                Some(path.rsplit(['/', '\\']).next().unwrap_or(path))
            }
            Site::Python(_) => None,
        }
    }

    /// The line in its own file, from 1.
    pub fn line(&self) -> u32 {
        match self {
            Site::Rust(location) => location.line(),
            Site::Python(line) => *line,
        }
    }
}

/// As `say_after.rs:31`, or `python:9` for a line of the program run on CPython.
impl Serialize for Site {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{}:{}", self.file().unwrap_or("python"), self.line()))
    }
}

/// How a task ended.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Outcome {
    Returned,
    /// The exception it raised, as Python prints its last line (`ValueError: boom`).
    Raised(String),
    Cancelled,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum EventKind {
    /// A task was created; its coroutine's name is in [`Trace::tasks`].
    TaskCreated,
    /// The task's code starts or resumes running.
    Resumed,
    /// The task waits on this, at this line of the scenario (none for asyncio's own waits).
    Waits(WaitOn, Option<Site>),
    Finished(Outcome),
    /// A line the program printed (stdout).
    Printed(String),
    /// A line the program wrote to stderr: what CPython writes there, such as the last line of the
    /// traceback of an uncaught exception.
    Stderr(String),
    /// A blocking call, at this line, held the whole loop for this many tutorial seconds.
    Blocked(f64, Option<Site>),
    QueuePut {
        queue: Text,
        size: usize,
    },
    QueueGot {
        queue: Text,
        size: usize,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    pub task: TaskId,
    /// Logical loop time, tutorial seconds.
    pub t: f64,
    /// Real milliseconds since the run started.
    pub ms: f64,
    pub kind: EventKind,
}

/// How fast a run goes: tutorial seconds per real second (`speed` in the URL). Every run is
/// measured in both units (an event's `t` and `ms`); this is the one place they are converted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Speed(pub f64);

impl Speed {
    /// Real milliseconds, as tutorial seconds.
    pub fn seconds(self, ms: f64) -> f64 {
        ms * self.0 / 1000.0
    }

    /// Tutorial seconds, as real milliseconds.
    pub fn ms(self, seconds: f64) -> f64 {
        seconds * 1000.0 / self.0
    }
}

/// Where a line was written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stream {
    #[default]
    Stdout,
    Stderr,
}

/// A line written, the unit of the log and of the embed API's `line` event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Line {
    pub task: TaskId,
    pub text: String,
    pub t: f64,
    pub ms: f64,
    pub stream: Stream,
}

impl Line {
    /// The line an event writes, if it writes one.
    pub fn of(event: &Event) -> Option<Line> {
        let (stream, text) = match &event.kind {
            EventKind::Printed(text) => (Stream::Stdout, text),
            EventKind::Stderr(text) => (Stream::Stderr, text),
            _ => return None,
        };
        Some(Line { task: event.task, text: text.clone(), t: event.t, ms: event.ms, stream })
    }
}

/// How the program ended, as Python would have it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Exit {
    Ok,
    /// An uncaught exception: the final line Python prints, e.g. `RuntimeError: Event loop is closed`.
    Exception(String),
    /// The program would wait forever (nothing left that could wake the loop); stopped here.
    NeverExits,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Trace {
    pub events: Vec<Event>,
    /// The coroutine each task runs, by task id; index 0 is the program.
    pub tasks: Vec<&'static str>,
    /// The loop's bookkeeping at each turn, for the loop inspector: only in a run that asked for
    /// it (`virtual_clock::run_inspected`, CPython's `--turns`), empty otherwise.
    pub turns: Vec<Turn>,
    /// Coroutines made and dropped without ever being awaited: CPython's `RuntimeWarning:
    /// coroutine '…' was never awaited`. Not the ones an uncaught exception kept (their warning
    /// follows the traceback, whose error is the one to fix).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub never_awaited: Vec<Unawaited>,
    /// The waits made inside a coroutine call that the task's own coroutine awaits
    /// (`await say_after(1, 'hello')`): the wait's index in `events`, and the line of that call;
    /// in the order of the events.
    /// Kept beside the events, not as events of their own, so that a turn's count of the events
    /// before it stays CPython's.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub in_calls: Vec<(usize, Site)>,
}

/// A coroutine that was never awaited: its function's name, and the line that made it, where
/// known (a CPython warning that names a line of the program; the engine's [`aio::coroutine`]).
///
/// [`aio::coroutine`]: crate::aio::coroutine
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unawaited {
    pub coroutine: String,
    pub site: Option<Site>,
}

/// A callback in the loop's ready queue or timer heap, named as CPython's own bookkeeping names
/// it (`BaseEventLoop._ready`, `_scheduled`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Callback {
    /// A step of this task: its first (`Task.__step`) or a wake-up (`task_wakeup`).
    Step(TaskId),
    /// A sleep's timer (`_set_result_unless_cancelled`), which wakes the task awaiting it.
    Wakes(TaskId),
    /// Any other callback, by its function's name: `_run_until_complete_cb`, gather's
    /// `_done_callback`, `wait`'s `_on_completion`, a program's own `call_soon` callback.
    Call(String),
}

/// One turn of the loop (`_run_once`): what runs in it, in order, and the timers still pending.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Turn {
    /// The loop's time when the turn runs, tutorial seconds.
    pub t: f64,
    /// How many of the trace's events happened before the turn.
    pub events: usize,
    /// The ready queue: what was scheduled to run next (`call_soon`, a woken task's step).
    pub ready: Vec<Callback>,
    /// The timers that fell due now, by deadline (tutorial seconds): they join the end of the
    /// ready queue, and the turn runs both.
    pub due: Vec<(f64, Callback)>,
    /// The timers not due yet, by deadline, then by creation.
    pub timers: Vec<(f64, Callback)>,
}

impl Trace {
    /// Every line written, stdout and stderr, in the order they were written.
    pub fn lines(&self) -> Vec<Line> {
        self.events.iter().filter_map(Line::of).collect()
    }
}

/// The result of running one variant.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RunOutcome {
    pub trace: Trace,
    pub exit: Exit,
    /// Logical time when the program ended (tutorial seconds).
    pub elapsed: f64,
    /// Real milliseconds the run took.
    pub elapsed_ms: f64,
    /// Set when the measured times are not what asyncio does: the page was hidden, or its
    /// timers fired much later than asked.
    pub distorted: Option<Distortion>,
}

/// Why a run's measured timing cannot be trusted.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Distortion {
    /// The tab was hidden during the run (browsers throttle hidden tabs' timers).
    pub hidden: bool,
    /// The latest a timer fired after the time it was set for, in real milliseconds.
    pub worst_late_ms: f64,
    /// How much later than its timers were due the run ended, in real milliseconds: the
    /// lateness of all its timers that added up.
    pub total_late_ms: f64,
    /// How long the run took, in real milliseconds.
    pub run_ms: f64,
}

impl Distortion {
    /// Later than this and a timer's lateness is more than a browser's ordinary jitter.
    pub const LATE_MS: f64 = 50.0;
    /// A run that ends later than its timers were due by more than this…
    pub const BEHIND_MS: f64 = 25.0;
    /// …and by more than this share of its whole run is not what asyncio does either, though no
    /// single timer was very late.
    pub const BEHIND_SHARE: f64 = 0.05;

    /// Judges what the clock saw. Runs with blocking calls are the deliberate exception: their
    /// timers are late because the lesson holds the thread, which is what they show.
    pub fn judge(
        hidden: bool,
        worst_late_ms: f64,
        total_late_ms: f64,
        run_ms: f64,
        blocked: bool,
    ) -> Option<Distortion> {
        let behind = total_late_ms > Self::BEHIND_MS && total_late_ms > Self::BEHIND_SHARE * run_ms;
        let late = (worst_late_ms > Self::LATE_MS || behind) && !blocked;
        (hidden || late).then_some(Distortion { hidden, worst_late_ms, total_late_ms, run_ms })
    }

    /// Whether the run is marked for its timers' lateness added up, not for one late timer.
    pub fn behind(&self) -> bool {
        self.worst_late_ms <= Self::LATE_MS
    }
}

impl RunOutcome {
    pub fn lines(&self) -> Vec<Line> {
        self.trace.lines()
    }
}

#[cfg(test)]
mod tests {
    use super::Distortion;

    #[test]
    fn timing_is_distorted_when_hidden_or_late_except_for_blocking_lessons() {
        let marked = |hidden, worst, total, run| {
            Some(Distortion { hidden, worst_late_ms: worst, total_late_ms: total, run_ms: run })
        };
        assert_eq!(Distortion::judge(false, 12.0, 12.0, 1000.0, false), None, "ordinary jitter");
        assert_eq!(Distortion::judge(false, 80.0, 80.0, 1000.0, false), marked(false, 80.0, 80.0, 1000.0));
        assert_eq!(
            Distortion::judge(false, 2000.0, 2000.0, 3000.0, true),
            None,
            "a blocking lesson makes its timers late"
        );
        assert_eq!(Distortion::judge(true, 3.0, 3.0, 100.0, true), marked(true, 3.0, 3.0, 100.0));
    }

    /// The case: two timers 21 ms late each, a column 42 ms behind over a 142 ms run.
    #[test]
    fn lateness_that_adds_up_is_distorted_too() {
        let behind = Distortion::judge(false, 21.0, 42.0, 142.0, false).expect("42 ms behind over 142 ms");
        assert!(behind.behind());
        assert_eq!(Distortion::judge(false, 4.0, 20.0, 5000.0, false), None, "under 25 ms behind");
        assert_eq!(Distortion::judge(false, 4.0, 200.0, 40_000.0, false), None, "0.5% of a 40 s run");
        assert!(Distortion::judge(false, 4.0, 2100.0, 40_000.0, false).is_some(), "5.25% of a 40 s run");
        assert!(!Distortion::judge(false, 80.0, 80.0, 1000.0, false).unwrap().behind());
    }
}
