//! The Python the page shows is what we run: every variant's Python, executed by CPython on its
//! own event loop with a virtual clock (`static/cpython/virtual_run.py`), must print the same lines
//! at the same times and end the same way as the Rust scenario on the virtual runtime — with the
//! tutorial's values and with changed ones. And every task waits at the same places: each Rust
//! wait, mapped through `src/scenarios/python_lines.txt`, is at the Python line where CPython's
//! task is suspended at that moment (`UPDATE_PYTHON_LINES=1` rewrites the table from CPython).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use coroutine_playground::aio::virtual_clock::run_virtual;
use coroutine_playground::lesson::params::Params;
use coroutine_playground::lesson::Scenario;
use coroutine_playground::model::python_lines::{PythonLines, RustCode};
use coroutine_playground::model::timeline::{timeline, Row, SegmentKind, Timeline, Timing};
use coroutine_playground::scenarios::CATALOGUE;
use coroutine_playground::trace::{EventKind, Exit, RunOutcome, Site, Trace, WaitOn};
use serde_json::Value;

/// Every parameter at the end of its range, `max` or `min`, the others at the tutorial's values.
fn range_ends(scenario: &Scenario) -> Vec<(String, Params)> {
    let mut runs = Vec::new();
    for spec in scenario.params {
        for (end, value) in [("min", spec.min), ("max", spec.max)] {
            let mut params = Params::defaults(scenario.params);
            params.set(spec.name, value);
            runs.push((format!("{} at its {end}", spec.name), params));
        }
    }
    runs
}

/// One stop of a task: it waits, or blocks the loop (`time.sleep`).
#[derive(Debug, PartialEq)]
struct Stop<L> {
    task: u64,
    /// The name of the task's coroutine function: the timeline's lane says it.
    coro: Option<String>,
    t: f64,
    at: L,
    blocking: bool,
    /// A wait for real I/O (fetch, file): the Python models some of them inside a sleep.
    external: bool,
}

fn cpython_stops(cpython: &Value) -> Vec<Stop<Option<u32>>> {
    cpython["suspensions"]
        .as_array()
        .expect("the harness reports suspensions")
        .iter()
        .map(|s| Stop {
            task: s["task"].as_u64().unwrap(),
            coro: s["coro"].as_str().map(str::to_owned),
            t: s["t"].as_f64().unwrap(),
            at: s["line"].as_u64().map(|l| l as u32),
            blocking: s["blocking"].as_bool().unwrap(),
            external: false,
        })
        .collect()
}

fn rust_stops(rust: &RunOutcome) -> Vec<Stop<Option<Site>>> {
    rust.trace
        .events
        .iter()
        .filter_map(|e| {
            let (at, blocking, external) = match &e.kind {
                EventKind::Waits(on, site) => (*site, false, matches!(on, WaitOn::External(_))),
                EventKind::Blocked(_, site) => (*site, true, false),
                _ => return None,
            };
            let coro = rust.trace.tasks.get(e.task).map(|name| (*name).to_owned());
            Some(Stop { task: e.task as u64, coro, t: e.t, at, blocking, external })
        })
        .collect()
}

/// The stops of each task, in order.
fn by_task<L>(stops: Vec<Stop<L>>) -> BTreeMap<u64, Vec<Stop<L>>> {
    let mut tasks: BTreeMap<u64, Vec<Stop<L>>> = BTreeMap::new();
    for stop in stops {
        tasks.entry(stop.task).or_default().push(stop);
    }
    tasks
}

