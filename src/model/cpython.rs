//! CPython's run of a program, as `static/cpython/virtual_run.py` reports it: on Debian's CPython
//! (the recorder's traces, the parity test) or on CPython in the page (Pyodide, in
//! `static/cpython/worker.js`); and where the engine's run of the same program differs from it.

use crate::lesson::{Source, Variant};
use crate::trace::{
    Callback, Event, EventKind, Exit, Line, Outcome, RunOutcome, Site, Speed, Stream, Trace, Turn, Unawaited, WaitOn,
};

/// The learner's own version, as a column beside the lesson's variants: CPython in the page ran
/// it and the column is drawn from that run (`Column::of_cpython`). The page has no Rust twin of
/// it, so it has no program (`Variant::program` is never asked for it).
pub static YOUR_VERSION: Variant = Variant {
    name: "your-version",
    label: crate::t!("你的版本（CPython）", "your version (CPython)"),
    python: Source {
        path: "",
        #[cfg(not(target_arch = "wasm32"))]
        text: "",
    },
    literals: &[],
    // Not "ours" either: the learner's.
    ours: false,
};

/// A line CPython wrote, at a virtual time. A recorded trace keeps, as `or`, the other texts the
/// line had in other runs (a set's order).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Deserialize))]
pub struct Written {
    pub t: f64,
    pub text: String,
    #[cfg_attr(not(target_arch = "wasm32"), serde(default, rename = "or"))]
    pub alternatives: Vec<String>,
}

impl Written {
    fn texts(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.text.as_str()).chain(self.alternatives.iter().map(String::as_str))
    }
}

#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Deserialize))]
pub struct CpythonExit {
    /// `ok`, `exception` or `never-exits`.
    pub status: String,
    /// The last line of the traceback of an uncaught exception.
    pub exception: Option<String>,
    pub last_event: f64,
    pub stopped_at: Option<f64>,
}

/// What a task did, as `virtual_run.py --events` reports it (task 0: the program outside tasks).
#[derive(Clone, Debug, PartialEq)]
pub struct StepEvent {
    pub task: usize,
    pub t: f64,
    pub kind: Step,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// Created, running this coroutine function.
    Created(String),
    Resumed,
    /// Suspended at this line of the program, waiting on this.
    Waits(Option<u32>, WaitOn),
    /// The same, inside a coroutine call its own coroutine awaits at `call` (`await
    /// say_after(1, 'hello')`): the engine's [`aio::call`](crate::aio::call).
    WaitsInCall {
        line: Option<u32>,
        on: WaitOn,
        call: u32,
    },
    /// An item went into a queue (`put`) or came out of one, which then holds `size`.
    Queue {
        put: bool,
        queue: String,
        size: usize,
    },
    /// Returned, or raised (its traceback's last line), or was cancelled.
    Finished(Outcome),
    Printed(String),
    Stderr(String),
    /// `time.sleep`, at this line of the program, held the loop for these seconds.
    Blocked(Option<u32>, f64),
}

#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Deserialize))]
pub struct CpythonRun {
    /// stdout.
    pub lines: Vec<Written>,
    #[cfg_attr(not(target_arch = "wasm32"), serde(default))]
    pub stderr: Vec<Written>,
    /// When the program ended; none for one that never exits.
    pub elapsed: Option<f64>,
    pub exit: CpythonExit,
    /// Its trace, where it was asked for (in the page); read by hand, not by serde.
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip))]
    pub events: Vec<StepEvent>,
    /// Its loop's turns (`--turns`), for the loop inspector; read by hand likewise.
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip))]
    pub turns: Vec<Turn>,
    /// The coroutines it dropped without ever awaiting them (`--events`), with the program's line
    /// that made each: the harness's record, not CPython's warning, which names where the
    /// coroutine was dropped (a line of asyncio's own, or `sys:1` at shutdown) and warns once for
    /// two dropped at one place. Read by hand likewise ([`read_unawaited`]).
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip))]
    pub unawaited: Vec<Unawaited>,
}

