//! The engine against CPython's recorded traces.
//!
//! The project's own reference, `tests/traces/<scenario>/<variant>.json`, is recorded from the
//! programs the page shows by `tests/python/record.py` on CPython 3.11 (see
//! `tests/traces/README.md`): every variant must have one, recorded from its current Python, and
//! the engine on the virtual clock must print the same lines at the same times and end the same way.
//!
//! `../shared/golden`, an outside reference recorded independently from the same tutorials, is
//! compared too when it lies beside the clone; a clone without it passes and says so.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use coroutine_playground::aio::virtual_clock::run_virtual;
use coroutine_playground::lesson::params::Params;
use coroutine_playground::lesson::{Scenario, Variant};
use coroutine_playground::scenarios::{self, CATALOGUE};
use coroutine_playground::trace::{Exit, RunOutcome, Stream};
use regex::Regex;
use serde_json::Value;

fn traces_dir() -> PathBuf {
    common::root().join("tests/traces")
}

fn trace_path(scenario: &Scenario, variant: &Variant) -> PathBuf {
    traces_dir().join(scenario.id).join(format!("{}.json", variant.name))
}

const RERECORD: &str = "re-record with: python3 tests/python/record.py";

#[test]
fn every_variant_has_a_trace_recorded_from_the_python_the_page_shows() {
    let mut problems = Vec::new();
    let mut expected = BTreeSet::new();
    for scenario in CATALOGUE {
        for variant in scenario.variants {
            let path = trace_path(scenario, variant);
            expected.insert(path.clone());
            let name = format!("{}/{}", scenario.id, variant.name);
            if !path.exists() {
                problems.push(format!("{name}: no trace at {}; {RERECORD} {name}", path.display()));
                continue;
            }
            let trace = common::read_json(&path);
            let stand_ins: serde_json::Map<String, Value> = scenario
                .stand_ins
                .iter()
                .map(|module| (module.in_folder().to_owned(), Value::from(module.text)))
                .collect();
            if trace["stand_ins"].as_object().unwrap_or(&serde_json::Map::new()) != &stand_ins {
                problems.push(format!("{name}: recorded beside other stand-in modules; {RERECORD} {name}"));
            }
            if trace["source"].as_str() != Some(variant.python.text) {
                problems.push(format!(
                    "{name}: recorded from another version of {}; {RERECORD} {name}",
                    variant.python.path
                ));
            }
        }
    }
    for scenario_dir in std::fs::read_dir(traces_dir()).expect("tests/traces exists") {
        for file in std::fs::read_dir(scenario_dir.unwrap().path()).into_iter().flatten() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") && !expected.contains(&path) {
                problems.push(format!("{}: no variant of the catalogue has this trace", path.display()));
            }
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    println!("{} recorded traces, each from the current program", expected.len());
}

