//! `async-gen-pipeline`: async generators chained into a pipeline. Each stage runs only when the
//! next one asks it for an item, so nothing overlaps and every sleep is paid in turn.

use crate::aio::{print, py_float, run, sleep, wall_time, AsyncGenerator, PyResult};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Literal, Programs, Scenario, Topic, Variant};
use crate::t;

const TOTAL: ParamSpec = ParamSpec {
    name: "total",
    label: t!("事件数", "events"),
    unit: Unit::Count,
    default: 5.0,
    min: 0.0,
    max: 200.0,
    step: 1.0,
};

const CONSUME_FACTOR: ParamSpec = ParamSpec {
    name: "consume_factor",
    label: t!("处理第 i 个事件睡 i × 几秒", "consume event i: sleep i × this"),
    unit: Unit::Seconds,
    default: 2.0,
    min: 0.0,
    max: 10.0,
    step: 0.1,
};

fn producer(total: i64) -> AsyncGenerator<i64> {
    AsyncGenerator::new(move |y| async move {
        for i in 0..total {
            print(format!("Producer: create event A0 -> {i}")); // the tutorial's text: always A0
            sleep(i as f64).await?;
            y.yield_(i).await;
        }
        Ok(())
    })
}

/// `consumer(source)`: `consume_factor` is the `2` of the article's `asyncio.sleep(2 * i)`.
fn consumer(mut source: AsyncGenerator<i64>, consume_factor: f64) -> AsyncGenerator<i64> {
    AsyncGenerator::new(move |y| async move {
        while let Some(i) = source.next().await {
            let i = i?;
            let d = 2 * i;
            print(format!("Consumer: process event {i} -> {d}"));
            sleep(consume_factor * i as f64).await?;
            y.yield_(d).await;
        }
        Ok(())
    })
}

async fn main(total: i64, consume_factor: f64) -> PyResult<()> {
    let tic = wall_time();
    let mut events = consumer(producer(total), consume_factor);
    while let Some(i) = events.next().await {
        i?;
        print(format!("elapsed time: {}s", py_float(wall_time() - tic)));
    }
    Ok(())
}

/// The article's next program: the same, printing each output event.
mod with_output {
    use super::*;

    pub(super) async fn main(total: i64, consume_factor: f64) -> PyResult<()> {
        let tic = wall_time();
        let mut events = consumer(producer(total), consume_factor);
        while let Some(i) = events.next().await {
            let i = i?;
            print(format!("Output  : output event B{i} -> {i}"));
            print(format!("elapsed time: {}s", py_float(wall_time() - tic)));
        }
        Ok(())
    }
}

/// Both programs write the count and the consumer's factor as the article does.
const LITERALS: &[Literal] = &[
    Literal { param: "total", line: "consumer(producer(5))", text: "5" },
    Literal { param: "consume_factor", line: "await asyncio.sleep(2 * i)", text: "2" },
];

pub static SCENARIO: Scenario = Scenario {
    id: "async-gen-pipeline",
    topic: Topic::GeneratorsAndIterators,
    title: t!("异步生成器串成流水线", "Async generators chained into a pipeline"),
    notice: notice!("async-gen-pipeline"),
    lesson: t!("asyncio 教程 · 反直觉的异步执行", "asyncio tutorial · Counter-intuitive async execution"),
    params: &[TOTAL, CONSUME_FACTOR],
    variants: &[
        Variant {
            name: "pipeline",
            label: t!("生产者 → 消费者", "producer → consumer"),
            python: python!("async-gen-pipeline/pipeline.py"),
            literals: LITERALS,
            ours: false,
        },
        Variant {
            name: "with-output",
            label: t!("打印 Output", "printing Output"),
            python: python!("async-gen-pipeline/with-output.py"),
            literals: LITERALS,
            ours: false,
        },
    ],
    default_speed: 10.0,
    rust_source: rust_file!("async_gen_pipeline.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[
    |p| run(main(p.get(&TOTAL) as i64, p.get(&CONSUME_FACTOR))),
    |p| run(with_output::main(p.get(&TOTAL) as i64, p.get(&CONSUME_FACTOR))),
];