/// The longest a measured run of a learner's program may take in real time: longer, the page says
/// so and shows the virtual run alone (a `sleep(3600)` at ×1 would hold CPython for an hour).
pub const MAX_MEASURED_SECONDS: f64 = 30.0;

/// Why a program's run on the virtual clock is not followed by a measured one.
#[derive(Clone, Debug, PartialEq)]
pub enum NotMeasured {
    /// It never ends: it was cut on the virtual clock, and would be in real time too.
    NeverEnds,
    /// It would take this many real seconds at the page's speed.
    TooLong(f64),
}

impl CpythonRun {
    /// The module the program could not import, if that is how it ended (`ModuleNotFoundError:
    /// No module named 'numpy'`, or `'aiohttp.web'`): the page says what it has instead.
    pub fn missing_module(&self) -> Option<&str> {
        let exception = self.exit.exception.as_deref()?;
        exception.strip_prefix("ModuleNotFoundError: No module named '")?.strip_suffix('\'')
    }

    /// Whether the run on real time at `speed` is worth doing after this one on the virtual clock.
    pub fn measurable(&self, speed: f64) -> Result<(), NotMeasured> {
        match self.elapsed {
            _ if self.exit.status == "never-exits" => Err(NotMeasured::NeverEnds),
            None => Err(NotMeasured::NeverEnds),
            Some(elapsed) if elapsed / speed > MAX_MEASURED_SECONDS => Err(NotMeasured::TooLong(elapsed / speed)),
            Some(_) => Ok(()),
        }
    }

    /// When the program ended, or its last event if it never did.
    pub fn end(&self) -> f64 {
        self.elapsed.unwrap_or(self.exit.last_event)
    }

    /// Everything written, stdout and stderr, in the order it was written (by time; at the same
    /// instant each stream keeps its own order and stdout comes first), as the page's lines:
    /// `ms` is the virtual time at `speed`, and the task is not known (0).
    pub fn written(&self, speed: f64) -> Vec<Line> {
        let line = |written: &Written, stream| Line {
            task: 0,
            text: written.text.clone(),
            t: written.t,
            ms: Speed(speed).ms(written.t),
            stream,
        };
        let mut merged = Vec::with_capacity(self.lines.len() + self.stderr.len());
        let (mut out, mut err) = (self.lines.iter().peekable(), self.stderr.iter().peekable());
        loop {
            match (out.peek(), err.peek()) {
                (Some(o), Some(e)) if e.t < o.t => merged.push(line(err.next().expect("peeked"), Stream::Stderr)),
                (Some(_), _) => merged.push(line(out.next().expect("peeked"), Stream::Stdout)),
                (None, Some(_)) => merged.push(line(err.next().expect("peeked"), Stream::Stderr)),
                (None, None) => return merged,
            }
        }
    }

    /// The run as the page's outcome of a run, so that it shows as a column does: CPython's
    /// virtual clock is both its times and its "prediction" (an own program has no Rust twin).
    pub fn outcome(&self, speed: f64) -> RunOutcome {
        let exit = match (self.exit.status.as_str(), &self.exit.exception) {
            ("exception", Some(line)) => Exit::Exception(line.clone()),
            ("never-exits", _) => Exit::NeverExits,
            _ => Exit::Ok,
        };
        let elapsed = self.end();
        RunOutcome { trace: self.trace(speed), exit, elapsed, elapsed_ms: Speed(speed).ms(elapsed), distorted: None }
    }

