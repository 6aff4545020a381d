//! `do_some_work`: three ways to meet one coroutine: the pre-3.7 loop API, `asyncio.run`, and
//! the checks that show calling an `async def` only makes a coroutine object.

use std::future::Future;

use crate::aio::{coroutine, get_event_loop, print, py_number, run, run_until_complete, sleep, PyRepr, PyResult};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Literal, Programs, Scenario, Topic, Variant};
use crate::t;

const X: ParamSpec = ParamSpec {
    name: "x",
    label: t!("do_some_work 的秒数", "do_some_work's seconds"),
    unit: Unit::Seconds,
    default: 3.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

async fn do_some_work(x: f64) -> PyResult<()> {
    print(format!("Waiting {}", py_number(x)));
    sleep(x).await?;
    Ok(())
}

async fn legacy(x: f64) -> PyResult<()> {
    let lp = get_event_loop();
    run_until_complete(&lp, do_some_work(x)).await?;
    Ok(())
}

/// Python checks at run time what Rust's compiler checks: only an `async fn` is accepted here.
fn iscoroutinefunction<F: Future>(_function: fn(f64) -> F) -> bool {
    true
}

/// Only a future (Rust's coroutine object) is accepted here.
fn iscoroutine(_coro: &impl Future) -> bool {
    true
}

fn checks(x: f64) -> PyResult<()> {
    print(iscoroutinefunction(do_some_work).py_repr());
    // Made and dropped without being awaited, so it never prints "Waiting": Python warns about
    // it on stderr; made as an `aio::coroutine`, the trace records it as never awaited.
    print(iscoroutine(&coroutine(do_some_work(x))).py_repr());
    Ok(())
}

pub static SCENARIO: Scenario = Scenario {
    id: "do-some-work",
    topic: Topic::Basics,
    title: t!(
        "运行一个协程：旧写法、asyncio.run 与协程对象",
        "Running a coroutine: the old loop API, asyncio.run, coroutine objects"
    ),
    notice: notice!("do-some-work"),
    lesson: t!("asyncio 教程 · 运行协程", "asyncio tutorial · Running coroutines"),
    params: &[X],
    variants: &[
        Variant {
            name: "legacy",
            label: t!("get_event_loop + run_until_complete", "get_event_loop + run_until_complete"),
            python: python!("do-some-work/legacy.py"),
            literals: &[Literal { param: "x", line: "loop.run_until_complete(do_some_work(3))", text: "3" }],
            ours: false,
        },
        Variant {
            name: "modern",
            label: t!("asyncio.run", "asyncio.run"),
            python: python!("do-some-work/modern.py"),
            literals: &[Literal { param: "x", line: "asyncio.run(do_some_work(3))", text: "3" }],
            ours: true,
        },
        Variant {
            name: "checks",
            label: t!("协程函数与协程对象", "coroutine function, coroutine object"),
            python: python!("do-some-work/checks.py"),
            literals: &[Literal { param: "x", line: "asyncio.iscoroutine(do_some_work(3))", text: "3" }],
            ours: false,
        },
    ],
    default_speed: 1.0,
    rust_source: rust_file!("do_some_work.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[
    |p| Box::pin(legacy(p.get(&X))),
    |p| run(do_some_work(p.get(&X))),
    |p| {
        let x = p.get(&X);
        Box::pin(async move { checks(x) })
    },
];
