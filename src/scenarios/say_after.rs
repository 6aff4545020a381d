//! `say_after`: the first lesson of "Coroutines and Tasks". Awaiting two coroutines one after
//! the other adds their delays up; wrapping them in tasks first lets the delays overlap.

use crate::aio::{create_task, gather, print, run, sleep, strftime_x, time, PyResult};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Scenario, Topic, Variant};
use crate::t;

const HELLO_DELAY: ParamSpec = ParamSpec {
    name: "hello_delay",
    label: t!("hello 的延迟", "hello's delay"),
    unit: Unit::Seconds,
    default: 1.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

const WORLD_DELAY: ParamSpec = ParamSpec {
    name: "world_delay",
    label: t!("world 的延迟", "world's delay"),
    unit: Unit::Seconds,
    default: 2.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

async fn say_after(delay: f64, what: &'static str) -> PyResult<()> {
    sleep(delay).await?;
    print(what);
    Ok(())
}

fn started() {
    print(format!("started at {}", strftime_x()));
}

fn finished(start: f64) {
    print(format!("finished at {}, elapsed time: {:.1}s", strftime_x(), time() - start));
}

async fn sequential(hello_delay: f64, world_delay: f64) -> PyResult<()> {
    let start = time();
    started();
    say_after(hello_delay, "hello").await?;
    say_after(world_delay, "world").await?;
    finished(start);
    Ok(())
}

async fn with_tasks(hello_delay: f64, world_delay: f64) -> PyResult<()> {
    let task1 = create_task(say_after(hello_delay, "hello"))?;
    let task2 = create_task(say_after(world_delay, "world"))?;
    let start = time();
    started();
    task1.await?;
    task2.await?;
    finished(start);
    Ok(())
}

async fn with_gather(hello_delay: f64, world_delay: f64) -> PyResult<()> {
    let start = time();
    started();
    gather(vec![say_after(hello_delay, "hello"), say_after(world_delay, "world")])?.await?;
    finished(start);
    Ok(())
}

async fn bare_coroutines(hello_delay: f64, world_delay: f64) -> PyResult<()> {
    let start = time();
    started();
    // Like coroutine objects, Rust futures do nothing until awaited.
    let hello = say_after(hello_delay, "hello");
    let world = say_after(world_delay, "world");
    hello.await?;
    world.await?;
    finished(start);
    Ok(())
}

pub static SCENARIO: Scenario = Scenario {
    id: "say-after",
    topic: Topic::Basics,
    title: t!("say_after：逐个 await 与 create_task", "say_after: await one by one vs create_task"),
    notice: t!(
        "逐个 await 时，第二个 sleep 要等第一个结束才开始：1 + 2 = 3 秒。先用 create_task 把两个协程变成任务，两个 sleep 同时进行：只要 2 秒。",
        "Awaited one by one, the second sleep starts only after the first ends: 1 + 2 = 3 s. Wrapped in tasks first, both sleeps run at once: 2 s."
    ),
    lesson: t!("Python 文档 · 协程与任务", "Python docs · Coroutines and Tasks"),
    params: &[HELLO_DELAY, WORLD_DELAY],
    variants: &[
        Variant {
            name: "sequential",
            label: t!("逐个 await", "await one by one"),
            python: python!("say-after/sequential.py"),
            program: |p| run(sequential(p.get(&HELLO_DELAY), p.get(&WORLD_DELAY))),
        },
        Variant {
            name: "create-task",
            label: t!("create_task", "create_task"),
            python: python!("say-after/create-task.py"),
            program: |p| run(with_tasks(p.get(&HELLO_DELAY), p.get(&WORLD_DELAY))),
        },
        Variant {
            name: "gather",
            label: t!("gather", "gather"),
            python: python!("say-after/gather.py"),
            program: |p| run(with_gather(p.get(&HELLO_DELAY), p.get(&WORLD_DELAY))),
        },
        Variant {
            name: "bare-coroutines",
            label: t!("先建协程对象", "coroutine objects first"),
            python: python!("say-after/bare-coroutines.py"),
            program: |p| run(bare_coroutines(p.get(&HELLO_DELAY), p.get(&WORLD_DELAY))),
        },
    ],
    default_speed: 1.0,
    rust_source: rust_file!("say_after.rs"),
};
