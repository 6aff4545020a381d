//! Mistakes named by the trace: what a run did that is a known asyncio mistake, found in its
//! trace alone (the engine's run of a lesson's variant, or CPython's run of the learner's own
//! program, read into the same `Trace`), never from which lesson or variant it is. Each names
//! the line it is about; `ui_text` says it, with its fix, in both languages.

use crate::lesson::i18n::Lang;
use crate::lesson::params::format_number;
use crate::model::await_graph::{task_states, Doing};
use crate::model::python_lines::LineMap;
use crate::model::ui_text::UI;
use crate::trace::{EventKind, Exit, RunOutcome, Site, WaitOn};

/// One mistake a run shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Mistake {
    /// A coroutine made and never awaited: none of it ran.
    NeverAwaited { coroutine: String, site: Option<Site> },
    /// A task nobody awaited, still pending when the program ended ("Task was destroyed but it
    /// is pending!"): `site`, where it was waiting.
    TaskPending { coroutine: String, site: Option<Site> },
    /// A task whose exception nobody retrieved ("Task exception was never retrieved").
    ExceptionNeverRetrieved { coroutine: String, error: String, site: Option<Site> },
    /// `queue.join()` waits forever though every item put was taken out: not every one was
    /// marked done (`task_done()`).
    JoinForever { queue: String, items: usize, site: Option<Site> },
    /// A blocking call in a coroutine held the loop (`calls` times at this line, `seconds` in
    /// all, `longest` at a time) while `others` other tasks could not run.
    Blocking { seconds: f64, longest: f64, calls: usize, others: usize, site: Option<Site> },
    /// One task, alone in the loop, waited inside separate awaited calls one after another:
    /// `waits`, each call's seconds; as tasks they would overlap, saving all but the longest.
    Sequential { waits: Vec<f64>, saving: f64, calls: Vec<Site>, site: Option<Site> },
}

impl Mistake {
    /// Its kind, as the page's `data-mistake` names it.
    pub fn kind(&self) -> &'static str {
        match self {
            Mistake::NeverAwaited { .. } => "never-awaited",
            Mistake::TaskPending { .. } => "task-pending",
            Mistake::ExceptionNeverRetrieved { .. } => "exception-never-retrieved",
            Mistake::JoinForever { .. } => "join-forever",
            Mistake::Blocking { .. } => "blocking",
            Mistake::Sequential { .. } => "sequential",
        }
    }

    /// The lines it is about, the one to name first: a Python line of the program, or a Rust
    /// line of the engine's twin that `python_lines` maps to one.
    pub fn sites(&self) -> Vec<Site> {
        match self {
            Mistake::NeverAwaited { site, .. }
            | Mistake::TaskPending { site, .. }
            | Mistake::ExceptionNeverRetrieved { site, .. }
            | Mistake::JoinForever { site, .. }
            | Mistake::Blocking { site, .. } => site.iter().copied().collect(),
            // The calls first (CPython's are lines of the program), then the first wait inside.
            Mistake::Sequential { calls, site, .. } => calls.iter().copied().chain(*site).collect(),
        }
    }

    /// The Python line to name: its first site that is a line of the Python, a CPython run's
    /// own, or a twin's Rust line through `twin`, its variant's line map (`python_lines`).
    pub fn line(&self, twin: Option<&LineMap>) -> Option<u32> {
        self.sites().into_iter().find_map(|site| match site {
            Site::Python(line) => Some(line),
            Site::Rust(_) => twin?.get(site),
        })
    }

    /// What it is and its fix, in one sentence.
    pub fn text(&self, lang: Lang) -> String {
        let s = |seconds: f64| format_number((seconds * 1000.0).round() / 1000.0);
        match self {
            Mistake::NeverAwaited { coroutine, .. } => UI.mistake_never_awaited.fill(lang, &[("name", coroutine)]),
            Mistake::TaskPending { coroutine, .. } => UI.mistake_task_pending.fill(lang, &[("name", coroutine)]),
            Mistake::ExceptionNeverRetrieved { coroutine, error, .. } => {
                UI.mistake_never_retrieved.fill(lang, &[("name", coroutine), ("error", error)])
            }
            Mistake::JoinForever { queue, items, .. } => {
                UI.mistake_join_forever.fill(lang, &[("queue", queue), ("items", &items.to_string())])
            }
            Mistake::Blocking { seconds, longest, calls, others, .. } => UI.mistake_blocking.fill(
                lang,
                &[
                    ("seconds", &s(*seconds)),
                    ("longest", &s(*longest)),
                    ("calls", &calls.to_string()),
                    ("others", &others.to_string()),
                ],
            ),
            Mistake::Sequential { waits, saving, .. } => {
                let list: Vec<String> = waits.iter().map(|w| s(*w)).collect();
                let total: f64 = waits.iter().sum();
                UI.mistake_sequential.fill(
                    lang,
                    &[
                        ("count", &waits.len().to_string()),
                        ("waits", &list.join(" + ")),
                        ("total", &s(total)),
                        ("saving", &s(*saving)),
                    ],
                )
            }
        }
    }
}

