//! The app, and its split points: each part of the page the first drawing does without
//! (`web::parts::Part`), each lesson's programs, and code only some runs need (what runs CPython,
//! what reads the embed API's commands, `to_thread`'s workers, the browser's I/O), is behind a `#[wasm_split]` function here. scripts/split cuts the wasm at
//! them, so that each part's code is in a chunk of its own, fetched the first time it is drawn.
//! They are in the bin, not the library, because the to_thread worker (`bin/thread-worker.rs`) is
//! built from the same library and must not carry them.

use coroutine_playground::aio::Io;
use coroutine_playground::app::lazy::views;
use coroutine_playground::lesson::Programs;
use coroutine_playground::scenarios;
use coroutine_playground::web::parts::{LessonLoading, Loaders, Loading, Part, Reader, RunOnCpython, Threads, View};
use wasm_split_helpers::{wasm_split, SplitLoaderError};

fn main() {
    coroutine_playground::start(Loaders {
        part: load,
        lesson: load_lesson,
        cpython: || Box::pin(cpython()),
        reader: || Box::pin(reader()),
        threads: || Box::pin(threads()),
        io: || Box::pin(io()),
    });
}

/// `to_thread`'s Web Workers: fetched before the first run with `to_thread` jobs.
#[wasm_split(threads, fallible)]
fn threads() -> Result<Threads, SplitLoaderError> {
    Ok(coroutine_playground::web::worker::THREADS)
}

/// The browser's fetch and files: fetched before the first run that does real I/O.
#[wasm_split(io, fallible)]
fn io() -> Result<&'static dyn Io, SplitLoaderError> {
    Ok(&coroutine_playground::web::io::BROWSER_IO)
}

/// The code that reads the embed API's commands and builds their answers: fetched with the first
/// command a page is sent.
#[wasm_split(reader, fallible)]
fn reader() -> Result<Reader, SplitLoaderError> {
    Ok(coroutine_playground::web::embed::COMMANDS)
}

/// The code that runs a program on CPython in the page: fetched when a learner first asks for
/// CPython, as CPython itself is.
#[wasm_split(cpython, fallible)]
fn cpython() -> Result<RunOnCpython, SplitLoaderError> {
    Ok(coroutine_playground::web::cpython::run_now)
}

/// `load`, and for each part a split point of its own name, which gives its view: a split point
/// that named another part's view would bring that part's code into its chunk.
macro_rules! split_points {
    ($($part:ident: $name:ident),* $(,)?) => {
        fn load(part: Part) -> Loading {
            match part {
                $(Part::$part => Box::pin($name()),)*
            }
        }

        $(
            #[wasm_split($name, fallible)]
            fn $name() -> Result<View, SplitLoaderError> {
                Ok(views::$name)
            }
        )*
    };
}

split_points! {
    Code: code,
    Timeline: timeline,
    Inspector: inspector,
    Predict: predict,
    EmbedCode: embed_code,
    Editor: editor,
    CpythonDone: cpython_done,
    ReplayGraph: replay_graph,
    Exports: exports,
}

/// `load_lesson`, and for each lesson a split point of its own name, which gives its programs.
/// The first lesson, the one a bare link opens, is in the main module, and with it the engine
/// every lesson runs on: cut out, that engine came in some thirty chunks shared by the lessons,
/// each a request of its own.
macro_rules! lessons {
    ($first:ident, $($lesson:ident),* $(,)?) => {
        fn load_lesson(id: &str) -> LessonLoading {
            match id {
                _ if id == scenarios::$first::SCENARIO.id => Box::pin(std::future::ready(Ok(scenarios::$first::PROGRAMS))),
                $(_ if id == scenarios::$lesson::SCENARIO.id => Box::pin($lesson()),)*
                _ => Box::pin(std::future::ready(Ok(&[][..]))),
            }
        }

        $(
            #[wasm_split($lesson, fallible)]
            fn $lesson() -> Result<Programs, SplitLoaderError> {
                Ok(scenarios::$lesson::PROGRAMS)
            }
        )*
    };
}

coroutine_playground::with_lessons!(lessons);