    /// The run as the page's trace, so that it draws as the engine's runs do (the timeline): its
    /// tasks by number (0, the program), its events with `ms` at `speed`, and its sites the lines
    /// of the program each task waits at.
    pub fn trace(&self, speed: f64) -> Trace {
        let mut tasks: Vec<&'static str> = vec!["<module>"];
        let mut events = Vec::with_capacity(self.events.len());
        let mut in_calls = Vec::new();
        for event in &self.events {
            let kind = match &event.kind {
                Step::Created(name) => {
                    if tasks.len() <= event.task {
                        tasks.resize(event.task + 1, "coroutine");
                    }
                    tasks[event.task] = interned(name);
                    EventKind::TaskCreated
                }
                Step::Resumed => EventKind::Resumed,
                Step::Waits(line, on) => EventKind::Waits(on.clone(), line.map(Site::Python)),
                Step::WaitsInCall { line, on, call } => {
                    in_calls.push((events.len(), Site::Python(*call)));
                    EventKind::Waits(on.clone(), line.map(Site::Python))
                }
                Step::Queue { put: true, queue, size } => {
                    EventKind::QueuePut { queue: queue.clone().into(), size: *size }
                }
                Step::Queue { put: false, queue, size } => {
                    EventKind::QueueGot { queue: queue.clone().into(), size: *size }
                }
                Step::Finished(outcome) => EventKind::Finished(outcome.clone()),
                Step::Printed(text) => EventKind::Printed(text.clone()),
                Step::Stderr(text) => EventKind::Stderr(text.clone()),
                Step::Blocked(line, seconds) => EventKind::Blocked(*seconds, line.map(Site::Python)),
            };
            events.push(Event { task: event.task, t: event.t, ms: Speed(speed).ms(event.t), kind });
        }
        if let Some(last) = events.iter().map(|e| e.task).max() {
            if tasks.len() <= last {
                tasks.resize(last + 1, "coroutine");
            }
        }
        Trace { events, tasks, turns: self.turns.clone(), never_awaited: self.unawaited.clone(), in_calls }
    }

    /// What the engine writes of this run's stderr, `(t, text)`: what the program itself writes
    /// there (`print(..., file=sys.stderr)`, tqdm's bar), the last line of each traceback, and
    /// the warnings written at shutdown (`sys:1: RuntimeWarning: coroutine 'count' was never
    /// awaited`). Not traceback frames, nor warnings at a program line (`main.py:16:
    /// RuntimeWarning: …`, the source line under it and the tracemalloc hint after it).
    pub fn folded_stderr(&self) -> Vec<(f64, &str)> {
        let mut folded = Vec::new();
        // After a located warning: its source line, then the tracemalloc hint of a coroutine's.
        let (mut in_traceback, mut source_line, mut hint) = (false, false, false);
        for line in &self.stderr {
            let text = line.text.as_str();
            let (after_warning, after_source) = (std::mem::take(&mut source_line), std::mem::take(&mut hint));
            if text == "Traceback (most recent call last):" {
                in_traceback = true;
            } else if in_traceback {
                if !text.starts_with(' ') {
                    folded.push((line.t, text));
                    in_traceback = false;
                }
            } else if is_located_warning(text) {
                (source_line, hint) = (true, true);
            } else if after_warning && text.starts_with(' ') {
                hint = true;
            } else if after_source && text.starts_with("RuntimeWarning: Enable tracemalloc") {
                // The hint: not the program's either.
            } else {
                folded.push((line.t, text));
            }
        }
        folded
    }

    /// Where the engine's run differs from this one: stdout (text and time), stderr as the engine
    /// writes it ([`folded_stderr`](Self::folded_stderr)), the exit and the time the program
    /// ended. Empty when they agree. Object addresses and the order of a printed set of objects
    /// do not count: no program decides them.
    pub fn differences(&self, engine: &RunOutcome) -> Vec<String> {
        let mut problems = Vec::new();
        let lines = engine.lines();
        let (stdout, stderr): (Vec<_>, Vec<_>) = lines.iter().partition(|l| l.stream == Stream::Stdout);
        let folded = self.folded_stderr();
        let same_stderr = stderr.len() == folded.len()
            && stderr.iter().zip(&folded).all(|(got, (t, text))| got.text == *text && (got.t - t).abs() < 1e-6);
        if !same_stderr {
            let got: Vec<(f64, &str)> = stderr.iter().map(|l| (l.t, l.text.as_str())).collect();
            problems.push(format!(
                "the engine wrote {got:?} on stderr; CPython (tracebacks folded to their last line, warnings at shutdown) {folded:?}"
            ));
        }
        for (i, (want, got)) in self.lines.iter().zip(&stdout).enumerate() {
            let text = mask(&got.text);
            if !want.texts().any(|want| mask(want) == text) || (want.t - got.t).abs() > 1e-6 {
                let wanted: Vec<&str> = want.texts().collect();
                problems.push(format!(
                    "line {}: the engine printed {:?} at {}, CPython {wanted:?} at {}",
                    i + 1,
                    got.text,
                    got.t,
                    want.t
                ));
                break;
            }
        }
        if self.lines.len() != stdout.len() {
            problems.push(format!("the engine printed {} lines, CPython {}", stdout.len(), self.lines.len()));
        }
        let same_exit = match (self.exit.status.as_str(), &engine.exit) {
            ("ok", Exit::Ok) | ("never-exits", Exit::NeverExits) => true,
            ("exception", Exit::Exception(text)) => self.exit.exception.as_deref() == Some(text.as_str()),
            _ => false,
        };
        if !same_exit {
            problems.push(format!("the engine ended {:?}, CPython {:?}", engine.exit, self.exit));
        }
        if (self.end() - engine.elapsed).abs() > 1e-6 {
            problems.push(format!("the engine ended at {} s, CPython at {} s", engine.elapsed, self.end()));
        }
        problems
    }
}