/// The mistakes a run shows, in the order the kinds are listed in [`Mistake`].
pub fn mistakes(outcome: &RunOutcome) -> Vec<Mistake> {
    let mut found = never_awaited(outcome);
    found.extend(tasks_left(outcome));
    found.extend(join_forever(outcome));
    found.extend(blocking(outcome));
    found.extend(sequential(outcome));
    found
}

/// Coroutines never awaited, unless the program ended with an uncaught exception: then CPython's
/// warnings are of coroutines its traceback kept unrun, and the exception is the thing to fix.
/// In the order of the lines that made them, as the program reads: not the order they were
/// dropped in, which is another in Rust (a function's locals last first) than in CPython.
fn never_awaited(outcome: &RunOutcome) -> Vec<Mistake> {
    if matches!(outcome.exit, Exit::Exception(_)) {
        return Vec::new();
    }
    let mut found: Vec<Mistake> = Vec::new();
    for unawaited in &outcome.trace.never_awaited {
        let mistake = Mistake::NeverAwaited { coroutine: unawaited.coroutine.clone(), site: unawaited.site };
        if !found.contains(&mistake) {
            found.push(mistake);
        }
    }
    // Stable: those made where no line is known stay in the order dropped, after the others.
    found.sort_by_key(|mistake| mistake.sites().first().map_or(u32::MAX, |site| site.line()));
    found
}

