//! The loop inspector shows CPython's own bookkeeping: at every turn of the loop (`_run_once`),
//! the engine's ready queue, in order, its pending timers, and what each task awaits must be
//! CPython's `_ready`, `_scheduled` and tasks for the same program (`virtual_run.py --turns`), for every variant of the
//! catalogue, with the tutorial's values and with changed ones. CPython's turns are read by the
//! page's own reader, as it reads a run of CPython in the page.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use coroutine_playground::aio::virtual_clock::run_inspected;
use coroutine_playground::lesson::params::Params;
use coroutine_playground::model::await_graph::Doing;
use coroutine_playground::model::inspector::turn_view;
use coroutine_playground::model::real_io::io_waits;
use coroutine_playground::scenarios::CATALOGUE;
use coroutine_playground::trace::{Callback, Trace, Turn, WaitOn};
use serde_json::Value;

/// CPython's turns, less one thing the engine has no part of: natively a thread wakes the loop
/// through its self-pipe, which runs `_read_from_self` (the thread's `call_soon_threadsafe`
/// callback joins the ready queue all the same), in a turn of its own unless timers fell due
/// then too. The browser has no threads here, and the engine's worker wakes its loop from a
/// message: no such callback, no such turn. Read by the page's own reader (`read_turns`).
fn cpython_turns(cpython: &Value) -> Vec<Turn> {
    let self_pipe = Callback::Call("_read_from_self".to_owned());
    common::cpython_turns(cpython)
        .into_iter()
        .filter_map(|mut turn| {
            let woken = turn.ready.contains(&self_pipe);
            turn.ready.retain(|c| *c != self_pipe);
            (!woken || !turn.ready.is_empty() || !turn.due.is_empty()).then_some(turn)
        })
        .collect()
}

/// What a turn shows, without the count of events before it (each side counts its own).
type Shown<'a> = (u64, &'a [Callback], Vec<(u64, &'a Callback)>, Vec<(u64, &'a Callback)>);

fn ns(t: f64) -> u64 {
    (t * 1e9).round() as u64
}

fn in_ns(timers: &[(f64, Callback)]) -> Vec<(u64, &Callback)> {
    timers.iter().map(|(when, c)| (ns(*when), c)).collect()
}

fn shown(turn: &Turn) -> Shown<'_> {
    (ns(turn.t), &turn.ready, in_ns(&turn.due), in_ns(&turn.timers))
}

/// The first turn where the two differ, described; `None` if they agree turn by turn.
fn first_difference(engine: &[Turn], cpython: &[Turn]) -> Option<String> {
    for (i, (e, c)) in engine.iter().zip(cpython).enumerate() {
        if shown(e) != shown(c) {
            return Some(format!("turn {i}: the engine {:?}, CPython {:?}", shown(e), shown(c)));
        }
    }
    (engine.len() != cpython.len()).then(|| format!("the engine ran {} turns, CPython {}", engine.len(), cpython.len()))
}

/// What each task is doing when a turn starts, as the inspector shows it: waiting on a sleep (of
/// how long), on a task (which), on another future; ready; or ended.
fn doing(trace: &Trace, turn: usize) -> Vec<(usize, String)> {
    let view = turn_view(trace, turn).expect("a turn of the run");
    view.tasks
        .iter()
        .map(|row| {
            let doing = match &row.doing {
                Doing::Waiting { on: WaitOn::Sleep(seconds), .. } => format!("sleep({seconds})"),
                Doing::Waiting { on: WaitOn::Task(task), .. } => format!("awaits Task-{task}"),
                Doing::Waiting { .. } => "awaits a future".to_owned(),
                Doing::Ready => "ready".to_owned(),
                Doing::Done(_) => "ended".to_owned(),
            };
            (row.task, doing)
        })
        .collect()
}

/// The first turn where a task is doing something else in the two runs.
fn first_task_difference(engine: &Trace, cpython: &Trace) -> Option<String> {
    (0..engine.turns.len().min(cpython.turns.len())).find_map(|turn| {
        let (e, c) = (doing(engine, turn), doing(cpython, turn));
        (e != c).then(|| format!("turn {turn}: the engine's tasks {e:?}, CPython's {c:?}"))
    })
}

#[test]
fn every_turn_of_the_loop_is_cpythons() {
    let mut failures = Vec::new();
    let (mut runs, mut turns, mut modelled_io) = (0, 0, 0);
    for scenario in CATALOGUE {
        for (label, params) in
            [("tutorial values", Params::defaults(scenario.params)), ("changed values", common::changed(scenario))]
        {
            for variant in scenario.variants {
                let (python, stand_ins) = common::program_for(scenario, variant, &params);
                let cpython = common::run_cpython_with(&python, &stand_ins, scenario.id, variant.name, &["--turns"]);
                let engine = run_inspected(variant.program()(&params), 20.0, common::EPOCH);
                // Real I/O (a fetch, a file): the engine models it as a completion from outside
                // the loop (`_set_state`, as aiohttp's and aiofiles' threads deliver it), where
                // the article's stand-ins model it with `asyncio.sleep`, whose timer CPython shows.
                if !io_waits(&engine.trace).is_empty() {
                    modelled_io += 1;
                    continue;
                }
                // CPython's run as the page reads it, with the turns compared.
                let mut cpython_trace = common::cpython_run_with_events(&cpython).trace(20.0);
                cpython_trace.turns = cpython_turns(&cpython);
                let problem = first_difference(&engine.trace.turns, &cpython_trace.turns)
                    .or_else(|| first_task_difference(&engine.trace, &cpython_trace));
                match problem {
                    Some(problem) => failures.push(format!("{} / {} ({label}): {problem}", scenario.id, variant.name)),
                    None => turns += engine.trace.turns.len(),
                }
                runs += 1;
            }
        }
    }
    common::remove_cpython_runs();
    assert!(failures.is_empty(), "{} of {runs} runs differ:\n{}", failures.len(), failures.join("\n"));
    println!(
        "{runs} runs, {turns} turns: the engine's ready queue, timers and what each task awaits are \
         CPython's at every one; {modelled_io} runs with modelled I/O not compared"
    );
}