/// An object of `virtual_run.py`'s JSON, as whoever holds it reads it: a JavaScript object in the
/// page, a `serde_json` value in the tests. Both read the events with [`read_events`].
pub trait Fields: Sized {
    /// The field `key`, if there is one (and it is not null).
    fn get(&self, key: &str) -> Option<Self>;
    fn text(&self) -> Option<String>;
    fn number(&self) -> Option<f64>;
    /// The items of an array; none for anything else.
    fn items(&self) -> Vec<Self>;
}

/// The run's trace in `virtual_run.py --events`' result (`events`); an event it cannot read is
/// left out.
pub fn read_events(result: &impl Fields) -> Vec<StepEvent> {
    result.get("events").map_or_else(Vec::new, |events| events.items().iter().filter_map(read_event).collect())
}

/// The coroutines never awaited in `virtual_run.py --events`' result (`unawaited`): each
/// coroutine's name and the line of the program that made it, where the program made it.
pub fn read_unawaited(result: &impl Fields) -> Vec<Unawaited> {
    let list = result.get("unawaited").map_or_else(Vec::new, |list| list.items());
    list.iter()
        .filter_map(|item| {
            let coroutine = item.get("name")?.text()?;
            let site = item.get("line").and_then(|line| line.number()).map(|line| Site::Python(line as u32));
            Some(Unawaited { coroutine, site })
        })
        .collect()
}

/// The loop's turns in `virtual_run.py --turns`' result (`turns`); a turn it cannot read is left
/// out, and so is a callback.
pub fn read_turns(result: &impl Fields) -> Vec<Turn> {
    fn callback(item: &impl Fields) -> Option<Callback> {
        let task = |key: &str| item.get(key).and_then(|v| v.number()).map(|n| n as usize);
        match (task("step"), task("wakes"), item.get("call").and_then(|v| v.text())) {
            (Some(task), _, _) => Some(Callback::Step(task)),
            (None, Some(task), _) => Some(Callback::Wakes(task)),
            (None, None, Some(name)) => Some(Callback::Call(name)),
            _ => None,
        }
    }
    fn timers(turn: &impl Fields, key: &str) -> Vec<(f64, Callback)> {
        let list = turn.get(key).map_or_else(Vec::new, |list| list.items());
        list.iter()
            .filter_map(|timer| {
                let pair = timer.items();
                Some((pair.first()?.number()?, callback(pair.get(1)?)?))
            })
            .collect()
    }
    let turns = result.get("turns").map_or_else(Vec::new, |turns| turns.items());
    turns
        .iter()
        .filter_map(|turn| {
            Some(Turn {
                t: turn.get("t")?.number()?,
                events: turn.get("events")?.number()? as usize,
                ready: turn.get("ready").map_or_else(Vec::new, |r| r.items()).iter().filter_map(callback).collect(),
                due: timers(turn, "due"),
                timers: timers(turn, "timers"),
            })
        })
        .collect()
}

