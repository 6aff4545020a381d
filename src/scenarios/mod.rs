//! The catalogue: every lesson as a scenario, each in its own file with our Python beside the Rust.

use crate::aio::Program;
use crate::model::i18n::Text;
use crate::model::params::{ParamSpec, Params};

mod queue_random;
mod say_after;

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
    &queue_random::SCENARIO,
];

pub fn find(id: &str) -> Option<&'static Scenario> {
    CATALOGUE.iter().copied().find(|s| s.id == id)
}

pub fn default_scenario() -> &'static Scenario {
    CATALOGUE[0]
}
