//! What the native tests that compare the engine with CPython share: reading a CPython run (a
//! recorded trace, or `virtual_run.py`'s live output, which have the same fields) and telling
//! where the engine's run differs from it.
#![allow(dead_code)] // Each test binary uses its own part of this module.

use std::path::{Path, PathBuf};
use std::process::Command;

use coroutine_playground::lesson::params::Params;
use coroutine_playground::model::cpython::{read_events, read_turns, read_unawaited, CpythonRun, Fields};
use coroutine_playground::trace::RunOutcome;
use serde_json::Value;

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

/// `time.time()` at the start of a run, in UTC, for CPython (`virtual_run.py --epoch`, as
/// `tests/python/record.py` records) and the engine alike: wall-clock times printed are then the
/// same text in both.
pub const EPOCH: f64 = 1_767_225_600.0;

/// A CPython run as the model reads it: a recorded trace or `virtual_run.py`'s live output.
pub fn cpython_run(cpython: &Value) -> CpythonRun {
    serde_json::from_value(cpython.clone()).unwrap_or_else(|e| panic!("a CPython run's fields ({e}): {cpython}"))
}

/// A `serde_json` value of `virtual_run.py`'s result, for the model's reader.
struct Json<'a>(&'a Value);

impl<'a> Fields for Json<'a> {
    fn get(&self, key: &str) -> Option<Json<'a>> {
        self.0.get(key).filter(|v| !v.is_null()).map(Json)
    }

    fn text(&self) -> Option<String> {
        self.0.as_str().map(str::to_owned)
    }

    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }

    fn items(&self) -> Vec<Json<'a>> {
        self.0.as_array().map_or_else(Vec::new, |items| items.iter().map(Json).collect())
    }
}

/// A live CPython run with its trace (`virtual_run.py --events`), read by the page's own reader.
pub fn cpython_run_with_events(cpython: &Value) -> CpythonRun {
    let mut run = cpython_run(cpython);
    run.events = read_events(&Json(cpython));
    run.turns = cpython_turns(cpython);
    run.unawaited = read_unawaited(&Json(cpython));
    let reported = cpython["events"].as_array().map_or(0, Vec::len);
    assert_eq!(run.events.len(), reported, "every event the harness reports is read");
    let unawaited = cpython["unawaited"].as_array().map_or(0, Vec::len);
    assert_eq!(run.unawaited.len(), unawaited, "every coroutine never awaited is read");
    run
}

/// The loop's turns of a live CPython run (`virtual_run.py --turns`), read by the page's reader.
pub fn cpython_turns(cpython: &Value) -> Vec<coroutine_playground::trace::Turn> {
    let turns = read_turns(&Json(cpython));
    let reported = cpython["turns"].as_array().map_or(0, Vec::len);
    assert_eq!(turns.len(), reported, "every turn the harness reports is read");
    turns
}

/// How many of CPython's stderr lines the engine does not write: frames and warnings at a line.
pub fn unmirrored_stderr(cpython: &Value) -> usize {
    let run = cpython_run(cpython);
    run.stderr.len() - run.folded_stderr().len()
}

/// Where the engine's run differs from CPython's (`CpythonRun::differences`). Empty when they agree.
pub fn differences(cpython: &Value, rust: &RunOutcome) -> Vec<String> {
    cpython_run(cpython).differences(rust)
}

/// Where this test process writes the programs it runs on CPython.
fn runs_dir() -> String {
    std::env::temp_dir().join(format!("playground-cpython-{}", std::process::id())).display().to_string()
}

/// Removes the programs this process ran on CPython.
pub fn remove_cpython_runs() {
    let _ = std::fs::remove_dir_all(runs_dir());
}

/// A variant's Python as the page shows it for these values, and the scenario's stand-in modules
/// with the same values, each `(path in the folder, text)`: what `run_cpython` takes.
pub fn program_for(
    scenario: &coroutine_playground::lesson::Scenario,
    variant: &coroutine_playground::lesson::Variant,
    params: &Params,
) -> (String, Vec<(&'static str, String)>) {
    let python = params.in_python(variant.python.text, scenario.params, variant.literals);
    let stand_ins = scenario
        .stand_ins
        .iter()
        .map(|module| (module.in_folder(), params.in_python(module.text, scenario.params, &[])))
        .collect();
    (python, stand_ins)
}

/// Runs `python` on CPython with a virtual clock, as `python3 <variant>.py` in a folder of its
/// own with the scenario's stand-in modules beside it, each `(path in the folder, text)`
/// (`tests/python/record.py` records the same way).
pub fn run_cpython(python: &str, stand_ins: &[(&str, String)], scenario: &str, variant: &str) -> Value {
    run_cpython_with(python, stand_ins, scenario, variant, &["--events"])
}

/// `run_cpython` with the harness's options (`--events`, `--turns`).
pub fn run_cpython_with(
    python: &str,
    stand_ins: &[(&str, String)],
    scenario: &str,
    variant: &str,
    options: &[&str],
) -> Value {
    let dir = PathBuf::from(runs_dir()).join(scenario);
    std::fs::create_dir_all(&dir).unwrap();
    for (path, text) in stand_ins {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let file_name = format!("{variant}.py");
    std::fs::write(dir.join(&file_name), python).unwrap();
    let harness = root().join("static/cpython/virtual_run.py");
    let output = Command::new(python3())
        .current_dir(&dir)
        .env("TZ", "UTC")
        .arg(&harness)
        .arg(&file_name)
        .args(["--limit", "10000000", "--epoch", &EPOCH.to_string()])
        .args(options)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "{scenario}/{file_name}: harness output is not JSON ({e}):\n{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// The CPython to compare with: `$PYTHON` if set, else Debian's `/usr/bin/python3` (which
/// scripts/setup installs), else the first `python3` on the PATH. It must be 3.11.
pub fn python3() -> String {
    let debian = std::path::Path::new("/usr/bin/python3");
    let default = if debian.exists() { debian.display().to_string() } else { "python3".to_owned() };
    let python = std::env::var("PYTHON").unwrap_or(default);
    let version = Command::new(&python).args(["-c", "import sys; print(*sys.version_info[:2])"]).output();
    let version = version.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned()).unwrap_or_default();
    assert_eq!(version, "3 11", "the parity test needs CPython 3.11 as `{python}` ($PYTHON picks another)");
    python
}

/// A second valid set of values, different from the tutorial's wherever the range allows.
pub fn changed(scenario: &coroutine_playground::lesson::Scenario) -> Params {
    let mut params = Params::defaults(scenario.params);
    for spec in scenario.params {
        let candidate = match spec.unit {
            coroutine_playground::lesson::params::Unit::Seconds => spec.default * 1.5 + 0.25,
            coroutine_playground::lesson::params::Unit::Count => spec.default + 1.0,
        };
        let value = if candidate <= spec.max { candidate } else { spec.min };
        params.set(spec.name, value);
    }
    params
}
