//! Mistakes named by the trace (`model::mistakes`), on every variant of every lesson: each kind
//! fires exactly where the lesson's program makes that mistake, and never on a correct variant;
//! and CPython's run of the same program, read into a trace as the page reads the learner's,
//! names the same kinds.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use coroutine_playground::aio::virtual_clock::run_virtual;
use coroutine_playground::lesson::params::Params;
use coroutine_playground::model::mistakes::{mistakes, Mistake};
use coroutine_playground::model::python_lines::PythonLines;
use coroutine_playground::scenarios::CATALOGUE;
use coroutine_playground::trace::Site;

/// The variants that make a mistake, the kinds their trace must name, and why. Every other
/// variant of the catalogue must name none.
const EXPECTED: &[(&str, &str, &[&str], &str)] = &[
    (
        "say-after",
        "sequential",
        &["sequential"],
        "say_after(1) then say_after(2), awaited in turn: 3 s where tasks take 2",
    ),
    (
        "count-tasks",
        "sequential",
        &["sequential"],
        "count(1) then count(2), awaited in turn: the lesson's slow version",
    ),
    ("say-after", "bare-coroutines", &["never-awaited", "never-awaited"], "two say_after coroutines made and dropped"),
    ("do-some-work", "checks", &["never-awaited"], "iscoroutine(do_some_work(3)) makes a coroutine it never awaits"),
    (
        "run-forever-stop",
        "stop-in-coroutine",
        &["task-pending"],
        "the 1 s task stops the loop while the 3 s one, which nobody awaits, is still asleep: its 'Done' never prints",
    ),
    ("queue-workers", "no-task-done", &["join-forever"], "consumers take every item and never call task_done()"),
    ("blocking-call", "blocking", &["blocking"], "time.sleep(2) in a coroutine holds the loop while the others wait"),
    (
        "chess-exhibition",
        "simultaneous",
        &["blocking"],
        "the master's move is time.sleep in each game's task: the lesson's model of one busy master, and what the \
         notice says is exactly what the lesson shows (the other boards wait)",
    ),
];

// Named none, with why (the rules' edges):
// - chess-exhibition/one-by-one: time.sleep, but in the only task there is: nobody else is late;
//   its games are awaited one after another from one line (a loop), which may be on purpose.
// - aiohttp-fetch/sequential: its fetches are real I/O, awaited from one line in a loop.
// - count-tasks/outside-loop, gather-work/wait-coroutines, loop-close/reuse-closed: CPython warns
//   of a coroutine never awaited, but after the uncaught exception that is the thing to fix.

/// The CPython tests share this process's folder of programs, which each removes at its end.
static CPYTHON: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn kinds(found: &[Mistake]) -> Vec<&'static str> {
    found.iter().map(Mistake::kind).collect()
}

fn expected(scenario: &str, variant: &str) -> &'static [&'static str] {
    EXPECTED.iter().find(|(s, v, _, _)| *s == scenario && *v == variant).map_or(&[], |(_, _, kinds, _)| kinds)
}

fn python_lines() -> PythonLines {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/scenarios/python_lines.txt");
    PythonLines::parse(&std::fs::read_to_string(path).expect("the Python-line table"))
}

#[test]
fn every_variant_names_exactly_its_mistakes() {
    let table = python_lines();
    let mut failures = Vec::new();
    let mut checked = 0;
    for scenario in CATALOGUE {
        for variant in scenario.variants {
            for params in [Params::defaults(scenario.params), common::changed(scenario)] {
                let outcome = run_virtual(variant.program()(&params), 1.0, common::EPOCH);
                let found = mistakes(&outcome);
                let want = expected(scenario.id, variant.name);
                if kinds(&found) != want {
                    failures.push(format!("{} / {}: named {found:?}, expected {want:?}", scenario.id, variant.name));
                }
                // Each names a line of the Python (a twin's line mapped by python_lines.txt).
                let lines = table.resolve(scenario.id, variant.name, scenario.rust_source.text);
                for mistake in &found {
                    if mistake.line(Some(&lines)).is_none() {
                        failures.push(format!(
                            "{} / {}: {mistake:?} names no line of the Python",
                            scenario.id, variant.name
                        ));
                    }
                }
                checked += 1;
            }
        }
    }
    for (scenario, variant, _, _) in EXPECTED {
        let known = CATALOGUE.iter().any(|s| s.id == *scenario && s.variants.iter().any(|v| v.name == *variant));
        assert!(known, "{scenario} / {variant} is in the table but not in the catalogue");
    }
    assert!(checked >= 100, "only {checked} runs checked");
    assert!(failures.is_empty(), "{} of {checked} runs:\n{}", failures.len(), failures.join("\n"));
}

