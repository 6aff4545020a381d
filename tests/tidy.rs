//! The architecture, kept honest by reading the source tree (ARCHITECTURE.md, "Layers"):
//! - the pure core never names the browser's crates, so it runs in native tests;
//! - components render state and send actions: they never start work (tasks, timers) nor touch
//!   the DOM themselves, `web` does;
//! - every `use crate::…` between top-level modules points down the layers, so no two import
//!   each other.
//!
//! Each failure names the file and line.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, with its text.
fn rust_files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                files.push((path, text));
            }
        }
    }
    files.sort();
    files
}

/// The code of a line: without a `//` comment (a `//` inside a string is rare enough here).
fn code(line: &str) -> &str {
    line.find("//").map_or(line, |i| &line[..i])
}

/// Whether `word` stands in `line` as a whole identifier (or path segment).
fn names(line: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    line.match_indices(word).any(|(i, _)| {
        let before = line[..i].chars().next_back();
        let after = line[i + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// The files of a top-level module: its folder, or its one file.
fn module_files(module: &str) -> Vec<(PathBuf, String)> {
    let dir = src().join(module);
    if dir.is_dir() {
        return rust_files(&dir);
    }
    let file = src().join(format!("{module}.rs"));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    vec![(file, text)]
}

/// `file:line: text` for each line of `files` whose code names one of `words` (whole
/// identifiers) or contains one of `calls` (as written: `.focus(`).
fn lines_naming(files: &[(PathBuf, String)], words: &[&str], calls: &[&str]) -> Vec<String> {
    let root = src().parent().unwrap().to_path_buf();
    let mut found = Vec::new();
    for (path, text) in files {
        for (i, line) in text.lines().enumerate() {
            let code = code(line);
            let hit = words.iter().find(|w| names(code, w)).or_else(|| calls.iter().find(|c| code.contains(*c)));
            if let Some(what) = hit {
                let file = path.strip_prefix(&root).unwrap_or(path).display();
                found.push(format!("{file}:{}: `{what}`: {}", i + 1, line.trim()));
            }
        }
    }
    found
}

/// The browser's crates.
const BROWSER: &[&str] = &["yew", "web_sys", "js_sys", "gloo", "gloo_timers", "wasm_bindgen", "wasm_bindgen_futures"];

/// The layers, bottom first: a module may use the ones before it, never one after it.
const LAYERS: &[&str] = &["trace", "aio", "lesson", "scenarios", "model", "state", "web", "app"];

/// The pure core: plain Rust that runs in native tests.
const CORE: &[&str] = &["trace", "aio", "lesson", "scenarios", "model"];

#[test]
fn the_pure_core_never_names_the_browsers_crates() {
    let files: Vec<_> = CORE.iter().flat_map(|module| module_files(module)).collect();
    let found = lines_naming(&files, BROWSER, &[]);
    assert!(found.is_empty(), "the pure core names the browser:\n{}", found.join("\n"));
}

#[test]
fn components_neither_start_work_nor_touch_the_dom() {
    // Tasks and timers; the document, and what reads or changes its nodes. Reading the value of
    // an event's own target (`target_unchecked_into`) is part of sending an action, and allowed.
    let words = ["spawn_local", "gloo_timers", "Timeout", "Interval", "TimeoutFuture", "window", "document"];
    let calls = [
        ".query_selector",
        ".set_inner_html(",
        ".set_attribute(",
        ".set_scroll_top(",
        ".style(",
        ".focus(",
        ".select(",
        ".get_bounding_client_rect(",
        ".dyn_into",
        ".cast::<",
    ];
    let found = lines_naming(&module_files("app"), &words, &calls);
    assert!(found.is_empty(), "components doing work (web/ does it):\n{}", found.join("\n"));
}

/// The top-level module a `crate::…` path names, if one of the layers.
fn used_layer(rest: &str) -> Option<&'static str> {
    LAYERS.iter().copied().find(|layer| {
        rest.starts_with(layer) && !rest[layer.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn every_import_between_top_level_modules_points_down_the_layers() {
    let mut wrong = Vec::new();
    for (rank, layer) in LAYERS.iter().enumerate() {
        for (path, text) in module_files(layer) {
            for (i, line) in text.lines().enumerate() {
                let code = code(line);
                for (at, _) in code.match_indices("crate::") {
                    let Some(used) = used_layer(&code[at + "crate::".len()..]) else { continue };
                    if LAYERS.iter().position(|l| *l == used).unwrap() > rank {
                        let file = path.strip_prefix(src()).unwrap_or(&path).display();
                        wrong.push(format!("src/{file}:{}: {layer} uses {used}, above it: {}", i + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "imports pointing up the layers:\n{}", wrong.join("\n"));
}

#[test]
fn the_checks_see_what_they_look_for() {
    assert!(names("use web_sys::Element;", "web_sys"));
    assert!(!names("let my_web_sys = 1;", "web_sys"));
    assert!(names("wasm_bindgen_futures::spawn_local(f)", "spawn_local"));
    assert!(!names(code("run(); // spawn_local here"), "spawn_local"));
    assert_eq!(used_layer("scenarios::CATALOGUE"), Some("scenarios"));
    assert_eq!(used_layer("state_of_things"), None);
    // The checks read real files: every layer has some.
    for layer in LAYERS {
        assert!(!module_files(layer).is_empty(), "no module {layer}");
    }
}

/// The service worker answers pyodide/ from a cache named after the version the page serves
/// (package.json), which the CPython worker fills: a new Pyodide must get a new cache, or the
/// page would keep running the old one.
#[test]
fn the_kept_pyodide_is_the_one_the_page_serves() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |path: &str| std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let package = read("package.json");
    let version = package
        .lines()
        .find_map(|line| line.trim().strip_prefix("\"pyodide\": \""))
        .and_then(|rest| rest.split('"').next())
        .expect("package.json names pyodide's version");
    let cache = format!("'pyodide-{version}'");
    for file in ["static/sw.js", "static/cpython/worker.js"] {
        assert!(read(file).contains(&cache), "{file} keeps Pyodide under another name than {cache}");
    }
}

/// The stand-ins a learner's own program can import (static/cpython/shims/) are loaded by the
/// CPython worker and kept for offline use by offline.js, each from a list of its own: both lists
/// name exactly the files that are there.
#[test]
fn the_cpython_shims_are_the_files_the_worker_loads_and_keeps() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shims = root.join("static/cpython/shims");
    let mut files = Vec::new();
    let mut folders = vec![shims.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("static/cpython/shims") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path.strip_prefix(&shims).expect("below").to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    let read = |path: &str| std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let named = |text: &str, prefix: &str| {
        let mut names: Vec<String> = text
            .split('\'')
            .filter_map(|quoted| quoted.strip_prefix(prefix).filter(|rest| rest.ends_with(".py")).map(str::to_owned))
            .collect();
        names.sort();
        names
    };
    assert!(!files.is_empty());
    let worker = read("static/cpython/worker.js");
    let list = worker.lines().find(|line| line.starts_with("const SHIMS = [")).expect("worker.js has const SHIMS");
    assert_eq!(named(list, ""), files, "worker.js's SHIMS");
    assert_eq!(named(&read("static/offline.js"), "cpython/shims/"), files, "offline.js's list");
}

/// Every colour is written as `light-dark(light, dark)`; a browser without `light-dark()` would
/// lose them all, so style.css gives it each light value in the `@supports not` block after it
/// (the page's colours, then projector mode's). Checked here because no browser this suite
/// drives lacks it.
#[test]
fn every_colour_has_its_light_value_where_light_dark_is_missing() {
    let css =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("static/style.css")).expect("style.css");
    let mut colours = 0;
    let mut at = 0;
    for line in css.split_inclusive('\n') {
        at += line.len();
        let Some((name, value)) = line.trim().split_once(": light-dark(") else { continue };
        let Some(light) = value.split(',').next().filter(|_| name.starts_with("--")) else { continue };
        let fallback_at = at
            + css[at..]
                .find("@supports not (color: light-dark(")
                .unwrap_or_else(|| panic!("{name}: no fallback after it"));
        let fallback = &css[fallback_at..css[fallback_at..].find("\n}\n").map_or(css.len(), |end| fallback_at + end)];
        colours += 1;
        assert!(fallback.contains(&format!("{name}: {light};")), "{name}: no light value {light} in the fallback");
    }
    assert!(colours > 10, "found {colours} colours");
}