/// Tasks left pending or with an exception nobody retrieved. From what CPython writes of them at
/// shutdown (a program run on CPython), and for a pending task also from the trace itself: the
/// program ended as it should, and a task that no other task awaited never finished.
fn tasks_left(outcome: &RunOutcome) -> Vec<Mistake> {
    let trace = &outcome.trace;
    let mut found = Vec::new();
    let stderr: Vec<&str> = trace
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Stderr(text) => Some(text.as_str()),
            _ => None,
        })
        .collect();
    for (i, line) in stderr.iter().enumerate() {
        // The line after says which task: `task: <Task pending name='Task-2' coro=<f() running
        // at main.py:5> …>`, or `future: <Task finished … coro=<f() done, defined at main.py:3>
        // exception=ValueError('boom')>`.
        let next = stderr.get(i + 1).copied().unwrap_or_default();
        let coroutine = between(next, "coro=<", "(").unwrap_or("coroutine").to_owned();
        let site = between(next, ".py:", ">").and_then(|line| line.parse().ok()).map(Site::Python);
        if *line == "Task was destroyed but it is pending!" {
            found.push(Mistake::TaskPending { coroutine, site });
        } else if *line == "Task exception was never retrieved" {
            let error = between(next, "exception=", ">").unwrap_or_default().to_owned();
            // The line that raised, the traceback's last frame in the program (`  File
            // "main.py", line 4, in boom`), rather than the coroutine's `def`.
            let traceback =
                stderr[i + 1..].iter().skip(1).take_while(|l| l.starts_with(' ') || l.starts_with("Traceback"));
            let raised = traceback
                .filter_map(|l| between(l, "File \"", ", in "))
                .filter_map(|place| place.split_once("\", line "))
                .filter(|(file, _)| file.ends_with(".py") && !file.contains(['/', '\\']))
                .filter_map(|(_, line)| line.parse().ok())
                .last();
            let site = raised.map(Site::Python).or(site);
            found.push(Mistake::ExceptionNeverRetrieved { coroutine, error, site });
        }
    }
    if outcome.exit == Exit::Ok {
        // One pass: a run may have ten thousand tasks.
        let count = trace.events.iter().map(|e| e.task + 1).max().unwrap_or(0).max(trace.tasks.len());
        let (mut created, mut finished, mut awaited) = (vec![false; count], vec![false; count], vec![false; count]);
        let mut waits_at: Vec<Option<Site>> = vec![None; count];
        for event in &trace.events {
            let task = event.task;
            match &event.kind {
                EventKind::TaskCreated => created[task] = true,
                EventKind::Finished(_) => finished[task] = true,
                EventKind::Waits(on, site) => {
                    waits_at[task] = *site;
                    if let WaitOn::Task(other) = on {
                        if let Some(awaited) = awaited.get_mut(*other) {
                            *awaited = true;
                        }
                    }
                }
                _ => {}
            }
        }
        for task in 1..count {
            let coroutine = trace.tasks.get(task).copied().unwrap_or("coroutine").to_owned();
            let pending = created[task] && !finished[task] && !awaited[task];
            if pending
                && !found.iter().any(|m| matches!(m, Mistake::TaskPending { coroutine: c, .. } if *c == coroutine))
            {
                found.push(Mistake::TaskPending { coroutine, site: waits_at[task] });
            }
        }
    }
    found
}

/// The text between `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let rest = &text[from..];
    Some(&rest[..rest.find(end)?])
}

/// A program that never ends because a task waits in `queue.join()` (the trace names the wait
/// `<queue>.join()`) though every item put in that queue was taken out: join returns once every
/// item taken is marked done, so some were not.
fn join_forever(outcome: &RunOutcome) -> Vec<Mistake> {
    if outcome.exit != Exit::NeverExits {
        return Vec::new();
    }
    let trace = &outcome.trace;
    let mut found = Vec::new();
    // Each task as the run left it (the one fold of a trace into task states).
    for state in task_states(trace, trace.events.len()).into_iter().flatten() {
        let (Doing::Waiting { on: WaitOn::Future(what), .. }, site) = (&state.doing, &state.site) else { continue };
        let Some(queue) = what.strip_suffix(".join()") else { continue };
        let (mut put, mut got) = (0, 0);
        for event in &trace.events {
            match &event.kind {
                EventKind::QueuePut { queue: q, .. } if q == queue => put += 1,
                EventKind::QueueGot { queue: q, .. } if q == queue => got += 1,
                _ => {}
            }
        }
        if put > 0 && put == got {
            found.push(Mistake::JoinForever { queue: queue.to_owned(), items: put, site: *site });
        }
    }
    found
}

/// Blocking calls in coroutines (not in the program outside any task) while other tasks were
/// alive and so could not run: by line, in the order first seen.
fn blocking(outcome: &RunOutcome) -> Vec<Mistake> {
    // Tasks created and not finished; the one blocking is one of them.
    let mut alive = 0_usize;
    let mut found: Vec<Mistake> = Vec::new();
    for event in &outcome.trace.events {
        match &event.kind {
            EventKind::TaskCreated => alive += 1,
            EventKind::Finished(_) => alive = alive.saturating_sub(1),
            EventKind::Blocked(seconds, site) if event.task != 0 && *seconds > 0.0 => {
                let waiting = alive.saturating_sub(1);
                if waiting == 0 {
                    continue;
                }
                let same = found.iter_mut().find(|m| matches!(m, Mistake::Blocking { site: s, .. } if s == site));
                match same {
                    Some(Mistake::Blocking { seconds: total, longest, calls, others, .. }) => {
                        *total += seconds;
                        *longest = longest.max(*seconds);
                        *calls += 1;
                        *others = (*others).max(waiting);
                    }
                    _ => found.push(Mistake::Blocking {
                        seconds: *seconds,
                        longest: *seconds,
                        calls: 1,
                        others: waiting,
                        site: *site,
                    }),
                }
            }
            _ => {}
        }
    }
    found
}