/// The figures the notices give, from the lessons' own values.
#[test]
fn the_notices_figures_are_the_runs() {
    let run = |scenario: &str, variant: &str| {
        let scenario = CATALOGUE.iter().find(|s| s.id == scenario).unwrap();
        let variant = scenario.variants.iter().find(|v| v.name == variant).unwrap();
        mistakes(&run_virtual(variant.program()(&Params::defaults(scenario.params)), 1.0, common::EPOCH))
    };
    match run("say-after", "sequential").as_slice() {
        [Mistake::Sequential { waits, saving, .. }] => {
            assert_eq!((waits.as_slice(), *saving), ([1.0, 2.0].as_slice(), 1.0))
        }
        other => panic!("{other:?}"),
    }
    match run("blocking-call", "blocking").as_slice() {
        // blocking_task(2) holds the loop for 2 s; gather's two other tasks and main wait.
        [Mistake::Blocking { seconds, longest, calls, others, .. }] => {
            assert_eq!((*seconds, *longest, *calls, *others), (2.0, 2.0, 1, 3))
        }
        other => panic!("{other:?}"),
    }
    match run("queue-workers", "no-task-done").as_slice() {
        // Four producers of ten events each.
        [Mistake::JoinForever { queue, items, .. }] => assert_eq!((queue.as_str(), *items), ("queue", 40)),
        other => panic!("{other:?}"),
    }
}

/// CPython's run of each variant (`virtual_run.py --events`, as the page runs the learner's
/// program), read into a trace, names the same kinds as the engine's, at the same Python lines.
#[test]
fn cpython_runs_name_the_same_mistakes() {
    let _one_at_a_time = CPYTHON.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let table = python_lines();
    let mut failures = Vec::new();
    for scenario in CATALOGUE {
        for variant in scenario.variants {
            let params = Params::defaults(scenario.params);
            let (python, stand_ins) = common::program_for(scenario, variant, &params);
            let cpython = common::run_cpython_with(&python, &stand_ins, scenario.id, variant.name, &["--events"]);
            let found = mistakes(&common::cpython_run_with_events(&cpython).outcome(1.0));
            let want = expected(scenario.id, variant.name);
            if kinds(&found) != want {
                failures.push(format!(
                    "{} / {}: CPython's run named {found:?}, expected {want:?}",
                    scenario.id, variant.name
                ));
                continue;
            }
            let lines = table.resolve(scenario.id, variant.name, scenario.rust_source.text);
            let engine = mistakes(&run_virtual(variant.program()(&params), 1.0, common::EPOCH));
            let named = |found: &[Mistake]| -> Vec<Option<u32>> {
                let mut named: Vec<_> = found.iter().map(|m| m.line(Some(&lines))).collect();
                named.sort();
                named
            };
            if named(&found) != named(&engine) {
                failures.push(format!(
                    "{} / {}: CPython's notices name lines {:?}, the engine's {:?}",
                    scenario.id,
                    variant.name,
                    named(&found),
                    named(&engine)
                ));
            }
        }
    }
    common::remove_cpython_runs();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A program of the learner's, run on CPython as the page runs it (`--events`).
fn learners_run(python: &str, name: &str) -> coroutine_playground::model::cpython::CpythonRun {
    let cpython = common::run_cpython_with(python, &[], "learner", name, &["--events"]);
    common::cpython_run_with_events(&cpython)
}

/// A program of the learner's that leaves a task pending when it closes its loop: CPython 3.11
/// writes "Task was destroyed but it is pending!" and the task, which the notice names.
#[test]
fn cpython_names_a_task_left_pending() {
    let _one_at_a_time = CPYTHON.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let python = "import asyncio\n\
                  \n\
                  async def forever():\n\
                  \x20   await asyncio.sleep(10)\n\
                  \n\
                  async def main():\n\
                  \x20   await asyncio.sleep(0)\n\
                  \n\
                  loop = asyncio.new_event_loop()\n\
                  loop.create_task(forever())\n\
                  loop.run_until_complete(main())\n\
                  loop.close()\n";
    let run = learners_run(python, "pending");
    let stderr: Vec<&str> = run.stderr.iter().map(|w| w.text.as_str()).collect();
    assert_eq!(stderr.first(), Some(&"Task was destroyed but it is pending!"), "{stderr:?}");
    let found = mistakes(&run.outcome(1.0));
    common::remove_cpython_runs();
    // The line CPython names is where the coroutine is defined.
    assert_eq!(found, [Mistake::TaskPending { coroutine: "forever".into(), site: Some(Site::Python(3)) }]);
}

/// A program of the learner's whose task raises and is never awaited: CPython 3.11 writes "Task
/// exception was never retrieved" when the task goes, as `python3 FILE.py` does (at once here,
/// before `done`), and the notice names the line that raised.
#[test]
fn cpython_names_an_exception_never_retrieved() {
    let _one_at_a_time = CPYTHON.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let python = "import asyncio\n\
                  \n\
                  async def boom():\n\
                  \x20   raise ValueError('boom')\n\
                  \n\
                  async def main():\n\
                  \x20   asyncio.create_task(boom())\n\
                  \x20   await asyncio.sleep(1)\n\
                  \x20   print('done')\n\
                  \n\
                  asyncio.run(main())\n";
    let run = learners_run(python, "never-retrieved");
    let lines = run.written(1.0);
    let written: Vec<(f64, &str)> = lines.iter().map(|line| (line.t, line.text.as_str())).collect();
    assert_eq!(written.first(), Some(&(0.0, "Task exception was never retrieved")), "{written:?}");
    assert_eq!(written.last(), Some(&(1.0, "done")), "{written:?}");
    let found = mistakes(&run.outcome(1.0));
    common::remove_cpython_runs();
    assert_eq!(
        found,
        [Mistake::ExceptionNeverRetrieved {
            coroutine: "boom".into(),
            error: "ValueError('boom')".into(),
            site: Some(Site::Python(4))
        }]
    );
}