#[test]
fn the_engine_prints_what_cpython_printed_in_every_recorded_trace() {
    let mut failures = Vec::new();
    let (mut checked, mut unmirrored) = (0, Vec::new());
    for scenario in CATALOGUE {
        for variant in scenario.variants {
            let path = trace_path(scenario, variant);
            if !path.exists() {
                continue; // the test above names it
            }
            let trace = common::read_json(&path);
            let epoch = trace["epoch"].as_f64().expect("a trace has its epoch");
            let run = run_virtual(variant.program()(&Params::defaults(scenario.params)), 20.0, epoch);
            for problem in common::differences(&trace, &run) {
                failures.push(format!("{}/{}: {problem}", scenario.id, variant.name));
            }
            let left = common::unmirrored_stderr(&trace);
            if left > 0 {
                unmirrored.push(format!("{}/{} ({left})", scenario.id, variant.name));
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "no recorded trace was compared");
    assert!(failures.is_empty(), "{} differences:\n{}", failures.len(), failures.join("\n"));
    println!("{checked} recorded traces matched (stdout; stderr's traceback last lines and shutdown warnings; times, exit, end)");
    // The engine writes a traceback's last line only, and warnings only at shutdown: the rest
    // (frames, warnings at a line of the program) is not compared.
    println!("stderr lines the engine does not write, in {} traces: {}", unmirrored.len(), unmirrored.join(" "));
}

/// `../shared/golden` beside the clone, if it is there.
fn outside_reference() -> Option<PathBuf> {
    let dir = common::root().join("../shared/golden");
    dir.join("map.json").exists().then_some(dir)
}

/// The scenario's parameters set to the values the trace was recorded with.
fn params_of(scenario: &Scenario, trace: &Value) -> Params {
    let mut params = Params::defaults(scenario.params);
    if let Some(recorded) = trace["params"].as_object() {
        for (name, value) in recorded {
            let name = name.to_ascii_lowercase();
            if let (Some(spec), Some(v)) = (scenario.param(&name), value["value"].as_f64()) {
                params.set(spec.name, v);
            }
        }
    }
    params
}

/// A printed line against an outside trace's line. That reference ran each program under a file
/// name of its own, which a task's repr shows (`defined at count-wait-done-pending.py:18`): the
/// engine's file name is read as that one.
fn line_matches(expected: &Value, text: &str) -> bool {
    let defined_at = Regex::new(r"defined at [^:>]+\.py:").unwrap();
    let text = match defined_at.find(expected["text"].as_str().unwrap_or_default()) {
        Some(recorded) => defined_at.replace_all(text, recorded.as_str()).into_owned(),
        None => text.to_owned(),
    };
    match expected["pattern"].as_str() {
        Some(pattern) => Regex::new(pattern).expect("golden patterns are valid regexes").is_match(&text),
        None => expected["text_ideal"].as_str().or(expected["text"].as_str()) == Some(text.as_str()),
    }
}

/// Differences between a virtual run and an outside trace; empty when they agree.
fn outside_differences(trace: &Value, run: &RunOutcome) -> Vec<String> {
    let mut problems = Vec::new();
    let expected = trace["lines"].as_array().expect("lines");
    // Its traces hold stdout only.
    let actual: Vec<_> = run.lines().into_iter().filter(|l| l.stream == Stream::Stdout).collect();
    if expected.len() != actual.len() {
        problems.push(format!("{} lines printed, CPython printed {}", actual.len(), expected.len()));
    }
    if trace["deterministic_order"].as_bool() == Some(true) {
        for (i, (want, got)) in expected.iter().zip(&actual).enumerate() {
            if !line_matches(want, &got.text) {
                problems.push(format!("line {i}: printed {:?}, CPython printed {:?}", got.text, want["text"]));
            }
            let t_ideal = want["t_ideal"].as_f64().expect("t_ideal");
            if (got.t - t_ideal).abs() > 1e-6 {
                problems.push(format!("line {i} {:?}: at {} s, CPython at {t_ideal} s", got.text, got.t));
            }
        }
    } else {
        // Timer ties decide the order: the exact target is the ideal run, where equal deadlines
        // fire in scheduling order as ours do. Its random item names (os.urandom) are masked.
        let hex = Regex::new(r"\b[0-9a-f]{8,}\b").unwrap();
        let ideal = trace["ideal"]["lines"].as_array().expect("ideal.lines");
        for (i, (want, got)) in ideal.iter().zip(&actual).enumerate() {
            let want_text = hex.replace_all(want["text"].as_str().unwrap(), "<hex>");
            let got_text = hex.replace_all(&got.text, "<hex>");
            let t = want["t"].as_f64().unwrap();
            if want_text != got_text || (t - got.t).abs() > 1e-6 {
                problems.push(format!("line {i}: printed {got_text:?} at {}, ideal run {want_text:?} at {t}", got.t));
                break;
            }
        }
    }
    let exit = &trace["exit"];
    match (exit["status"].as_str(), &run.exit) {
        (Some("ok"), Exit::Ok) | (Some("never-exits"), Exit::NeverExits) => {}
        (Some("exception"), Exit::Exception(text)) if exit["exception"].as_str() == Some(text) => {}
        (want, got) => problems.push(format!("exit {got:?}, CPython {want:?} {:?}", exit["exception"])),
    }
    match trace["elapsed_ideal"].as_f64() {
        Some(elapsed) if (run.elapsed - elapsed).abs() > 1e-6 => {
            problems.push(format!("elapsed {} s, CPython {elapsed} s", run.elapsed))
        }
        _ => {}
    }
    problems
}

/// The variant a trace is of: the one the map names; else the one named after the trace's kind
/// (a trace of the `corrected` program, where the page also shows it `as-written`); else the first.
fn variant_of(scenario: &'static Scenario, name: Option<&str>, kind: Option<&str>) -> Option<&'static Variant> {
    match name {
        Some(name) => scenario.variant(name),
        None => kind.and_then(|kind| scenario.variant(kind)).or(scenario.variants.first()),
    }
}

#[test]
fn the_engine_matches_the_outside_reference_where_it_lies_beside_the_clone() {
    let Some(golden) = outside_reference() else {
        println!("../shared/golden is not beside this clone: the outside reference was not compared");
        return;
    };
    let map = common::read_json(&golden.join("map.json"));
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut replaced = Vec::new();
    for (trace_id, entry) in map.as_object().expect("map.json is an object") {
        let Some(scenario) = scenarios::find(entry["scenario"].as_str().expect("scenario")) else { continue };
        let variant_name = entry["variant"].as_str();
        let Some(variant) = variant_of(scenario, variant_name, entry["kind"].as_str()) else {
            if entry["kind"] == "model" {
                // The reference modelled a program the page did not run; the page runs the
                // article's own now, beside stand-ins, and has no such variant to compare.
                replaced.push(trace_id.as_str());
            } else {
                failures.push(format!("{trace_id}: {} has no variant {variant_name:?}", scenario.id));
            }
            continue;
        };
        let trace = common::read_json(&trace_file(&golden, trace_id));
        let run = run_virtual(variant.program()(&params_of(scenario, &trace)), 20.0, 0.0);
        for problem in outside_differences(&trace, &run) {
            failures.push(format!("{trace_id} ({} / {}): {problem}", scenario.id, variant.name));
        }
        checked += 1;
    }
    assert!(checked > 0, "no trace of ../shared/golden maps to a scenario in the catalogue");
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
    println!("{checked} traces of ../shared/golden matched");
    if !replaced.is_empty() {
        println!("not compared, models of programs the page now runs as written: {}", replaced.join(", "));
    }
}

fn trace_file(golden: &Path, trace_id: &str) -> PathBuf {
    golden.join("traces").join(format!("{trace_id}.json"))
}

/// `python3 <variant>.py` puts the program's folder first on `sys.path`: a program named like a
/// module of the standard library (`concurrent.py`) would be imported in its place, and at home
/// `import asyncio` would fail. Stand-ins are named after the packages they stand in for, none of
/// which is in the standard library.
#[test]
fn no_program_or_stand_in_is_named_like_a_module_of_the_standard_library() {
    let output = std::process::Command::new(common::python3())
        .args(["-c", "import sys; print('\\n'.join(sys.stdlib_module_names))"])
        .output()
        .expect("python3 runs");
    let stdlib: BTreeSet<String> = String::from_utf8_lossy(&output.stdout).lines().map(str::to_owned).collect();
    assert!(stdlib.contains("asyncio"), "the standard library's names: {stdlib:?}");
    let mut clashes = Vec::new();
    for scenario in CATALOGUE {
        let modules = scenario.variants.iter().map(|v| v.python.in_folder());
        for path in modules.chain(scenario.stand_ins.iter().map(|s| s.in_folder())) {
            let top = path.split('/').next().unwrap().trim_end_matches(".py");
            if stdlib.contains(top) {
                clashes.push(format!("{}: {path} is imported as the standard library's {top}", scenario.id));
            }
        }
    }
    assert!(clashes.is_empty(), "{}", clashes.join("\n"));
}