fn read_event(event: &impl Fields) -> Option<StepEvent> {
    let text = |key: &str| event.get(key).and_then(|v| v.text());
    let number = |key: &str| event.get(key).and_then(|v| v.number());
    let kind = match text("kind")?.as_str() {
        "created" => Step::Created(text("name").unwrap_or_else(|| "coroutine".to_owned())),
        "resumed" => Step::Resumed,
        "waits" => {
            let on = event.get("on")?;
            let waits_on = match (on.get("task").and_then(|v| v.number()), on.get("sleep").and_then(|v| v.number())) {
                (Some(task), _) => WaitOn::Task(task as usize),
                (None, Some(seconds)) => WaitOn::Sleep(seconds),
                _ => WaitOn::Future(on.get("future").and_then(|v| v.text()).unwrap_or_default().into()),
            };
            let line = number("line").map(|line| line as u32);
            match number("call") {
                Some(call) => Step::WaitsInCall { line, on: waits_on, call: call as u32 },
                None => Step::Waits(line, waits_on),
            }
        }
        kind @ ("queue-put" | "queue-got") => {
            Step::Queue { put: kind == "queue-put", queue: text("queue")?, size: number("size")? as usize }
        }
        "finished" => Step::Finished(match text("outcome")?.as_str() {
            "cancelled" => Outcome::Cancelled,
            "raised" => Outcome::Raised(text("error").unwrap_or_default()),
            _ => Outcome::Returned,
        }),
        "printed" => Step::Printed(text("text")?),
        "stderr" => Step::Stderr(text("text")?),
        "blocked" => Step::Blocked(number("line").map(|line| line as u32), number("seconds")?),
        _ => return None,
    };
    Some(StepEvent { task: number("task")? as usize, t: number("t")?, kind })
}

/// A coroutine function's name for a trace, which names them with `'static` strs: each distinct
/// name is kept once for the page's life (a program has a handful).
fn interned(name: &str) -> &'static str {
    thread_local! {
        static NAMES: std::cell::RefCell<Vec<&'static str>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        match names.iter().find(|known| **known == name) {
            Some(known) => known,
            None => {
                let kept: &'static str = Box::leak(name.to_owned().into_boxed_str());
                names.push(kept);
                kept
            }
        }
    })
}

/// `checks.py:10: RuntimeWarning: …`: a warning written with the file and line it is about.
fn is_located_warning(text: &str) -> bool {
    let Some((place, rest)) = text.split_once(": ") else { return false };
    let Some((file, line)) = place.rsplit_once(':') else { return false };
    let category = rest.split_once(": ").map_or("", |(category, _)| category);
    file.ends_with(".py")
        && !line.is_empty()
        && line.bytes().all(|b| b.is_ascii_digit())
        && (category.ends_with("Warning") || category.ends_with("Error"))
}

/// What differs between two honest runs and no program decides: object addresses (`0x7f3a…`),
/// and the order of a printed set of objects (`{<Task …>, <Task …>}`), which follows them.
pub fn mask(text: &str) -> String {
    sorted_sets(&masked_addresses(text))
}

fn masked_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("0x") {
        let digits = rest[at + 2..].bytes().take_while(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b)).count();
        out.push_str(&rest[..at]);
        if digits == 0 {
            out.push_str("0x");
        } else {
            out.push_str("0x…");
        }
        rest = &rest[at + 2 + digits..];
    }
    out.push_str(rest);
    out
}