/// One task waits on sleeps one after another, inside separate calls it awaits (the trace's
/// `in_calls`), while it is the only task alive and nothing blocks: the loop has nothing else to
/// run, and those calls as tasks would wait together. Waits of one call (consecutive waits at
/// the same call line, as a loop's) count as one: they may depend on each other. The saving is
/// the calls' waits added up less the longest.
fn sequential(outcome: &RunOutcome) -> Vec<Mistake> {
    /// Waits one after another: their task, each call's line and seconds, and the first wait's line.
    type Streak = (usize, Vec<(Site, f64)>, Option<Site>);
    let trace = &outcome.trace;
    let mut found = Vec::new();
    let mut streak: Option<Streak> = None;
    // Tasks created and not finished: a task that waits is one of them.
    let mut alive = 0_usize;
    let mut calls_seen = 0;
    let close = |streak: &mut Option<Streak>, found: &mut Vec<Mistake>| {
        if let Some((_, calls, site)) = streak.take() {
            let waits: Vec<f64> = calls.iter().map(|(_, w)| *w).collect();
            let longest = waits.iter().copied().fold(0.0, f64::max);
            let saving = waits.iter().sum::<f64>() - longest;
            if waits.len() >= 2 && saving > 1e-9 {
                let calls = calls.iter().map(|(s, _)| *s).collect();
                found.push(Mistake::Sequential { waits, saving, calls, site });
            }
        }
    };
    for (index, event) in trace.events.iter().enumerate() {
        match &event.kind {
            EventKind::TaskCreated => {
                alive += 1;
                if alive > 1 {
                    close(&mut streak, &mut found);
                }
            }
            EventKind::Finished(_) => alive = alive.saturating_sub(1),
            EventKind::Blocked(..) => close(&mut streak, &mut found),
            EventKind::Waits(on, site) => {
                // `in_calls` is in the order of the events: read alongside them.
                while trace.in_calls.get(calls_seen).is_some_and(|(at, _)| *at < index) {
                    calls_seen += 1;
                }
                let in_call = trace.in_calls.get(calls_seen).filter(|(at, _)| *at == index).map(|(_, site)| *site);
                let (WaitOn::Sleep(seconds), Some(call), 1) = (on, in_call, alive) else {
                    close(&mut streak, &mut found);
                    continue;
                };
                if event.task == 0 || *seconds <= 0.0 {
                    close(&mut streak, &mut found);
                    continue;
                }
                if streak.as_ref().is_some_and(|(task, _, _)| *task != event.task) {
                    close(&mut streak, &mut found);
                }
                let (_, calls, _) = streak.get_or_insert_with(|| (event.task, Vec::new(), *site));
                match calls.last_mut() {
                    Some((last, total)) if *last == call => *total += seconds,
                    _ => calls.push((call, *seconds)),
                }
            }
            // Another task doing anything ends the streak; its own steps and lines do not.
            _ if streak.as_ref().is_some_and(|(task, _, _)| *task != event.task && event.task != 0) => {
                close(&mut streak, &mut found)
            }
            _ => {}
        }
    }
    close(&mut streak, &mut found);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::cpython::{CpythonExit, CpythonRun, Step, StepEvent, Written};
    use crate::trace::{Event, Outcome, Trace, Unawaited};

    fn at(task: usize, t: f64, kind: EventKind) -> Event {
        Event { task, t, ms: t * 1000.0, kind }
    }

    fn run(trace: Trace, exit: Exit) -> RunOutcome {
        RunOutcome { trace, exit, elapsed: 0.0, elapsed_ms: 0.0, distorted: None }
    }

    fn kinds(outcome: &RunOutcome) -> Vec<&'static str> {
        mistakes(outcome).iter().map(Mistake::kind).collect()
    }

    /// A CPython run of a program, with its events and what it wrote on stderr.
    fn cpython(events: Vec<StepEvent>, stderr: &[&str], status: &str) -> RunOutcome {
        let written = |text: &&str| Written { t: 0.0, text: (*text).to_owned(), alternatives: Vec::new() };
        CpythonRun {
            lines: Vec::new(),
            stderr: stderr.iter().map(written).collect(),
            elapsed: Some(0.0),
            exit: CpythonExit { status: status.into(), exception: None, last_event: 0.0, stopped_at: None },
            events,
            turns: Vec::new(),
            unawaited: Vec::new(),
        }
        .outcome(1.0)
    }

    fn step(task: usize, t: f64, kind: Step) -> StepEvent {
        StepEvent { task, t, kind }
    }

    #[test]
    fn a_coroutine_never_awaited_is_named_with_its_line() {
        let trace = Trace {
            never_awaited: vec![Unawaited { coroutine: "count".into(), site: Some(Site::Python(10)) }],
            ..Trace::default()
        };
        let found = mistakes(&run(trace.clone(), Exit::Ok));
        assert_eq!(found, [Mistake::NeverAwaited { coroutine: "count".into(), site: Some(Site::Python(10)) }]);
        assert!(found[0].text(Lang::En).contains("count"), "{}", found[0].text(Lang::En));
        assert_eq!(kinds(&run(trace, Exit::Exception("TypeError: x".into()))), [] as [&str; 0], "after a traceback");

        // CPython's run: each coroutine the harness saw dropped, by the line that made it (none
        // where no line of the program did), whatever its warning names.
        let unawaited = |coroutine: &str, line: Option<u32>| Unawaited {
            coroutine: coroutine.into(),
            site: line.map(Site::Python),
        };
        let mut run = CpythonRun {
            lines: Vec::new(),
            stderr: Vec::new(),
            elapsed: Some(0.0),
            exit: CpythonExit { status: "ok".into(), exception: None, last_event: 0.0, stopped_at: None },
            events: Vec::new(),
            turns: Vec::new(),
            // As dropped: the order the notices read in is the lines'.
            unawaited: vec![
                unawaited("count", None),
                unawaited("say_after", Some(18)),
                unawaited("say_after", Some(17)),
            ],
        };
        assert_eq!(
            mistakes(&run.outcome(1.0)),
            [
                Mistake::NeverAwaited { coroutine: "say_after".into(), site: Some(Site::Python(17)) },
                Mistake::NeverAwaited { coroutine: "say_after".into(), site: Some(Site::Python(18)) },
                Mistake::NeverAwaited { coroutine: "count".into(), site: None },
            ]
        );
        run.unawaited.push(unawaited("say_after", Some(17)));
        assert_eq!(mistakes(&run.outcome(1.0)).len(), 3, "one notice for one line and coroutine");
    }

    #[test]
    fn a_task_left_pending_or_with_its_exception_unretrieved_is_named() {
        // As CPython writes them at shutdown (tests/mistakes.rs runs CPython for these).
        let outcome = cpython(
            vec![
                step(1, 0.0, Step::Created("main".into())),
                step(2, 0.0, Step::Created("forever".into())),
                step(3, 0.0, Step::Created("boom".into())),
                step(1, 0.0, Step::Finished(Outcome::Returned)),
                step(2, 0.0, Step::Waits(Some(5), WaitOn::Sleep(10.0))),
                step(3, 0.0, Step::Finished(Outcome::Raised("ValueError: boom".into()))),
                step(0, 0.0, Step::Stderr("Task was destroyed but it is pending!".into())),
                step(0, 0.0, Step::Stderr("task: <Task pending name='Task-2' coro=<forever() running at main.py:5> wait_for=<Future pending cb=[Task.task_wakeup()]>>".into())),
                step(0, 0.0, Step::Stderr("Task exception was never retrieved".into())),
                step(0, 0.0, Step::Stderr("future: <Task finished name='Task-3' coro=<boom() done, defined at main.py:8> exception=ValueError('boom')>".into())),
                step(0, 0.0, Step::Stderr("Traceback (most recent call last):".into())),
                step(0, 0.0, Step::Stderr("  File \"main.py\", line 9, in boom".into())),
                step(0, 0.0, Step::Stderr("    raise ValueError(\"boom\")".into())),
                step(0, 0.0, Step::Stderr("ValueError: boom".into())),
            ],
            &[],
            "ok",
        );
        assert_eq!(
            mistakes(&outcome),
            [
                Mistake::TaskPending { coroutine: "forever".into(), site: Some(Site::Python(5)) },
                Mistake::ExceptionNeverRetrieved {
                    coroutine: "boom".into(),
                    error: "ValueError('boom')".into(),
                    // The line that raised, from the traceback, not the `def` (line 8).
                    site: Some(Site::Python(9))
                },
            ]
        );

        // From the trace alone: the program ended, a task nobody awaited never finished.
        let pending = Trace {
            events: vec![
                at(1, 0.0, EventKind::TaskCreated),
                at(2, 0.0, EventKind::TaskCreated),
                at(2, 0.0, EventKind::Waits(WaitOn::Sleep(5.0), Some(Site::Python(3)))),
                at(1, 0.0, EventKind::Finished(Outcome::Returned)),
            ],
            tasks: vec!["<module>", "main", "later"],
            ..Trace::default()
        };
        assert_eq!(
            mistakes(&run(pending.clone(), Exit::Ok)),
            [Mistake::TaskPending { coroutine: "later".into(), site: Some(Site::Python(3)) }]
        );
        assert_eq!(kinds(&run(pending.clone(), Exit::NeverExits)), [] as [&str; 0], "a run cut short");
        let mut awaited = pending;
        awaited.events.insert(2, at(1, 0.0, EventKind::Waits(WaitOn::Task(2), Some(Site::Python(9)))));
        assert_eq!(kinds(&run(awaited, Exit::Ok)), [] as [&str; 0], "awaited: asyncio.run would have waited");
    }

    fn queue_run(task_done: bool, taken: usize) -> RunOutcome {
        let put = |size| EventKind::QueuePut { queue: "queue".into(), size };
        let got = |size| EventKind::QueueGot { queue: "queue".into(), size };
        let mut events = vec![
            at(1, 0.0, EventKind::TaskCreated),
            at(2, 0.0, EventKind::TaskCreated),
            at(1, 0.0, put(1)),
            at(1, 0.0, put(2)),
        ];
        events.extend((0..taken).map(|i| at(2, 0.0, got(1 - i))));
        events.push(at(1, 0.0, EventKind::Waits(WaitOn::Future("queue.join()".into()), Some(Site::Python(30)))));
        let exit = if task_done && taken == 2 {
            events.extend([1, 2].map(|task| at(task, 0.0, EventKind::Finished(Outcome::Returned))));
            Exit::Ok
        } else {
            Exit::NeverExits
        };
        run(Trace { events, tasks: vec!["<module>", "main", "consumer"], ..Trace::default() }, exit)
    }

    #[test]
    fn a_join_that_waits_forever_for_task_done_is_named() {
        assert_eq!(
            mistakes(&queue_run(false, 2)),
            [Mistake::JoinForever { queue: "queue".into(), items: 2, site: Some(Site::Python(30)) }]
        );
        assert_eq!(kinds(&queue_run(true, 2)), [] as [&str; 0], "join returned");
        assert_eq!(kinds(&queue_run(false, 1)), [] as [&str; 0], "an item is still in the queue: no consumer took it");
    }

    #[test]
    fn a_blocking_call_is_named_when_other_tasks_wait_for_it() {
        let blocked = |task| at(task, 0.0, EventKind::Blocked(2.0, Some(Site::Python(7))));
        let created = |task| at(task, 0.0, EventKind::TaskCreated);
        let done = |task| at(task, 4.0, EventKind::Finished(Outcome::Returned));
        let ended = |mut events: Vec<Event>, tasks: std::ops::RangeInclusive<usize>| {
            events.extend(tasks.map(done));
            run(Trace { events, ..Trace::default() }, Exit::Ok)
        };
        let found = mistakes(&ended(vec![created(1), created(2), created(3), blocked(2), blocked(2)], 1..=3));
        let site = Some(Site::Python(7));
        assert_eq!(found, [Mistake::Blocking { seconds: 4.0, longest: 2.0, calls: 2, others: 2, site }]);
        assert!(
            found[0].text(Lang::En).contains("for 4\u{a0}s in all, up to 2\u{a0}s at a time"),
            "{}",
            found[0].text(Lang::En)
        );
        let alone = ended(vec![created(1), blocked(1)], 1..=1);
        assert_eq!(kinds(&alone), [] as [&str; 0], "nobody else to keep waiting");
        let outside = ended(vec![created(1), blocked(0)], 1..=1);
        assert_eq!(kinds(&outside), [] as [&str; 0], "outside any coroutine");
    }

    #[test]
    fn waits_in_separate_awaited_calls_one_after_another_are_named_with_the_saving() {
        // CPython's say_after, awaited twice: sleeps of 1 s and 2 s, calls at lines 9 and 10.
        let say_after = |second_call| {
            cpython(
                vec![
                    step(1, 0.0, Step::Created("main".into())),
                    step(1, 0.0, Step::WaitsInCall { line: Some(4), on: WaitOn::Sleep(1.0), call: 9 }),
                    step(1, 1.0, Step::Resumed),
                    step(1, 1.0, Step::Printed("hello".into())),
                    step(1, 1.0, Step::WaitsInCall { line: Some(4), on: WaitOn::Sleep(2.0), call: second_call }),
                    step(1, 3.0, Step::Resumed),
                    step(1, 3.0, Step::Finished(Outcome::Returned)),
                ],
                &[],
                "ok",
            )
        };
        let found = mistakes(&say_after(10));
        assert_eq!(
            found,
            [Mistake::Sequential {
                waits: vec![1.0, 2.0],
                saving: 1.0,
                calls: vec![Site::Python(9), Site::Python(10)],
                site: Some(Site::Python(4))
            }]
        );
        assert!(found[0].text(Lang::En).contains("saving 1\u{a0}s"), "{}", found[0].text(Lang::En));
        assert_eq!(
            kinds(&say_after(9)),
            [] as [&str; 0],
            "one call (a loop's line): its waits may depend on each other"
        );

        // Waits not in a call (`await asyncio.sleep(1)` in the task's own body) are pacing.
        let direct = cpython(
            vec![
                step(1, 0.0, Step::Created("main".into())),
                step(1, 0.0, Step::Waits(Some(4), WaitOn::Sleep(1.0))),
                step(1, 1.0, Step::Waits(Some(5), WaitOn::Sleep(2.0))),
                step(1, 3.0, Step::Finished(Outcome::Returned)),
            ],
            &[],
            "ok",
        );
        assert_eq!(kinds(&direct), [] as [&str; 0]);

        // Another task alive: the loop had something else to run.
        let busy = cpython(
            vec![
                step(1, 0.0, Step::Created("main".into())),
                step(2, 0.0, Step::Created("other".into())),
                step(1, 0.0, Step::WaitsInCall { line: Some(4), on: WaitOn::Sleep(1.0), call: 9 }),
                step(1, 1.0, Step::WaitsInCall { line: Some(4), on: WaitOn::Sleep(2.0), call: 10 }),
                step(1, 3.0, Step::Finished(Outcome::Returned)),
                step(2, 3.0, Step::Finished(Outcome::Returned)),
            ],
            &[],
            "ok",
        );
        assert_eq!(kinds(&busy), [] as [&str; 0]);
    }
}
