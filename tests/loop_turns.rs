//! The loop inspector shows CPython's own bookkeeping: at every turn of the loop (`_run_once`),
//! the engine's ready queue, in order, and its pending timers must be CPython's `_ready` and
//! `_scheduled` for the same program (`virtual_run.py --turns`), for every variant of the
//! catalogue, with the tutorial's values and with changed ones. CPython's turns are read by the
//! page's own reader, as it reads a run of CPython in the page.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use coroutine_playground::aio::virtual_clock::run_inspected;
use coroutine_playground::lesson::params::{Params, Unit};
use coroutine_playground::lesson::Scenario;
use coroutine_playground::scenarios::CATALOGUE;
use coroutine_playground::trace::{Callback, Turn};
use serde_json::Value;

/// A second valid set of values, different from the tutorial's wherever the range allows.
fn changed(scenario: &Scenario) -> Params {
    let mut params = Params::defaults(scenario.params);
    for spec in scenario.params {
        let candidate = match spec.unit {
            Unit::Seconds => spec.default * 1.5 + 0.25,
            Unit::Count => spec.default + 1.0,
        };
        params.set(spec.name, if candidate <= spec.max { candidate } else { spec.min });
    }
    params
}

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

/// Whether the run waited on real I/O (a fetch, a file): the engine models it as a completion
/// from outside the loop (`_set_state`, as aiohttp's and aiofiles' threads deliver it),
/// where the article's stand-ins model it with `asyncio.sleep`, whose timer CPython shows.
fn waits_on_io(run: &coroutine_playground::trace::RunOutcome) -> bool {
    use coroutine_playground::trace::{EventKind, WaitOn};
    run.trace
        .events
        .iter()
        .any(|e| matches!(&e.kind, EventKind::Waits(WaitOn::External(what), _) if !what.starts_with("to_thread(")))
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

#[test]
fn every_turn_of_the_loop_is_cpythons() {
    let mut failures = Vec::new();
    let (mut runs, mut turns, mut modelled_io) = (0, 0, 0);
    for scenario in CATALOGUE {
        for (label, params) in
            [("tutorial values", Params::defaults(scenario.params)), ("changed values", changed(scenario))]
        {
            for variant in scenario.variants {
                let python = params.in_python(variant.python.text, scenario.params, variant.literals);
                let stand_ins: Vec<_> = scenario
                    .stand_ins
                    .iter()
                    .map(|module| (module.in_folder(), params.in_python(module.text, scenario.params, &[])))
                    .collect();
                let cpython = common::run_cpython_with(&python, &stand_ins, scenario.id, variant.name, &["--turns"]);
                let engine = run_inspected((variant.program)(&params), 20.0, common::EPOCH);
                if waits_on_io(&engine) {
                    modelled_io += 1;
                    continue;
                }
                let (engine, cpython) = (engine.trace.turns, cpython_turns(&cpython));
                match first_difference(&engine, &cpython) {
                    Some(problem) => failures.push(format!("{} / {} ({label}): {problem}", scenario.id, variant.name)),
                    None => turns += engine.len(),
                }
                runs += 1;
            }
        }
    }
    common::remove_cpython_runs();
    assert!(failures.is_empty(), "{} of {runs} runs differ:\n{}", failures.len(), failures.join("\n"));
    println!(
        "{runs} runs, {turns} turns: the engine's ready queue and timers are CPython's at every one; \
         {modelled_io} runs with modelled I/O not compared"
    );
}
