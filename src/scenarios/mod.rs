//! The catalogue: every lesson as a scenario, each in its own file; each variant's Python is a
//! program of its own in `static/py/<scenario>/<variant>.py`.

use crate::aio::Program;
use crate::model::i18n::Text;
use crate::model::params::{ParamSpec, Params};

/// Source text the page shows: compiled in natively, where the tests run it; in the page only
/// its name, and the code view fetches the file when it is shown, which keeps the text of every
/// scenario out of the first load.
#[derive(Clone, Copy, Debug)]
pub struct Source {
    /// The file's path as the site serves it: `scenarios/say_after.rs`, `py/say-after/gather.py`.
    pub path: &'static str,
    #[cfg(not(target_arch = "wasm32"))]
    pub text: &'static str,
}

impl Source {
    /// The file's name without its folder: how a Rust wait site names its file.
    pub fn file_name(&self) -> &'static str {
        self.path.rsplit('/').next().unwrap_or(self.path)
    }
}

/// The [`Source`] of a variant's Python program, `static/py/<scenario>/<variant>.py`: one file
/// per program, the text a learner downloads, CI runs on CPython and the recorder records.
macro_rules! python {
    ($path:literal) => {
        $crate::scenarios::Source {
            path: concat!("py/", $path),
            #[cfg(not(target_arch = "wasm32"))]
            text: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/py/", $path)),
        }
    };
}

/// The [`Source`] of a scenario's own file.
macro_rules! rust_file {
    ($file:literal) => {
        $crate::scenarios::Source {
            path: concat!("scenarios/", $file),
            #[cfg(not(target_arch = "wasm32"))]
            text: include_str!($file),
        }
    };
}

mod aiofiles_write_read;
mod aiohttp_fetch;
mod as_completed_progress;
mod async_context_manager;
mod async_data_stream;
mod async_database;
mod async_gen_consumer;
mod async_gen_pipeline;
mod async_generator;
mod blocking_call;
mod chess_exhibition;
mod count_tasks;
mod do_some_work;
mod done_callback;
mod foo_bar_tasks;
mod gather_count;
mod gather_work;
mod generator_send;
mod hello_world;
mod loop_close;
mod many_tasks;
mod queue_pipeline;
mod queue_random;
mod queue_workers;
mod run_forever_stop;
mod say_after;
mod timer_callback;
mod wait_done_pending;

/// The lesson groups of the picker, in the order of the tutorials.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    Basics,
    TasksAndGather,
    WaitingAndTimeouts,
    Queues,
    GeneratorsAndIterators,
    ContextManagers,
    CallbacksAndLoop,
    BlockingAndThreads,
    RealIo,
}

/// One way of writing the demo, shown as a column beside the others.
pub struct Variant {
    /// Part of the URL and the embed API.
    pub name: &'static str,
    pub label: Text,
    /// This variant's Python program: what the page shows and CI runs on CPython.
    pub python: Source,
    /// The same program in Rust, on the `aio` vocabulary.
    pub program: fn(&Params) -> Program,
}

pub struct Scenario {
    /// Part of the URL and the embed API.
    pub id: &'static str,
    pub topic: Topic,
    pub title: Text,
    /// What to notice when it runs.
    pub notice: Text,
    /// The tutorial lesson it comes from.
    pub lesson: Text,
    pub params: &'static [ParamSpec],
    pub variants: &'static [Variant],
    /// Speed at which the tutorial's delays make a pleasant run.
    pub default_speed: f64,
    /// The scenario's own source file, shown as its Rust.
    pub rust_source: Source,
}

impl Scenario {
    pub fn param(&self, name: &str) -> Option<&'static ParamSpec> {
        self.params.iter().find(|p| p.name == name)
    }

    pub fn variant(&self, name: &str) -> Option<&'static Variant> {
        self.variants.iter().find(|v| v.name == name)
    }
}

/// Every scenario, in picker order; the first is the one a bare URL opens.
pub static CATALOGUE: &[&Scenario] = &[
    &say_after::SCENARIO,
    &hello_world::SCENARIO,
    &count_tasks::SCENARIO,
    &foo_bar_tasks::SCENARIO,
    &do_some_work::SCENARIO,
    &gather_count::SCENARIO,
    &gather_work::SCENARIO,
    &many_tasks::SCENARIO,
    &as_completed_progress::SCENARIO,
    &chess_exhibition::SCENARIO,
    &wait_done_pending::SCENARIO,
    &queue_random::SCENARIO,
    &queue_pipeline::SCENARIO,
    &queue_workers::SCENARIO,
    &generator_send::SCENARIO,
    &async_gen_consumer::SCENARIO,
    &async_gen_pipeline::SCENARIO,
    &async_data_stream::SCENARIO,
    &async_generator::SCENARIO,
    &async_context_manager::SCENARIO,
    &async_database::SCENARIO,
    &done_callback::SCENARIO,
    &timer_callback::SCENARIO,
    &run_forever_stop::SCENARIO,
    &loop_close::SCENARIO,
    &blocking_call::SCENARIO,
    &aiohttp_fetch::SCENARIO,
    &aiofiles_write_read::SCENARIO,
];

/// Every function a scenario runs with `to_thread`, for the worker to find by name.
pub static THREAD_JOBS: &[&crate::aio::ThreadJob] = &[&blocking_call::BLOCKING_TASK];

pub fn find(id: &str) -> Option<&'static Scenario> {
    CATALOGUE.iter().copied().find(|s| s.id == id)
}

pub fn default_scenario() -> &'static Scenario {
    CATALOGUE[0]
}
