//! `async-generator`: an `async def` with `yield` hands out values one by one, and may await
//! between them.

use crate::aio::{print, run, sleep, AsyncGenerator, PyResult};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Scenario, Topic, Variant};
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

fn numbers(items: i64, delay: f64) -> AsyncGenerator<i64> {
    AsyncGenerator::new(move |y| async move {
        for i in 0..items {
            sleep(delay).await?;
            y.yield_(i).await;
        }
        Ok(())
    })
}

async fn main(items: i64, delay: f64) -> PyResult<()> {
    let mut numbers = numbers(items, delay);
    while let Some(number) = numbers.next().await {
        print(number?.to_string());
    }
    Ok(())
}

pub static SCENARIO: Scenario = Scenario {
    id: "async-generator",
    topic: Topic::GeneratorsAndIterators,
    title: t!("异步生成器", "An async generator"),
    notice: t!(
        "每个数之前生成器都要 await 1 秒，async for 就在那里等着：五个数每秒一个，共 5 秒。（教程的代码定义了 main 却没有运行它，这里补上了 asyncio.run(main())。）",
        "Before each number the generator awaits 1 s, and async for waits there with it: five numbers a second apart, 5 s in all. (The tutorial defines main but never runs it; asyncio.run(main()) is added here.)"
    ),
    lesson: t!("asyncio 教程 · 异步生成器", "asyncio tutorial · Async generators"),
    params: &[ITEMS, DELAY],
    variants: &[Variant {
        name: "main",
        label: t!("async for", "async for"),
        python: python!("async-generator/main.py"),
        literals: &[],
        program: |p| run(main(p.get(&ITEMS) as i64, p.get(&DELAY))),
    }],
    default_speed: 1.0,
    rust_source: rust_file!("async_generator.rs"),
};
