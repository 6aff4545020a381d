//! The catalogue: every lesson as a scenario, each in its own file; each variant's Python is a
//! program of its own in `static/py/<scenario>/<variant>.py`.

use std::cell::RefCell;

use crate::lesson::{ProgramFn, Programs, Scenario, Variant};

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

pub mod aiofiles_write_read;
pub mod aiohttp_fetch;
pub mod as_completed_progress;
pub mod async_context_manager;
pub mod async_data_stream;
pub mod async_database;
pub mod async_gen_consumer;
pub mod async_gen_pipeline;
pub mod async_generator;
pub mod blocking_call;
pub mod chess_exhibition;
pub mod count_tasks;
pub mod do_some_work;
pub mod done_callback;
pub mod foo_bar_tasks;
pub mod gather_count;
pub mod gather_work;
pub mod generator_send;
pub mod hello_world;
pub mod loop_close;
pub mod many_tasks;
pub mod queue_pipeline;
pub mod queue_random;
pub mod queue_workers;
pub mod run_forever_stop;
pub mod say_after;
pub mod timer_callback;
pub mod wait_done_pending;

/// Calls `$then!` with every lesson's module, in picker order (the first is the one a bare URL
/// opens): one list for the catalogue, the programs by id, and the bin's split points
/// (`src/main.rs`), so that no lesson is left out of one of them.
#[macro_export]
macro_rules! with_lessons {
    ($then:ident) => {
        $then! {
            say_after,
            hello_world,
            count_tasks,
            foo_bar_tasks,
            do_some_work,
            gather_count,
            gather_work,
            many_tasks,
            as_completed_progress,
            chess_exhibition,
            wait_done_pending,
            queue_random,
            queue_pipeline,
            queue_workers,
            generator_send,
            async_gen_consumer,
            async_gen_pipeline,
            async_data_stream,
            async_generator,
            async_context_manager,
            async_database,
            done_callback,
            timer_callback,
            run_forever_stop,
            loop_close,
            blocking_call,
            aiohttp_fetch,
            aiofiles_write_read
        }
    };
}

macro_rules! catalogue {
    ($($lesson:ident),*) => {
        /// Every scenario, in picker order; the first is the one a bare URL opens.
        pub static CATALOGUE: &[&Scenario] = &[$(&$lesson::SCENARIO),*];
    };
}
with_lessons!(catalogue);

/// Every function a scenario runs with `to_thread`, for the worker to find by name.
pub static THREAD_JOBS: &[&crate::aio::ThreadJob] = &[&blocking_call::BLOCKING_TASK];

pub fn find(id: &str) -> Option<&'static Scenario> {
    CATALOGUE.iter().copied().find(|s| s.id == id)
}

thread_local! {
    /// The programs of the scenarios the page has loaded (`web::parts::load_lesson`), by id.
    static LOADED: RefCell<Vec<(&'static str, Programs)>> = const { RefCell::new(Vec::new()) };
}

/// A scenario's programs are in: its variants' [`Variant::program`] work from now on.
pub fn set_programs(scenario: &Scenario, programs: Programs) {
    assert_eq!(programs.len(), scenario.variants.len(), "{}: one program per variant", scenario.id);
    LOADED.with_borrow_mut(|loaded| {
        if !loaded.iter().any(|(id, _)| *id == scenario.id) {
            loaded.push((scenario.id, programs));
        }
    });
}

/// Whether a scenario's programs are in (always, natively).
pub fn has_programs(scenario: &Scenario) -> bool {
    programs_of(scenario).is_some()
}

fn programs_of(scenario: &Scenario) -> Option<Programs> {
    let loaded = LOADED.with_borrow(|loaded| loaded.iter().find(|(id, _)| *id == scenario.id).map(|(_, p)| *p));
    // Natively (and in the library's own tests) every program is at hand. In the page a lesson's
    // code is fetched when it is shown; naming `every_program` there would put every lesson's
    // code in the first load.
    #[cfg(any(not(target_arch = "wasm32"), test))]
    let loaded = loaded.or_else(|| Some(every_program(scenario.id)));
    loaded
}

/// Each scenario's programs, for a build that has them all (natively; the wasm tests load them
/// with [`load_every_program`]).
pub fn every_program(id: &str) -> Programs {
    macro_rules! by_id {
        ($($lesson:ident),*) => {
            match id {
                $(_ if id == $lesson::SCENARIO.id => $lesson::PROGRAMS,)*
                _ => &[],
            }
        };
    }
    with_lessons!(by_id)
}

/// Every scenario's programs in, at once: for the wasm tests, which run lessons without the page.
pub fn load_every_program() {
    for scenario in CATALOGUE {
        set_programs(scenario, every_program(scenario.id));
    }
}

impl Variant {
    /// This variant's program in Rust. In the page, once its scenario's code is in
    /// (`web::parts::load_lesson`, before the scenario is shown).
    pub fn program(&'static self) -> ProgramFn {
        let (scenario, index) = CATALOGUE
            .iter()
            .find_map(|s| s.variants.iter().position(|v| std::ptr::eq(v, self)).map(|i| (*s, i)))
            .unwrap_or_else(|| panic!("{} is no lesson's variant", self.name));
        let programs = programs_of(scenario).unwrap_or_else(|| panic!("{}'s programs are not loaded", scenario.id));
        programs[index]
    }
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
        let program = scenario.variant("create-task").unwrap().program()(&Params::defaults(scenario.params));
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

/// index.html's preload script finds a linked lesson's files with scripts/lesson-chunks.mjs, which
/// keys each lesson by its module's name with dashes, in `with_lessons!`'s order, and falls back on
/// the first: both must be the catalogue's, or the page asks for files it does not use.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod preload_tests {
    #[test]
    fn the_page_finds_each_lessons_files_as_the_catalogue_names_them() {
        macro_rules! modules {
            ($($lesson:ident),*) => {
                [$((stringify!($lesson), &super::$lesson::SCENARIO)),*]
            };
        }
        let lessons = with_lessons!(modules);
        assert_eq!(lessons.len(), super::CATALOGUE.len());
        assert_eq!(lessons[0].1.id, super::default_scenario().id, "the first lesson listed is the default one");
        for (module, scenario) in lessons {
            assert_eq!(module.replace('_', "-"), scenario.id, "the lesson in {module}.rs");
            assert_eq!(scenario.notice.en.path, format!("notices/{}.en.txt", scenario.id));
            assert_eq!(scenario.notice.zh.path, format!("notices/{}.zh.txt", scenario.id));
        }
        let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).unwrap();
        let fallback = "Object.hasOwn(chunks, asked) ? asked : Object.keys(chunks)[0];";
        assert!(
            page.contains(fallback),
            "index.html's preload script does not fall back on the first lesson: {fallback}"
        );
        assert!(page.contains("`notices/${id}.${lang}.txt`"), "index.html's preload script names notices otherwise");
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
