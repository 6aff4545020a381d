//! What the native tests that compare the engine with CPython share: reading a CPython run (a
//! recorded trace, or `virtual_run.py`'s live output, which have the same fields) and telling
//! where the engine's run differs from it.
#![allow(dead_code)] // Each test binary uses its own part of this module.

use std::path::{Path, PathBuf};
use std::process::Command;

use coroutine_playground::trace::{Exit, RunOutcome, Stream};
use regex::Regex;
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

/// What differs between two honest runs and no program decides: object addresses, and the order
/// of a printed set of objects (`{<Task …>, <Task …>}`), which follows their addresses.
pub fn mask(text: &str) -> String {
    sorted_sets(&Regex::new(r"0x[0-9a-f]+").unwrap().replace_all(text, "0x…"))
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
        items.sort_unstable();
        out.push('{');
        out.push_str(&items.join(", "));
        out.push('}');
        rest = &body[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn a_set_of_reprs_reads_the_same_in_any_order() {
    let one = "{<Task name='Task-3' coro=<count() done>>, <Task name='Task-2' coro=<count() done>>} set()";
    let other = "{<Task name='Task-2' coro=<count() done>>, <Task name='Task-3' coro=<count() done>>} set()";
    assert_eq!(mask(one), mask(other));
    assert_eq!(mask(other), other);
    assert_ne!(mask("{<a>, <b>}"), mask("{<a>, <c>}"));
    assert_eq!(mask("at 0x7f3a {<b>"), "at 0x… {<b>");
}

/// The texts CPython printed for one line: `text`, and the `or` alternatives of a recorded trace
/// (text that differed between recorded runs, such as a set's order).
fn texts(line: &Value) -> Vec<&str> {
    let alternatives = line["or"].as_array().into_iter().flatten().filter_map(Value::as_str);
    std::iter::once(line["text"].as_str().expect("a line has a text")).chain(alternatives).collect()
}

/// What the engine writes of CPython's stderr, `(t, text)`: what the program itself writes there
/// (`print(..., file=sys.stderr)`, tqdm's bar), the last line of each traceback, and the warnings
/// written at shutdown (`sys:1: RuntimeWarning: coroutine 'count' was never awaited`). Traceback
/// frames and warnings at a program line (`main.py:16: RuntimeWarning: …`, the source line
/// under it and the tracemalloc hint) it does not write (yet): see [`unmirrored_stderr`].
pub fn mirrored_stderr(cpython: &Value) -> Vec<(f64, String)> {
    let lines = cpython["stderr"].as_array().map(Vec::as_slice).unwrap_or_default();
    let located_warning = Regex::new(r"^\S+\.py:\d+: \w+(Warning|Error): ").unwrap();
    let mut mirrored = Vec::new();
    let (mut in_traceback, mut under_warning) = (false, false);
    for line in lines {
        let (t, text) = (line["t"].as_f64().unwrap_or_default(), line["text"].as_str().unwrap_or_default());
        if text == "Traceback (most recent call last):" {
            in_traceback = true;
        } else if in_traceback {
            if !text.starts_with(' ') {
                mirrored.push((t, text.to_owned()));
                in_traceback = false;
            }
        } else if located_warning.is_match(text) {
            under_warning = true;
        } else if under_warning && (text.starts_with(' ') || text.contains("Enable tracemalloc")) {
            // The warning's source line, and the hint after a coroutine's.
        } else {
            under_warning = false;
            mirrored.push((t, text.to_owned()));
        }
    }
    mirrored
}

/// How many of CPython's stderr lines the engine does not write: frames and warnings at a line.
pub fn unmirrored_stderr(cpython: &Value) -> usize {
    cpython["stderr"].as_array().map_or(0, Vec::len) - mirrored_stderr(cpython).len()
}

/// Where the engine's run differs from CPython's: stdout lines (text and time), the last line of
/// each traceback on stderr, the exit and the time the program ended. Empty when they agree.
pub fn differences(cpython: &Value, rust: &RunOutcome) -> Vec<String> {
    let mut problems = Vec::new();
    let expected = cpython["lines"].as_array().expect("a CPython run has lines");
    let (actual, stderr): (Vec<_>, Vec<_>) = rust.lines().into_iter().partition(|l| l.stream == Stream::Stdout);
    let stderr: Vec<(f64, String)> = stderr.into_iter().map(|l| (l.t, l.text)).collect();
    let folded = mirrored_stderr(cpython);
    let same_stderr = stderr.len() == folded.len()
        && stderr.iter().zip(&folded).all(|((t, text), (want_t, want))| text == want && (t - want_t).abs() < 1e-6);
    if !same_stderr {
        problems.push(format!(
            "Rust wrote {stderr:?} on stderr; CPython (tracebacks folded to their last line, warnings at shutdown) {folded:?}"
        ));
    }
    for (i, (want, got)) in expected.iter().zip(&actual).enumerate() {
        let t = want["t"].as_f64().expect("a line has a time");
        let text = mask(&got.text);
        if !texts(want).iter().any(|want| mask(want) == text) || (t - got.t).abs() > 1e-6 {
            problems.push(format!("line {i}: Rust {:?} at {}, CPython {:?} at {t}", got.text, got.t, texts(want)));
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

/// Where this test process writes the programs it runs on CPython.
fn runs_dir() -> String {
    std::env::temp_dir().join(format!("playground-cpython-{}", std::process::id())).display().to_string()
}

/// Removes the programs this process ran on CPython.
pub fn remove_cpython_runs() {
    let _ = std::fs::remove_dir_all(runs_dir());
}

/// Runs `python` on CPython with a virtual clock, as `python3 <variant>.py` in a folder of its
/// own with the scenario's stand-in modules beside it, each `(path in the folder, text)`
/// (`tests/python/record.py` records the same way).
pub fn run_cpython(python: &str, stand_ins: &[(&str, String)], scenario: &str, variant: &str) -> Value {
    let dir = PathBuf::from(runs_dir()).join(scenario);
    std::fs::create_dir_all(&dir).unwrap();
    for (path, text) in stand_ins {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let file_name = format!("{variant}.py");
    std::fs::write(dir.join(&file_name), python).unwrap();
    let harness = root().join("tests/python/virtual_run.py");
    let output = Command::new(python3())
        .current_dir(&dir)
        .env("TZ", "UTC")
        .arg(&harness)
        .arg(&file_name)
        .args(["--limit", "10000000", "--suspensions", "--epoch", &EPOCH.to_string()])
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
