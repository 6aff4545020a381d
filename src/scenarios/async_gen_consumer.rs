//! `async-gen-consumer`: `async for` over an async generator. The generator runs only when the
//! loop body asks for the next item, so its sleeps and the body's sleeps never overlap.

use crate::aio::{print, py_float, run, sleep, wall_time, AsyncGenerator, PyResult};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Literal, Programs, Scenario, Topic, Variant};
use crate::t;

const ITEMS: ParamSpec = ParamSpec {
    name: "items",
    label: t!("生成几个", "items"),
    unit: Unit::Count,
    default: 3.0,
    min: 0.0,
    max: 200.0,
    step: 1.0,
};

const GEN_SLEEP: ParamSpec = ParamSpec {
    name: "gen_sleep",
    label: t!("生成器每次睡", "generator's sleep"),
    unit: Unit::Seconds,
    default: 1.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

const BODY_SLEEP: ParamSpec = ParamSpec {
    name: "body_sleep",
    label: t!("循环体每次睡", "loop body's sleep"),
    unit: Unit::Seconds,
    default: 2.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

fn g(items: i64, gen_sleep: f64) -> AsyncGenerator<i64> {
    AsyncGenerator::new(move |y| async move {
        for i in 0..items {
            sleep(gen_sleep).await?;
            y.yield_(i).await;
        }
        Ok(())
    })
}

async fn main(items: i64, gen_sleep: f64, body_sleep: f64) -> PyResult<()> {
    let tic = wall_time();
    let mut numbers = g(items, gen_sleep);
    while let Some(x) = numbers.next().await {
        print(x?.to_string());
        sleep(body_sleep).await?;
    }
    print(format!("elapsed time: {}s", py_float(wall_time() - tic)));
    Ok(())
}

pub static SCENARIO: Scenario = Scenario {
    id: "async-gen-consumer",
    topic: Topic::GeneratorsAndIterators,
    title: t!("async for 遍历异步生成器", "async for over an async generator"),
    notice: notice!("async-gen-consumer"),
    lesson: t!("asyncio 教程 · 反直觉的异步执行", "asyncio tutorial · Counter-intuitive async execution"),
    params: &[ITEMS, GEN_SLEEP, BODY_SLEEP],
    variants: &[Variant {
        name: "main",
        label: t!("async for", "async for"),
        python: python!("async-gen-consumer/main.py"),
        literals: &[
            Literal { param: "items", line: "for i in range(3):", text: "3" },
            Literal { param: "gen_sleep", line: "await asyncio.sleep(1)", text: "1" },
            Literal { param: "body_sleep", line: "await asyncio.sleep(2)", text: "2" },
        ],
        ours: false,
    }],
    default_speed: 2.0,
    rust_source: rust_file!("async_gen_consumer.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[|p| run(main(p.get(&ITEMS) as i64, p.get(&GEN_SLEEP), p.get(&BODY_SLEEP)))];
