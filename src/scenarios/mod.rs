//! The catalogue: every lesson as a scenario, each in its own file; each variant's Python is a
//! program of its own in `static/py/<scenario>/<variant>.py`.

use crate::lesson::Scenario;

/// The [`Source`](crate::lesson::Source) of a variant's Python program, `static/py/<scenario>/<variant>.py`: one file
/// per program, the text a learner downloads, CI runs on CPython and the recorder records.
macro_rules! python {
    ($path:literal) => {
        $crate::lesson::Source {
            path: concat!("py/", $path),
            #[cfg(not(target_arch = "wasm32"))]
            text: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/py/", $path)),
        }
    };
}

/// A scenario's notice, `static/notices/<id>.zh.txt` and `.en.txt`.
macro_rules! notice {
    ($id:literal) => {
        $crate::lesson::Localized {
            zh: $crate::lesson::Source {
                path: concat!("notices/", $id, ".zh.txt"),
                #[cfg(not(target_arch = "wasm32"))]
                text: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/notices/", $id, ".zh.txt")),
            },
            en: $crate::lesson::Source {
                path: concat!("notices/", $id, ".en.txt"),
                #[cfg(not(target_arch = "wasm32"))]
                text: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/notices/", $id, ".en.txt")),
            },
        }
    };
}

/// The [`Source`](crate::lesson::Source) of a scenario's own file.
macro_rules! rust_file {
    ($file:literal) => {
        $crate::lesson::Source {
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

#[cfg(test)]
mod tests {
    use crate::aio::virtual_clock::run_virtual;
    use crate::lesson::params::Params;

    /// A trace is plain data: tests and tools can take it as JSON.
    #[test]
    fn a_trace_serializes_to_plain_json() {
        let scenario = super::find("say-after").unwrap();
        let program = (scenario.variant("create-task").unwrap().program)(&Params::defaults(scenario.params));
        let outcome = run_virtual(program, 20.0, 0.0);
        let json = serde_json::to_value(&outcome).unwrap();
        assert_eq!(json["exit"], "Ok");
        assert_eq!(json["elapsed"], 2.0);
        assert_eq!(json["trace"]["tasks"][2], "say_after");
        let printed: Vec<_> =
            json["trace"]["events"].as_array().unwrap().iter().filter_map(|e| e["kind"]["Printed"].as_str()).collect();
        assert_eq!(&printed[1..3], ["hello", "world"]);
    }
}

// Native only: the variants' Python is compiled in only there.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod literal_tests {
    use super::CATALOGUE;

    /// Each literal names a parameter of its scenario and stands once in its variant's Python,
    /// with its text inside its line: the page can put the value in force there, and only there.
    #[test]
    fn every_literal_stands_once_in_its_variants_python() {
        let mut problems = Vec::new();
        for scenario in CATALOGUE {
            for variant in scenario.variants {
                for literal in variant.literals {
                    let at = format!("{} / {}: {:?}", scenario.id, variant.name, literal.line);
                    if scenario.param(literal.param).is_none() {
                        problems.push(format!("{at}: no parameter {}", literal.param));
                    }
                    if variant.python.text.matches(literal.line).count() != 1 {
                        problems
                            .push(format!("{at}: stands {} times", variant.python.text.matches(literal.line).count()));
                    }
                    if literal.token().is_none() {
                        problems.push(format!("{at}: has no {:?} standing alone", literal.text));
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
