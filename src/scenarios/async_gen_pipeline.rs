//! `async-gen-pipeline`: async generators chained into a pipeline. Each stage runs only when the
//! next one asks it for an item, so nothing overlaps and every sleep is paid in turn.

use crate::aio::{print, py_float, run, sleep, time, AsyncGenerator, PyResult};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Scenario, Topic, Variant};
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

const PRODUCE_FACTOR: ParamSpec = ParamSpec {
    name: "produce_factor",
    label: t!("生产第 i 个事件睡 i × 几秒", "produce event i: sleep i × this"),
    unit: Unit::Seconds,
    default: 1.0,
    min: 0.0,
    max: 10.0,
    step: 0.1,
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

fn producer(n: i64, produce_factor: f64) -> AsyncGenerator<i64> {
    AsyncGenerator::new(move |y| async move {
        for i in 0..n {
            print(format!("Producer: create event A0 -> {i}")); // the tutorial's text: always A0
            sleep(i as f64 * produce_factor).await?;
            y.yield_(i).await;
        }
        Ok(())
    })
}

mod pipeline {
    use super::*;

    pub async fn main(total: i64, produce_factor: f64, consume_factor: f64) -> PyResult<()> {
        let start = time();
        let mut events = producer(total, produce_factor);
        while let Some(i) = events.next().await {
            let i = i?;
            print(format!("Consumer: process event {i} -> {}", i * 2));
            sleep(i as f64 * consume_factor).await?;
            print(format!("elapsed time: {}s", py_float(time() - start)));
        }
        Ok(())
    }
}

mod with_output {
    use super::*;

    fn consumer(mut events: AsyncGenerator<i64>, consume_factor: f64) -> AsyncGenerator<i64> {
        AsyncGenerator::new(move |y| async move {
            while let Some(i) = events.next().await {
                let i = i?;
                print(format!("Consumer: process event {i} -> {}", i * 2));
                sleep(i as f64 * consume_factor).await?;
                y.yield_(i * 2).await;
            }
            Ok(())
        })
    }

    pub async fn main(total: i64, produce_factor: f64, consume_factor: f64) -> PyResult<()> {
        let start = time();
        let mut results = consumer(producer(total, produce_factor), consume_factor);
        while let Some(result) = results.next().await {
            print(format!("Output: {}", result?));
            print(format!("elapsed time: {}s", py_float(time() - start)));
        }
        Ok(())
    }
}

pub static SCENARIO: Scenario = Scenario {
    id: "async-gen-pipeline",
    topic: Topic::GeneratorsAndIterators,
    title: t!("异步生成器串成流水线", "Async generators chained into a pipeline"),
    notice: t!(
        "看上去像流水线，其实没有任何重叠：消费者要下一个事件时生产者才开始睡，生产者的 0+1+2+3+4 秒和消费者的 0+2+4+6+8 秒一笔一笔加起来，共 30 秒。拆成三段、多打印 Output 也一样是 30 秒。（“A0” 是教程原文：每行都打印 A0。）",
        "It looks like a pipeline, but nothing overlaps: the producer starts its sleep only when the consumer asks for the next event, so its 0+1+2+3+4 s and the consumer's 0+2+4+6+8 s add up one by one: 30 s. Split into three stages with Output lines, it is still 30 s. (\"A0\" is the tutorial's text: every line says A0.)"
    ),
    lesson: t!("asyncio 教程 · 反直觉的异步执行", "asyncio tutorial · Counter-intuitive async execution"),
    params: &[TOTAL, PRODUCE_FACTOR, CONSUME_FACTOR],
    variants: &[
        Variant {
            name: "pipeline",
            label: t!("生产者 → 消费者", "producer → consumer"),
            python: python!("async-gen-pipeline/pipeline.py"),
            literals: &[],
            program: |p| {
                run(pipeline::main(p.get(&TOTAL) as i64, p.get(&PRODUCE_FACTOR), p.get(&CONSUME_FACTOR)))
            },
        },
        Variant {
            name: "with-output",
            label: t!("三段，打印 Output", "three stages with Output"),
            python: python!("async-gen-pipeline/with-output.py"),
            literals: &[],
            program: |p| {
                run(with_output::main(p.get(&TOTAL) as i64, p.get(&PRODUCE_FACTOR), p.get(&CONSUME_FACTOR)))
            },
        },
    ],
    default_speed: 10.0,
    rust_source: rust_file!("async_gen_pipeline.rs"),
};
