//! `queue-pipeline`: an async generator feeds a producer, a queue joins it to a consumer, and
//! the two stages overlap. The tutorial's walrus line binds the wrong thing; both versions run.

use std::future::Future;

use crate::aio::{
    create_task, gather, print, py_float, run, sleep, wall_time, AsyncGenerator, PyRepr, PyResult, Queue,
};
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

/// Queue items: an event, or `None`, the sentinel that says there are no more.
type Item = Option<i64>;

fn g(total: i64) -> AsyncGenerator<i64> {
    AsyncGenerator::new(move |y| async move {
        for i in 0..total {
            print(format!("Producer: create event A{i} -> {i}"));
            sleep(i as f64).await?;
            y.yield_(i).await;
        }
        Ok(())
    })
}

async fn producer(queue: Queue<Item>, total: i64) -> PyResult<()> {
    let mut events = g(total);
    while let Some(i) = events.next().await {
        queue.put(Some(i?)).await?;
    }
    queue.put(None).await
}

/// `asyncio.gather(producer(queue), consumer(queue), return_exceptions=False)`: a Rust `Vec` holds
/// one type, so the two coroutines become tasks first, in argument order, as `gather` itself
/// would make them.
async fn main<C>(total: i64, consumer: fn(Queue<Item>) -> C) -> PyResult<()>
where
    C: Future<Output = PyResult<()>> + 'static,
{
    let tic = wall_time();
    let queue = Queue::new("queue", 0);
    let producer = create_task(producer(queue.clone(), total))?;
    let consumer = create_task(consumer(queue))?;
    gather(vec![producer, consumer])?.await?;
    print(format!("elapsed time: {}s", py_float(wall_time() - tic)));
    Ok(())
}

mod as_written {
    use super::*;

    pub async fn consumer(queue: Queue<Item>) -> PyResult<()> {
        loop {
            // `x := await queue.get() is not None`: `is not` binds tighter than `:=`, so x is a bool.
            let x = queue.get().await?.is_some();
            if !x {
                return Ok(());
            }
            let d = 2 * i64::from(x); // True * 2 == 2
            print(format!("Consumer: process event B{} -> {} * 2 = {d}", x.py_repr(), x.py_repr()));
            sleep(d as f64).await?;
        }
    }
}

mod fixed {
    use super::*;

    pub async fn consumer(queue: Queue<Item>) -> PyResult<()> {
        while let Some(x) = queue.get().await? {
            let d = 2 * x;
            print(format!("Consumer: process event B{x} -> {x} * 2 = {d}"));
            sleep(d as f64).await?;
        }
        Ok(())
    }
}

/// The number of events the article's `g()` makes.
const LITERALS: &[Literal] = &[Literal { param: "total", line: "for i in range(5):", text: "5" }];

pub static SCENARIO: Scenario = Scenario {
    id: "queue-pipeline",
    topic: Topic::Queues,
    title: t!("用队列连接生产者和消费者", "A queue between a producer and a consumer"),
    notice: notice!("queue-pipeline"),
    lesson: t!("asyncio 教程 · 队列", "asyncio tutorial · Queues"),
    params: &[TOTAL],
    variants: &[
        Variant {
            name: "as-written",
            label: t!("教程原样（海象运算符的坑）", "as written (walrus bug)"),
            python: python!("queue-pipeline/as-written.py"),
            literals: LITERALS,
            ours: false,
        },
        Variant {
            name: "fixed",
            label: t!("加上括号", "with parentheses"),
            python: python!("queue-pipeline/fixed.py"),
            literals: LITERALS,
            ours: true,
        },
    ],
    default_speed: 5.0,
    rust_source: rust_file!("queue_pipeline.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs =
    &[|p| run(main(p.get(&TOTAL) as i64, as_written::consumer)), |p| run(main(p.get(&TOTAL) as i64, fixed::consumer))];
