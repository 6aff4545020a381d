//! The catalogue: every lesson as a scenario, each in its own file with our Python beside the Rust.

use crate::aio::Program;
use crate::model::i18n::Text;
use crate::model::params::{ParamSpec, Params};

mod as_completed_progress;
mod async_context_manager;
mod async_data_stream;
mod async_database;
mod async_gen_consumer;
mod async_gen_pipeline;
mod async_generator;
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
    /// Our Python version of this variant: what the page shows and CI runs on CPython.
    pub python: &'static str,
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
    pub rust_source: &'static str,
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
];

pub fn find(id: &str) -> Option<&'static Scenario> {
    CATALOGUE.iter().copied().find(|s| s.id == id)
}

pub fn default_scenario() -> &'static Scenario {
    CATALOGUE[0]
}