/// A lane as both runs can draw it: the coroutine, when the task lived, and when it was ready,
/// waiting or blocking (what it waited on is named differently by CPython and the engine).
type LaneShape = (String, u64, u64, Vec<(u64, u64, &'static str)>);

fn lane_shapes(timeline: &Timeline) -> Vec<LaneShape> {
    let ns = |t: f64| (t * 1e9).round() as u64;
    let mut shapes: Vec<LaneShape> = timeline
        .rows
        .iter()
        .filter_map(|row| match row {
            Row::Lane(lane) => Some(lane),
            Row::Group(_) => None,
        })
        .map(|lane| {
            let coroutine = lane.label.split_once(' ').map_or(lane.label.as_str(), |(_, name)| name).to_owned();
            // Spans only: an instant's waits are the stops' business (`pair_stops`), and the engine
            // has some CPython's models do not (a real fetch that is modelled as taking no time).
            let segments = lane
                .segments
                .iter()
                .filter(|s| ns(s.end) > ns(s.start))
                .map(|s| {
                    let kind = match s.kind {
                        SegmentKind::Ready => "ready",
                        SegmentKind::Waiting(_) => "waiting",
                        SegmentKind::Blocking => "blocking",
                    };
                    (ns(s.start), ns(s.end), kind)
                })
                .collect();
            (coroutine, ns(lane.start), ns(lane.end), segments)
        })
        .collect();
    shapes.sort();
    shapes
}

/// The timeline CPython's trace draws is the engine's: the same lanes, each alive, ready,
/// waiting and blocking over the same spans (in any order of task numbers: see
/// [`renumbered_like`]).
fn different_timelines(cpython: &Value, rust: &RunOutcome) -> Option<String> {
    let theirs = timeline(&common::cpython_run_with_events(cpython).trace(20.0), Timing::Ideal);
    let ours = timeline(&rust.trace, Timing::Ideal);
    let (theirs, ours) = (lane_shapes(&theirs), lane_shapes(&ours));
    (theirs != ours).then(|| {
        let first = theirs.iter().zip(&ours).find(|(a, b)| a != b);
        format!(
            "CPython's timeline differs from the engine's ({} lanes, {} lanes): first {first:?}",
            theirs.len(),
            ours.len()
        )
    })
}

/// The coroutine functions of the tasks that ran a step, as the timeline's lanes name them: the
/// same names, as many times each, in CPython and in Rust (in any order: see [`renumbered_like`]).
fn different_tasks(cpython: &Value, rust: &RunOutcome) -> Option<String> {
    let mut python: Vec<&str> = cpython["tasks"]
        .as_object()
        .expect("the harness reports tasks")
        .values()
        .map(|name| name.as_str().unwrap_or("?"))
        .collect();
    let ran: std::collections::BTreeSet<usize> = rust.trace.events.iter().map(|e| e.task).filter(|&t| t > 0).collect();
    let mut engine: Vec<&str> = ran.iter().map(|&task| rust.trace.tasks[task]).collect();
    python.sort_unstable();
    engine.sort_unstable();
    (python != engine).then(|| format!("tasks run {python:?} in CPython, {engine:?} in Rust"))
}

/// When a task is made: `asyncio.as_completed(coroutines)` and `asyncio.wait` wrap coroutines in
/// tasks in the order of a set, that is of their memory addresses, so CPython's Task-N can be
/// another coroutine than the engine's Task-N, which follows the list. CPython's tasks are
/// renumbered where that makes their stops (times and kinds) those of the engine's task of that
/// number and the task of that number in CPython is another; each task keeps its own stops.
fn renumbered_like<L, R>(
    python: BTreeMap<u64, Vec<Stop<L>>>,
    rust: &BTreeMap<u64, Vec<Stop<R>>>,
) -> BTreeMap<u64, Vec<Stop<L>>> {
    fn shape<'a, L: 'a>(stops: impl IntoIterator<Item = &'a Stop<L>>) -> Vec<(u64, bool)> {
        // Times in nanoseconds: equal deadlines compare equal, as the pairing below compares them.
        stops.into_iter().map(|s| ((s.t * 1e9).round() as u64, s.blocking)).collect()
    }
    // A Rust wait for real I/O may stand where the Python sleeps, or come on top of its sleep.
    let alike = |r: &[Stop<R>], p: &[Stop<L>]| {
        let p = shape(p);
        shape(r) == p || shape(r.iter().filter(|s| !s.external)) == p
    };
    let same = |task: u64, python: &BTreeMap<u64, Vec<Stop<L>>>| {
        rust.get(&task).zip(python.get(&task)).is_some_and(|(r, p)| alike(r, p))
    };
    let mut unmatched: Vec<u64> = python.keys().copied().filter(|&task| !same(task, &python)).collect();
    let mut renumber = BTreeMap::new();
    for (&task, stops) in rust {
        if same(task, &python) {
            continue;
        }
        if let Some(i) = unmatched.iter().position(|other| python.get(other).is_some_and(|p| alike(stops, p))) {
            renumber.insert(unmatched.remove(i), task);
        }
    }
    python
        .into_iter()
        .map(|(task, mut stops)| {
            let task = renumber.get(&task).copied().unwrap_or(task);
            stops.iter_mut().for_each(|stop| stop.task = task);
            (task, stops)
        })
        .collect()
}

/// Pairs each task's stops in Rust and in CPython: a difference in number, time or kind is a
/// problem; each pair is (Rust site, CPython line). One exception: where the Python models real
/// I/O the page does (as-completed-progress fetches each row's reply, then waits its latency;
/// the Python only sleeps), the extra Rust wait is at the line of the Python's next stop.
fn pair_stops(cpython: &Value, rust: &RunOutcome) -> Result<Vec<(Site, Option<u32>)>, String> {
    let (python, rust) = (by_task(cpython_stops(cpython)), by_task(rust_stops(rust)));
    let python = renumbered_like(python, &rust);
    let mut pairs = Vec::new();
    let tasks: std::collections::BTreeSet<u64> = python.keys().chain(rust.keys()).copied().collect();
    for task in tasks {
        let (py, rs) = (python.get(&task).map_or(&[][..], |s| s), rust.get(&task).map_or(&[][..], |s| s));
        let mut extra = rs.len().saturating_sub(py.len());
        let mut paired = Vec::new();
        let mut python_stops = py.iter().peekable();
        for r in rs {
            let Some(&p) = python_stops.peek() else { break };
            if extra > 0 && r.external {
                extra -= 1;
                paired.push((p, r));
            } else {
                paired.push((python_stops.next().expect("peeked"), r));
            }
        }
        if paired.len() != rs.len() || python_stops.next().is_some() {
            return Err(format!(
                "Task-{task} stops {} times in Rust, {} in CPython: {rs:?} / {py:?}",
                rs.len(),
                py.len()
            ));
        }
        for (p, r) in paired {
            if (p.t - r.t).abs() > 1e-6 || p.blocking != r.blocking {
                return Err(format!("Task-{task}: Rust stops {r:?}, CPython {p:?}"));
            }
            if p.coro.is_some() && p.coro != r.coro {
                return Err(format!("Task-{task} runs {:?} in CPython, {:?} in Rust", p.coro, r.coro));
            }
            match r.at {
                Some(site) => pairs.push((site, p.at)),
                None if p.at.is_none() => {}
                None => {
                    return Err(format!("Task-{task} waits at line {:?} in CPython, at no scenario line in Rust", p.at))
                }
            }
        }
    }
    Ok(pairs)
}

/// The other Rust lines a notice names (`model::mistakes`), each paired with CPython's line, as
/// the stops are: where a coroutine never awaited was made (`aio::coroutine`), and the call a wait
/// is inside (`aio::call`). A line the engine names and CPython does not is a problem.
fn pair_named_lines(cpython: &Value, rust: &RunOutcome) -> Result<Vec<(Site, Option<u32>)>, String> {
    let theirs = common::cpython_run_with_events(cpython).trace(20.0);
    let ours = &rust.trace;
    let mut pairs = Vec::new();
    // Made and dropped: the same coroutines. Rust drops a function's locals last first and
    // CPython first first, so each side is taken in the order of its lines. Not after an uncaught
    // exception: CPython's are then coroutines its traceback kept, which the engine's trace
    // leaves out (`Trace::never_awaited`).
    let made = |trace: &Trace| {
        if matches!(rust.exit, Exit::Exception(_)) {
            return Vec::new();
        }
        let mut made: Vec<(String, Option<Site>)> =
            trace.never_awaited.iter().map(|u| (u.coroutine.clone(), u.site)).collect();
        made.sort_by_key(|(name, site)| (name.clone(), site.map(|s| s.line())));
        made
    };
    let (python, engine) = (made(&theirs), made(ours));
    let names = |made: &[(String, Option<Site>)]| made.iter().map(|(name, _)| name.clone()).collect::<Vec<_>>();
    if names(&python) != names(&engine) {
        return Err(format!("never awaited: {:?} in CPython, {:?} in Rust", names(&python), names(&engine)));
    }
    for ((_, line), (name, site)) in python.iter().zip(&engine) {
        match site {
            Some(site) => pairs.push((*site, line.map(|l| l.line()))),
            None => return Err(format!("the engine names no line where {name} is made")),
        }
    }
    // Waits inside an awaited call, keyed by the task's coroutine, the wait's time and its rank
    // among waits of that coroutine at that time: task numbers can differ (see
    // `renumbered_like`), and CPython sees calls the engine's twin does not wrap.
    let calls = |trace: &Trace| {
        let mut keyed = BTreeMap::new();
        for (index, site) in &trace.in_calls {
            let event = &trace.events[*index];
            let key = (trace.tasks[event.task], (event.t * 1e9).round() as u64);
            let rank = keyed.keys().filter(|(k, _)| *k == key).count();
            keyed.insert((key, rank), *site);
        }
        keyed
    };
    let python = calls(&theirs);
    for (key, site) in calls(ours) {
        match python.get(&key) {
            Some(line) => pairs.push((site, Some(line.line()))),
            None => {
                return Err(format!(
                    "{} waits at {} s inside a call at {site:?} in Rust, not in CPython",
                    key.0 .0,
                    key.0 .1 as f64 / 1e9
                ))
            }
        }
    }
    Ok(pairs)
}

fn table_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/scenarios/python_lines.txt")
}

#[test]
fn every_variants_python_prints_what_its_rust_prints() {
    let update = std::env::var_os("UPDATE_PYTHON_LINES").is_some();
    let table = PythonLines::parse(&std::fs::read_to_string(table_path()).unwrap_or_default());
    // (scenario, variant, Rust wait) → the Python line CPython was at, from every run.
    let mut seen: BTreeMap<(&str, &str, RustCode), Option<u32>> = BTreeMap::new();
    let mut stops = 0;
    let mut failures = Vec::new();
    let mut checked = 0;
    for scenario in CATALOGUE {
        let mut runs = vec![
            ("tutorial values".to_owned(), Params::defaults(scenario.params)),
            ("changed values".to_owned(), common::changed(scenario)),
        ];
        runs.extend(range_ends(scenario));
        for (label, params) in runs {
            for variant in scenario.variants {
                let listed_lines = table.resolve(scenario.id, variant.name, scenario.rust_source.text);
                // The text the page shows for these values.
                let (python, stand_ins) = common::program_for(scenario, variant, &params);
                for spec in scenario.params {
                    let assignment = format!("{} = ", spec.name.to_ascii_uppercase());
                    let literal = variant.literals.iter().any(|l| l.param == spec.name);
                    let mut texts =
                        std::iter::once(python.as_str()).chain(stand_ins.iter().map(|(_, text)| text.as_str()));
                    if !literal && !texts.any(|text| text.lines().any(|line| line.starts_with(&assignment))) {
                        // Not in this program (one coroutine of two): then it must not change
                        // what the twin does either.
                        let mut other = params.clone();
                        other.set(spec.name, if params.get(spec) == spec.max { spec.min } else { spec.max });
                        let (with, without) = (
                            run_virtual(variant.program()(&other), 20.0, common::EPOCH),
                            run_virtual(variant.program()(&params), 20.0, common::EPOCH),
                        );
                        if with.lines() != without.lines() || with.elapsed != without.elapsed {
                            failures.push(format!(
                                "{} / {}: {} changes the Rust, but has no literal and no `{assignment}…` line in the Python or its stand-ins",
                                scenario.id, variant.name, spec.name
                            ));
                        }
                    }
                }
                let cpython = common::run_cpython(&python, &stand_ins, scenario.id, variant.name);
                let rust = run_virtual(variant.program()(&params), 20.0, common::EPOCH);
                let mut problems = common::differences(&cpython, &rust);
                if let Some(problem) = different_tasks(&cpython, &rust) {
                    problems.push(problem);
                }
                if let Some(problem) = different_timelines(&cpython, &rust) {
                    problems.push(problem);
                }
                match pair_stops(&cpython, &rust).and_then(|mut pairs| {
                    pairs.extend(pair_named_lines(&cpython, &rust)?);
                    Ok(pairs)
                }) {
                    Err(problem) => problems.push(problem),
                    Ok(pairs) => {
                        for (site, line) in pairs {
                            stops += 1;
                            let at = serde_json::to_string(&site).unwrap_or_default();
                            let Some(rust) = RustCode::at(scenario.rust_source.text, site.line()) else {
                                problems.push(format!(
                                    "the engine names {at}, which is not a line of {}",
                                    scenario.rust_source.file_name()
                                ));
                                continue;
                            };
                            if let Some(before) = seen.insert((scenario.id, variant.name, rust), line) {
                                if before != line {
                                    problems.push(format!("{at} is at Python lines {before:?} and {line:?}"));
                                }
                            }
                            let listed = listed_lines.get(site);
                            if !update && listed != line {
                                problems.push(format!(
                                    "the engine names {at} (Python line {line:?}), python_lines.txt says {listed:?}; \
                                     UPDATE_PYTHON_LINES=1 rewrites the table"
                                ));
                            }
                        }
                    }
                }
                for problem in problems {
                    failures.push(format!("{} / {} ({label} {:?}): {problem}", scenario.id, variant.name, params));
                }
                checked += 1;
            }
        }
    }
    if !update {
        for (scenario, variant, rust, line) in table.rows() {
            if seen.get(&(scenario, variant, rust.clone())) != Some(&Some(line)) {
                failures.push(format!("python_lines.txt: {scenario} {variant} {line} {rust:?} is no wait any more"));
            }
        }
    }
    if update && failures.is_empty() {
        let rows =
            seen.iter().filter_map(|((scenario, variant, rust), line)| Some((*scenario, *variant, rust, (*line)?)));
        std::fs::write(table_path(), PythonLines::write(rows)).unwrap();
    }
    common::remove_cpython_runs();
    assert!(failures.is_empty(), "{} differences:\n{}", failures.len(), failures.join("\n"));
    println!("{checked} variant runs matched CPython; {stops} task stops and named lines at the same Python line");
}
