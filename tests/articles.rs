//! The articles' own programs, as the page shows them.
//!
//! Every fenced block of the five source articles (`../shared/seeds/`, Chinese blog posts; compared
//! when that folder lies beside the clone, which a clone without it passes and says so) is in one
//! of the tables below: a runnable program the page shows byte for byte as a variant's Python,
//! a fragment the page shows inside a program put together from the article's blocks (marked in
//! its code), or not a program, with why. The README's table of the articles' programs says the same.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

/// Blocks the page shows as written, each as a whole variant: (block, `scenario/variant`).
const AS_WRITTEN: &[(&str, &str)] = &[
    ("000-b2", "as-completed-progress/as-written"),
    ("001-b1", "generator-send/next-first"),
    ("001-b2", "count-tasks/sequential"),
    ("001-b5", "gather-count/main"),
    ("001-b6", "async-context-manager/main"),
    ("001-b7", "queue-random/main"),
    ("001-b8", "aiohttp-fetch/create-task"),
    ("002-b1", "say-after/sequential"),
    ("002-b2", "say-after/create-task"),
    ("002-b3", "async-gen-consumer/main"),
    ("002-b4", "async-gen-pipeline/pipeline"),
    ("002-b5", "queue-pipeline/as-written"),
    ("002-b6", "queue-workers/task-done"),
    ("002-b7", "async-gen-pipeline/with-output"),
    ("003-b1", "hello-world/main"),
    ("003-b2", "foo-bar-tasks/create-task"),
    ("003-b3", "foo-bar-tasks/gather"),
    ("003-b4", "aiofiles-write-read/write-then-read"),
    ("003-b5", "async-database/main"),
    ("003-b6", "async-data-stream/as-written"),
    ("003-b7", "async-generator/as-written"),
    ("003-b8", "blocking-call/to-thread"),
    ("004-b9", "do-some-work/legacy"),
    ("004-b17", "run-forever-stop/until-complete-as-written"),
    ("004-b19", "run-forever-stop/forever-as-written"),
];

/// Fragments the page shows, unchanged, inside a program put together from the article's blocks.
const INSIDE: &[(&str, &str)] = &[
    ("001-b3", "count-tasks/create-task"),
    ("001-b4", "wait-done-pending/no-timeout"),
    ("004-b2", "do-some-work/checks"),
    ("004-b3", "do-some-work/checks"),
    ("004-b5", "do-some-work/checks"),
    ("004-b11", "done-callback/main"),
    ("004-b12", "gather-work/gather"),
    ("004-b13", "gather-work/gather-coros"),
    ("004-b16", "gather-work/ensure-future"),
    ("004-b22", "run-forever-stop/stop-in-coroutine"),
    ("004-b23", "run-forever-stop/stop-in-coroutine"),
    ("004-b24", "run-forever-stop/stop-in-coroutine"),
    ("004-b25", "run-forever-stop/gather-callback"),
    ("004-b26", "run-forever-stop/gather-callback"),
    ("004-b27", "run-forever-stop/gather-callback"),
    ("004-b28", "run-forever-stop/gather-callback"),
    ("004-b29", "run-forever-stop/gather-callback"),
    ("004-b30", "loop-close/reuse-open"),
    ("004-b31", "loop-close/reuse-closed"),
    ("004-b32", "gather-work/wait-coroutines"),
    ("004-b33", "timer-callback/main"),
];

/// Blocks that are not programs, and why (the README's table gives the same reasons).
const NOT_PROGRAMS: &[(&str, &str)] = &[
    ("000-b1", "syntax illustration: awaits an undefined f(), calls nothing"),
    ("004-b1", "a definition only"),
    ("004-b4", "quoted API documentation of sleep"),
    ("004-b6", "output listing (a warning)"),
    ("004-b7", "fragment whose run is 004-b9's"),
    ("004-b8", "fragment whose run is 004-b9's"),
    ("004-b10", "output listing"),
    ("004-b14", "output listing"),
    ("004-b15", "quoted API documentation of gather"),
    ("004-b18", "output listing"),
    ("004-b20", "output listing"),
    ("004-b21", "the run_forever(); stop() anti-pattern, two statements"),
];

/// The fenced blocks of the articles, by id (`002-b3`: the third block of `002_….txt`), each as
/// its lines with a final newline; none where the articles are not beside the clone.
fn blocks() -> Option<BTreeMap<String, String>> {
    let seeds = common::root().join("../shared/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&seeds)
        .ok()?
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension().is_some_and(|e| e == "txt") && path.file_name().unwrap().to_string_lossy().starts_with('0')
        })
        .collect();
    files.sort();
    let mut blocks = BTreeMap::new();
    for file in files {
        let article = file.file_name().unwrap().to_string_lossy()[..3].to_owned();
        let text = std::fs::read_to_string(&file).unwrap();
        let (mut block, mut count) = (None::<Vec<&str>>, 0);
        for line in text.split('\n') {
            if line.trim_start().starts_with("```") {
                match block.take() {
                    None => block = Some(Vec::new()),
                    Some(lines) => {
                        count += 1;
                        blocks.insert(format!("{article}-b{count}"), lines.join("\n") + "\n");
                    }
                }
            } else if let Some(lines) = block.as_mut() {
                lines.push(line);
            }
        }
    }
    (!blocks.is_empty()).then_some(blocks)
}

fn program(name: &str) -> String {
    let path = common::root().join("static/py").join(format!("{name}.py"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_block_of_the_articles_is_shown_as_written_or_said_why_not() {
    let Some(blocks) = blocks() else {
        println!("../shared/seeds is not beside this clone: the articles' blocks were not compared");
        return;
    };
    let mut problems = Vec::new();
    let listed: Vec<&str> = AS_WRITTEN.iter().chain(INSIDE).chain(NOT_PROGRAMS).map(|(block, _)| *block).collect();
    for id in blocks.keys() {
        if listed.iter().filter(|l| **l == id).count() != 1 {
            problems.push(format!("{id} is listed {} times", listed.iter().filter(|l| **l == id).count()));
        }
    }
    for id in &listed {
        if !blocks.contains_key(*id) {
            problems.push(format!("{id} is listed but the articles have no such block"));
        }
    }
    for (id, name) in AS_WRITTEN {
        if blocks.get(*id).is_some_and(|block| *block != program(name)) {
            problems.push(format!("{id}: static/py/{name}.py is not the block as written"));
        }
    }
    for (id, name) in INSIDE {
        if blocks.get(*id).is_some_and(|block| !program(name).contains(block.as_str())) {
            problems.push(format!("{id}: static/py/{name}.py does not hold the block unchanged"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    println!(
        "{} blocks of the articles: {} shown as written, {} inside programs put together from them, {} not programs",
        blocks.len(),
        AS_WRITTEN.len(),
        INSIDE.len(),
        NOT_PROGRAMS.len()
    );
}
