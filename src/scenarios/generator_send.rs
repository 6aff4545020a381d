//! `generator-send`: a plain generator used as a coroutine, before `async`/`await` existed.
//! `send()` resumes it at its `yield`, so producer and consumer take turns; a generator that has
//! not reached a `yield` yet can only be sent `None`.

use crate::aio::{print, PyErr, PyResult};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Literal, Programs, Scenario, Topic, Variant};
use crate::t;

const N: ParamSpec = ParamSpec {
    name: "n",
    label: t!("生产几个", "items to produce"),
    unit: Unit::Count,
    default: 10.0,
    min: 0.0,
    max: 500.0,
    step: 1.0,
};

/// Where a generator object is paused, which decides what `send` may do.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum GenState {
    /// Created, its body not started: only `send(None)` (or `next`) may start it.
    JustStarted,
    /// Paused at `i = yield True`.
    Suspended,
}

/// The generator object `consumer()` returns. Its body is
/// `while(True): i = yield True; print("consuming:", i)`, so each `send` runs one turn of the loop
/// and pauses at the `yield` again.
struct Consumer {
    state: GenState,
}

fn consumer() -> Consumer {
    Consumer { state: GenState::JustStarted }
}

impl Consumer {
    /// `gen.send(value)`: resumes the body with `value` as the result of its `yield`, and returns
    /// what it yields next (`True`, which the producer ignores).
    fn send(&mut self, value: Option<i64>) -> PyResult<()> {
        match self.state {
            GenState::JustStarted if value.is_some() => {
                Err(PyErr::type_error("can't send non-None value to a just-started generator"))
            }
            GenState::JustStarted => {
                // Runs from the top into `while True:` and pauses at the first `yield`.
                self.state = GenState::Suspended;
                Ok(())
            }
            GenState::Suspended => {
                let i = value.map_or_else(|| "None".to_owned(), |v| v.to_string());
                print(format!("consuming: {i}"));
                Ok(())
            }
        }
    }

    /// `next(gen)`: `gen.send(None)`.
    fn next(&mut self) -> PyResult<()> {
        self.send(None)
    }
}

/// `producer(n, consumer)`: the article names the generator parameter after the function.
fn producer(n: i64, consumer: &mut Consumer) -> PyResult<()> {
    for i in 0..n {
        print(format!("producting: {i}"));
        consumer.send(Some(i))?;
    }
    Ok(())
}

/// `c = consumer(); next(c); producer(10, c)`. `c` is never closed: the generator simply ends
/// with the program.
fn next_first(n: i64) -> PyResult<()> {
    let mut c = consumer();
    c.next()?;
    producer(n, &mut c)
}

/// The same without `next(c)`: the first `send(0)` raises TypeError.
fn send_first(n: i64) -> PyResult<()> {
    let mut c = consumer();
    producer(n, &mut c)
}

/// The count the article passes to `producer`.
const LITERALS: &[Literal] = &[Literal { param: "n", line: "producer(10, c)", text: "10" }];

pub static SCENARIO: Scenario = Scenario {
    id: "generator-send",
    topic: Topic::GeneratorsAndIterators,
    title: t!("生成器当协程用：send()", "A generator as a coroutine: send()"),
    notice: notice!("generator-send"),
    lesson: t!("asyncio 教程 · yield", "asyncio tutorial · yield"),
    params: &[N],
    variants: &[
        Variant {
            name: "next-first",
            label: t!("先 next() 启动", "next() first"),
            python: python!("generator-send/next-first.py"),
            literals: LITERALS,
            ours: false,
        },
        Variant {
            name: "send-first",
            label: t!("直接 send()", "send() first"),
            python: python!("generator-send/send-first.py"),
            literals: LITERALS,
            ours: true,
        },
    ],
    default_speed: 1.0,
    rust_source: rust_file!("generator_send.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[
    |p| {
        let n = p.get(&N) as i64;
        Box::pin(async move { next_first(n) })
    },
    |p| {
        let n = p.get(&N) as i64;
        Box::pin(async move { send_first(n) })
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generator_follows_pythons_rules_for_send() {
        let mut c = consumer();
        assert_eq!(c.send(Some(0)), Err(PyErr::type_error("can't send non-None value to a just-started generator")));
        assert_eq!(c.state, GenState::JustStarted, "the refused send leaves it unstarted");
        assert_eq!(c.next(), Ok(()));
        assert_eq!(c.state, GenState::Suspended);
    }
}
