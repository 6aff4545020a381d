//! Every golden trace recorded from CPython 3.11 (`../shared/golden`) whose scenario is in the
//! catalogue must be matched by the virtual runtime: the printed lines in order (exactly where
//! the order is deterministic), each at its ideal time, the elapsed time and the exit.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use coroutine_playground::aio::virtual_clock::run_virtual;
use coroutine_playground::model::params::Params;
use coroutine_playground::scenarios::{self, Scenario, Variant};
use coroutine_playground::trace::{Exit, RunOutcome};
use regex::Regex;
use serde_json::Value;

/// `../shared/golden` beside the clone, as on every machine of the project and in CI.
fn golden_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/golden");
    assert!(dir.join("map.json").exists(), "the golden traces are missing: expected {}", dir.display());
    dir
}

fn read_json(path: PathBuf) -> Value {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
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

fn line_matches(expected: &Value, text: &str) -> bool {
    match expected["pattern"].as_str() {
        Some(pattern) => Regex::new(pattern).expect("golden patterns are valid regexes").is_match(text),
        None => expected["text_ideal"].as_str().or(expected["text"].as_str()) == Some(text),
    }
}

/// Differences between a virtual run and a golden trace; empty when they agree.
fn compare(trace: &Value, run: &RunOutcome) -> Vec<String> {
    let mut problems = Vec::new();
    let expected = trace["lines"].as_array().expect("lines");
    let actual = run.lines();
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

fn variant_of(scenario: &'static Scenario, name: Option<&str>) -> Option<&'static Variant> {
    match name {
        Some(name) => scenario.variant(name),
        None => scenario.variants.first(),
    }
}

#[test]
fn scenarios_in_the_catalogue_match_every_golden_trace_mapped_to_them() {
    let map = read_json(golden_dir().join("map.json"));
    let mut checked = 0;
    let mut failures = Vec::new();
    for (trace_id, entry) in map.as_object().expect("map.json is an object") {
        let Some(scenario) = scenarios::find(entry["scenario"].as_str().expect("scenario")) else { continue };
        let variant_name = entry["variant"].as_str();
        let Some(variant) = variant_of(scenario, variant_name) else {
            failures.push(format!("{trace_id}: {} has no variant {variant_name:?}", scenario.id));
            continue;
        };
        let trace = read_json(golden_dir().join("traces").join(format!("{trace_id}.json")));
        let run = run_virtual((variant.program)(&params_of(scenario, &trace)), 20.0, 0.0);
        for problem in compare(&trace, &run) {
            failures.push(format!("{trace_id} ({} / {}): {problem}", scenario.id, variant.name));
        }
        checked += 1;
    }
    assert!(checked > 0, "no golden trace maps to a scenario in the catalogue");
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
    println!("{checked} golden traces matched");
}
