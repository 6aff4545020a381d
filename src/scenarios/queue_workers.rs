//! `queue-workers`: four producers and six consumers on one queue. `queue.join()` returns once
//! every item has been marked done with `task_done()`; without it, join waits forever.

use std::future::Future;

use crate::aio::{create_task, gather, print, py_float, run, sleep, wall_time, AsyncGenerator, PyResult, Queue};
use crate::lesson::params::{ParamSpec, Params, Unit};
use crate::lesson::{Literal, Programs, Scenario, Topic, Variant};
use crate::t;

const EVENTS: ParamSpec = ParamSpec {
    name: "events",
    label: t!("每个生产者的事件数", "events per producer"),
    unit: Unit::Count,
    default: 10.0,
    min: 0.0,
    max: 100.0,
    step: 1.0,
};

const PRODUCERS: ParamSpec = ParamSpec {
    name: "producers",
    label: t!("生产者数量", "producers"),
    unit: Unit::Count,
    default: 4.0,
    min: 0.0,
    max: 50.0,
    step: 1.0,
};

const CONSUMERS: ParamSpec = ParamSpec {
    name: "consumers",
    label: t!("消费者数量", "consumers"),
    unit: Unit::Count,
    default: 6.0,
    min: 1.0,
    max: 50.0,
    step: 1.0,
};

const PRODUCE_FACTOR: ParamSpec = ParamSpec {
    name: "produce_factor",
    label: t!("生产第 i 个事件睡 i × 几秒", "produce event i: sleep i × this"),
    unit: Unit::Seconds,
    default: 0.1,
    min: 0.0,
    max: 10.0,
    step: 0.1,
};

const CONSUME_FACTOR: ParamSpec = ParamSpec {
    name: "consume_factor",
    label: t!("处理 d = 2i 睡 d × 几秒", "consume d = 2i: sleep d × this"),
    unit: Unit::Seconds,
    default: 0.2,
    min: 0.0,
    max: 10.0,
    step: 0.1,
};

/// The numbers the article writes in its functions (`range(10)`, `i * 0.1`, …).
#[derive(Clone, Copy)]
struct Module {
    events: i64,
    producers: usize,
    consumers: usize,
    produce_factor: f64,
    consume_factor: f64,
}

impl Module {
    fn new(p: &Params) -> Module {
        Module {
            events: p.get(&EVENTS) as i64,
            producers: p.get(&PRODUCERS) as usize,
            consumers: p.get(&CONSUMERS) as usize,
            produce_factor: p.get(&PRODUCE_FACTOR),
            consume_factor: p.get(&CONSUME_FACTOR),
        }
    }
}

fn g(n: i64, produce_factor: f64) -> AsyncGenerator<i64> {
    AsyncGenerator::new(move |y| async move {
        for i in 0..n {
            print(format!("Producer: create event A{i} -> {i}"));
            sleep(i as f64 * produce_factor).await?;
            y.yield_(i).await;
        }
        Ok(())
    })
}

async fn producer(queue: Queue<i64>, m: Module) -> PyResult<()> {
    let mut events = g(m.events, m.produce_factor);
    while let Some(i) = events.next().await {
        queue.put(i?).await?;
    }
    Ok(())
}

async fn main<C>(m: Module, consumer: fn(Queue<i64>, Module) -> C) -> PyResult<()>
where
    C: Future<Output = PyResult<()>> + 'static,
{
    let tic = wall_time();
    let queue = Queue::new("queue", 0);
    let producers = (0..m.producers).map(|_| create_task(producer(queue.clone(), m))).collect::<PyResult<Vec<_>>>()?;
    let consumers = (0..m.consumers).map(|_| create_task(consumer(queue.clone(), m))).collect::<PyResult<Vec<_>>>()?;
    gather(producers)?.await?;
    print("Before join: done producing.");
    queue.join().await?;
    print("After join: If you don't use `task_done()` you wouldn't see this.");
    for t in consumers {
        t.cancel();
    }
    print(format!("elapsed time: {}s", py_float(wall_time() - tic)));
    Ok(())
}

mod task_done {
    use super::*;

    pub async fn consumer(queue: Queue<i64>, m: Module) -> PyResult<()> {
        loop {
            let x = queue.get().await?;
            let d = 2 * x;
            print(format!("Consumer: process event B{x} -> {x} * 2 = {d}"));
            sleep(d as f64 * m.consume_factor).await?;
            queue.task_done()?;
        }
    }
}

mod no_task_done {
    use super::*;

    pub async fn consumer(queue: Queue<i64>, m: Module) -> PyResult<()> {
        loop {
            let x = queue.get().await?;
            let d = 2 * x;
            print(format!("Consumer: process event B{x} -> {x} * 2 = {d}"));
            sleep(d as f64 * m.consume_factor).await?;
        }
    }
}

/// Where the article writes each number.
const LITERALS: &[Literal] = &[
    Literal { param: "events", line: "for i in range(10):", text: "10" },
    Literal { param: "producers", line: "for _ in range(4)]", text: "4" },
    Literal { param: "consumers", line: "for _ in range(6)]", text: "6" },
    Literal { param: "produce_factor", line: "await asyncio.sleep(i * 0.1)", text: "0.1" },
    Literal { param: "consume_factor", line: "await asyncio.sleep(d * 0.2)", text: "0.2" },
];

pub static SCENARIO: Scenario = Scenario {
    id: "queue-workers",
    topic: Topic::Queues,
    title: t!("多个生产者和消费者：task_done 与 join", "Many producers and consumers: task_done and join"),
    notice: notice!("queue-workers"),
    lesson: t!("asyncio 教程 · 队列", "asyncio tutorial · Queues"),
    params: &[EVENTS, PRODUCERS, CONSUMERS, PRODUCE_FACTOR, CONSUME_FACTOR],
    variants: &[
        Variant {
            name: "task-done",
            label: t!("task_done + join", "task_done + join"),
            python: python!("queue-workers/task-done.py"),
            literals: LITERALS,
            ours: false,
        },
        Variant {
            name: "no-task-done",
            label: t!("忘了 task_done", "no task_done"),
            python: python!("queue-workers/no-task-done.py"),
            literals: LITERALS,
            ours: true,
        },
    ],
    default_speed: 4.0,
    rust_source: rust_file!("queue_workers.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs =
    &[|p| run(main(Module::new(p), task_done::consumer)), |p| run(main(Module::new(p), no_task_done::consumer))];