/// The text with the items of each set of reprs, `{<…>, <…>}`, in sorted order.
fn sorted_sets(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{<") {
        out.push_str(&rest[..start]);
        let body = &rest[start + 1..];
        // Items are split at ", " outside any <…>; the set ends at the first `}` outside them.
        let (mut depth, mut items, mut item_start, mut end) = (0, Vec::new(), 0, None);
        for (i, c) in body.char_indices() {
            match c {
                '<' => depth += 1,
                '>' => depth -= 1,
                ',' if depth == 0 => {
                    items.push(body[item_start..i].trim());
                    item_start = i + 1;
                }
                '}' if depth == 0 => {
                    items.push(body[item_start..i].trim());
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let Some(end) = end else {
            out.push_str(&rest[start..]);
            return out;
        };
        // A set holds a handful of objects: sorted by insertion, which is no code to speak of in
        // the page (a generic sort is kilobytes).
        for i in 1..items.len() {
            let mut j = i;
            while j > 0 && items[j - 1] > items[j] {
                items.swap(j - 1, j);
                j -= 1;
            }
        }
        out.push('{');
        out.push_str(&items.join(", "));
        out.push('}');
        rest = &body[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_of_reprs_reads_the_same_in_any_order() {
        let one = "{<Task name='Task-3' coro=<count() done>>, <Task name='Task-2' coro=<count() done>>} set()";
        let other = "{<Task name='Task-2' coro=<count() done>>, <Task name='Task-3' coro=<count() done>>} set()";
        assert_eq!(mask(one), mask(other));
        assert_eq!(mask(other), other);
        assert_ne!(mask("{<a>, <b>}"), mask("{<a>, <c>}"));
        assert_eq!(mask("at 0x7f3a {<b>"), "at 0x… {<b>");
        assert_eq!(mask("0x and 0xg"), "0x and 0xg");
    }

    fn written(lines: &[&str]) -> Vec<Written> {
        lines.iter().map(|text| Written { t: 0.0, text: (*text).to_owned(), alternatives: Vec::new() }).collect()
    }

    #[test]
    fn a_missing_module_is_named() {
        let ended = |exception: Option<&str>| CpythonRun {
            lines: Vec::new(),
            stderr: Vec::new(),
            elapsed: Some(0.0),
            exit: CpythonExit {
                status: "exception".into(),
                exception: exception.map(str::to_owned),
                last_event: 0.0,
                stopped_at: None,
            },
            turns: Vec::new(),
            unawaited: Vec::new(),
            events: Vec::new(),
        };
        assert_eq!(ended(Some("ModuleNotFoundError: No module named 'numpy'")).missing_module(), Some("numpy"));
        assert_eq!(
            ended(Some("ModuleNotFoundError: No module named 'aiohttp.web'")).missing_module(),
            Some("aiohttp.web")
        );
        assert_eq!(ended(Some("ValueError: No module named 'x'")).missing_module(), None);
        assert_eq!(ended(None).missing_module(), None);
    }

    #[test]
    fn a_run_is_measured_in_real_time_when_it_ends_soon_enough() {
        let run = |status: &str, elapsed| CpythonRun {
            lines: Vec::new(),
            stderr: Vec::new(),
            elapsed,
            exit: CpythonExit { status: status.into(), exception: None, last_event: 0.0, stopped_at: None },
            turns: Vec::new(),
            unawaited: Vec::new(),
            events: Vec::new(),
        };
        assert_eq!(run("ok", Some(3.0)).measurable(1.0), Ok(()));
        assert_eq!(run("exception", Some(0.0)).measurable(1.0), Ok(()), "a traceback is measured too");
        assert_eq!(run("never-exits", None).measurable(20.0), Err(NotMeasured::NeverEnds));
        assert_eq!(run("ok", Some(600.0)).measurable(20.0), Ok(()), "30 s at ×20");
        assert_eq!(run("ok", Some(601.0)).measurable(20.0), Err(NotMeasured::TooLong(30.05)));
    }

    #[test]
    fn stdout_and_stderr_merge_in_the_order_written() {
        let at = |t, text: &str| Written { t, text: text.to_owned(), alternatives: Vec::new() };
        let run = CpythonRun {
            lines: vec![at(0.0, "Starting"), at(1.0, "One")],
            stderr: vec![at(0.0, "  0%|"), at(0.5, " 50%|"), at(2.0, "Traceback")],
            elapsed: Some(2.0),
            exit: CpythonExit { status: "ok".into(), exception: None, last_event: 2.0, stopped_at: None },
            turns: Vec::new(),
            unawaited: Vec::new(),
            events: Vec::new(),
        };
        let written = run.written(2.0);
        let merged: Vec<(&str, Stream, f64)> = written.iter().map(|l| (l.text.as_str(), l.stream, l.ms)).collect();
        let texts: Vec<&str> = merged.iter().map(|(t, _, _)| *t).collect();
        assert_eq!(texts, ["Starting", "  0%|", " 50%|", "One", "Traceback"]);
        assert_eq!((merged[2].1, merged[2].2), (Stream::Stderr, 250.0));
    }

    /// CPython's events make the same timeline lanes as the engine's run of the same program.
    #[test]
    fn cpython_events_draw_the_engines_timeline() {
        use crate::model::timeline::{timeline, Row, Timing};
        let at = |task, t, kind| StepEvent { task, t, kind };
        let run = CpythonRun {
            lines: Vec::new(),
            stderr: Vec::new(),
            elapsed: Some(2.0),
            exit: CpythonExit { status: "ok".into(), exception: None, last_event: 2.0, stopped_at: None },
            turns: Vec::new(),
            unawaited: Vec::new(),
            events: vec![
                at(1, 0.0, Step::Created("main".into())),
                at(1, 0.0, Step::Resumed),
                at(2, 0.0, Step::Created("say_after".into())),
                at(1, 0.0, Step::Waits(Some(9), WaitOn::Task(2))),
                at(2, 0.0, Step::Resumed),
                at(2, 0.0, Step::Waits(Some(4), WaitOn::Sleep(2.0))),
                at(2, 2.0, Step::Resumed),
                at(2, 2.0, Step::Printed("world".into())),
                at(2, 2.0, Step::Finished(Outcome::Returned)),
                at(1, 2.0, Step::Resumed),
                at(1, 2.0, Step::Finished(Outcome::Returned)),
            ],
        };
        let trace = run.trace(1.0);
        assert_eq!(trace.tasks, ["<module>", "main", "say_after"]);
        let drawn = timeline(&trace, Timing::Ideal);
        let labels: Vec<&str> = drawn
            .rows
            .iter()
            .filter_map(|row| match row {
                Row::Lane(lane) => Some(lane.label.as_str()),
                Row::Group(_) => None,
            })
            .collect();
        assert_eq!(labels, ["Task-1 main", "Task-2 say_after"]);
        assert_eq!(drawn.end, 2.0);

        // Where each task is, as the editor marks it: lines of the program, not of any Rust.
        use crate::model::positions::Positions;
        let lines = |t| {
            Positions::at(&trace, Timing::Measured { speed: 1.0 }, t).by_line(|site| match site {
                Site::Python(line) => Some(line),
                Site::Rust(_) => None,
            })
        };
        assert_eq!(lines(1.0), [(4, vec![2]), (9, vec![1])]);
        assert_eq!(lines(2.0), [], "both have finished");
    }

    #[test]
    fn stderr_folds_to_what_the_engine_writes() {
        let run = CpythonRun {
            lines: Vec::new(),
            stderr: written(&[
                "checks.py:10: RuntimeWarning: coroutine 'do_some_work' was never awaited",
                "  print(asyncio.iscoroutine(do_some_work(3))) # True",
                "RuntimeWarning: Enable tracemalloc to get the object allocation traceback",
                "  0%|          | 0/6",
                "Traceback (most recent call last):",
                "  File \"as-written.py\", line 24, in <module>",
                "    asyncio.run(main())",
                "NameError: name 'asyncio' is not defined",
                "sys:1: RuntimeWarning: coroutine 'count' was never awaited",
            ]),
            elapsed: Some(0.0),
            exit: CpythonExit { status: "ok".into(), exception: None, last_event: 0.0, stopped_at: None },
            turns: Vec::new(),
            unawaited: Vec::new(),
            events: Vec::new(),
        };
        let folded: Vec<&str> = run.folded_stderr().into_iter().map(|(_, text)| text).collect();
        assert_eq!(
            folded,
            [
                "  0%|          | 0/6",
                "NameError: name 'asyncio' is not defined",
                "sys:1: RuntimeWarning: coroutine 'count' was never awaited"
            ]
        );
    }
}
