//! The Python the page shows is what we run: every variant's Python, executed by CPython on its
//! own event loop with a virtual clock (`tests/python/virtual_run.py`), must print the same lines
//! at the same times and end the same way as the Rust scenario on the virtual runtime — with the
//! tutorial's values and with changed ones.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::Command;

use coroutine_playground::aio::virtual_clock::run_virtual;
use coroutine_playground::model::params::{ParamSpec, Params, Unit};
use coroutine_playground::scenarios::{Scenario, CATALOGUE};
use coroutine_playground::trace::{Exit, RunOutcome};
use regex::Regex;
use serde_json::Value;

/// What differs between two honest runs: wall-clock times, object addresses, source locations.
fn mask(text: &str) -> String {
    let volatile = [
        (r"\d{2}:\d{2}:\d{2}", "HH:MM:SS"),
        (r"0x[0-9a-f]+", "0x…"),
        (r"defined at [^>]*", "defined at …"),
    ];
    volatile.iter().fold(text.to_owned(), |text, (pattern, with)| {
        Regex::new(pattern).unwrap().replace_all(&text, *with).into_owned()
    })
}

fn python_value(spec: &ParamSpec, value: f64) -> String {
    match spec.unit {
        Unit::Count => format!("{}", value as i64),
        Unit::Seconds => format!("{value:?}"),
    }
}

/// A second valid set of values, different from the tutorial's wherever the range allows.
fn changed(scenario: &Scenario) -> Params {
    let mut params = Params::defaults(scenario.params);
    for spec in scenario.params {
        let candidate = match spec.unit {
            Unit::Seconds => spec.default * 1.5 + 0.25,
            Unit::Count => spec.default + 1.0,
        };
        let value = if candidate <= spec.max { candidate } else { spec.min };
        params.set(spec.name, value);
    }
    params
}

fn run_cpython(python: &str, scenario: &Scenario, params: &Params, file_name: &str) -> Value {
    let dir = std::env::temp_dir().join(format!("playground-parity-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(file_name);
    std::fs::write(&file, python).unwrap();
    let harness = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/python/virtual_run.py");
    let mut command = Command::new("python3");
    command.arg(&harness).arg(&file).args(["--limit", "100000"]);
    for spec in scenario.params {
        command.arg("--set").arg(format!("{}={}", spec.name.to_ascii_uppercase(), python_value(spec, params.get(spec))));
    }
    let output = command.output().expect("python3 runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!("{file_name}: harness output is not JSON ({e}):\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr))
    })
}

fn compare(cpython: &Value, rust: &RunOutcome) -> Vec<String> {
    let mut problems = Vec::new();
    let expected: Vec<(f64, String)> = cpython["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["t"].as_f64().unwrap(), mask(l["text"].as_str().unwrap())))
        .collect();
    let actual: Vec<(f64, String)> = rust.lines().iter().map(|l| (l.t, mask(&l.text))).collect();
    for (i, pair) in expected.iter().zip(&actual).enumerate() {
        let ((t_py, text_py), (t_rs, text_rs)) = pair;
        if text_py != text_rs || (t_py - t_rs).abs() > 1e-6 {
            problems.push(format!("line {i}: Rust {text_rs:?} at {t_rs}, CPython {text_py:?} at {t_py}"));
            break;
        }
    }
    if expected.len() != actual.len() {
        problems.push(format!("Rust printed {} lines, CPython {}", actual.len(), expected.len()));
    }
    let exit = &cpython["exit"];
    let same_exit = match (exit["status"].as_str(), &rust.exit) {
        (Some("ok"), Exit::Ok) | (Some("never-exits"), Exit::NeverExits) => true,
        (Some("exception"), Exit::Exception(text)) => exit["exception"].as_str() == Some(text.as_str()),
        _ => false,
    };
    if !same_exit {
        problems.push(format!("Rust ended {:?}, CPython {exit}", rust.exit));
    }
    let cpython_end = cpython["elapsed"].as_f64().or(exit["last_event"].as_f64()).unwrap_or(0.0);
    if (cpython_end - rust.elapsed).abs() > 1e-6 {
        problems.push(format!("Rust ended at {} s, CPython at {cpython_end} s", rust.elapsed));
    }
    problems
}

#[test]
fn every_variants_python_prints_what_its_rust_prints() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for scenario in CATALOGUE {
        for (label, params) in [("tutorial values", Params::defaults(scenario.params)), ("changed values", changed(scenario))] {
            for variant in scenario.variants {
                let file_name = format!("{}-{}.py", scenario.id, variant.name);
                let cpython = run_cpython(variant.python.text, scenario, &params, &file_name);
                let rust = run_virtual((variant.program)(&params), 20.0, 0.0);
                for problem in compare(&cpython, &rust) {
                    failures.push(format!("{} / {} ({label} {:?}): {problem}", scenario.id, variant.name, params));
                }
                checked += 1;
            }
        }
    }
    assert!(failures.is_empty(), "{} differences:\n{}", failures.len(), failures.join("\n"));
    println!("{checked} variant runs matched CPython");
}
