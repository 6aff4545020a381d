//! `async-generator`: an `async def` with `yield` hands out values one by one, and may await
//! between them.

use crate::aio::{print, run, sleep, AsyncGenerator, PyResult};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Literal, Programs, Scenario, Topic, Variant};
use crate::t;

const ITEMS: ParamSpec = ParamSpec {
    name: "items",
    label: t!("生成几个数", "numbers"),
    unit: Unit::Count,
    default: 5.0,
    min: 0.0,
    max: 200.0,
    step: 1.0,
};

const DELAY: ParamSpec = ParamSpec {
    name: "delay",
    label: t!("每个数之前睡", "sleep before each number"),
    unit: Unit::Seconds,
    default: 1.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

/// Both programs write the count and the delay as the article does.
const LITERALS: &[Literal] = &[
    Literal { param: "items", line: "for i in range(5):", text: "5" },
    Literal { param: "delay", line: "await asyncio.sleep(1)", text: "1" },
];

fn async_generator(items: i64, delay: f64) -> AsyncGenerator<i64> {
    AsyncGenerator::new(move |y| async move {
        for i in 0..items {
            sleep(delay).await?;
            y.yield_(i).await;
        }
        Ok(())
    })
}

async fn main(items: i64, delay: f64) -> PyResult<()> {
    let mut generator = async_generator(items, delay);
    while let Some(item) = generator.next().await {
        print(item?.to_string());
    }
    Ok(())
}

/// The article's program as written: it defines `async_generator` and `main` and never runs
/// `main()`, so nothing happens at all.
async fn as_written() -> PyResult<()> {
    Ok(())
}

pub static SCENARIO: Scenario = Scenario {
    id: "async-generator",
    topic: Topic::GeneratorsAndIterators,
    title: t!("异步生成器", "An async generator"),
    notice: notice!("async-generator"),
    lesson: t!("asyncio 教程 · 异步生成器", "asyncio tutorial · Async generators"),
    params: &[ITEMS, DELAY],
    variants: &[
        Variant {
            name: "as-written",
            label: t!("原样", "as written"),
            python: python!("async-generator/as-written.py"),
            literals: LITERALS,
            ours: false,
        },
        Variant {
            name: "corrected",
            label: t!("补上 asyncio.run", "with asyncio.run"),
            python: python!("async-generator/corrected.py"),
            literals: LITERALS,
            ours: false,
        },
    ],
    default_speed: 1.0,
    rust_source: rust_file!("async_generator.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[|_| Box::pin(as_written()), |p| run(main(p.get(&ITEMS) as i64, p.get(&DELAY)))];
