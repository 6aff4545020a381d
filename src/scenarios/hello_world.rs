//! `hello_world`: the smallest asyncio program. One coroutine prints, sleeps without holding the
//! thread, and prints again.

use crate::aio::{print, run, sleep, PyResult};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Literal, Programs, Scenario, Topic, Variant};
use crate::t;

const DELAY: ParamSpec = ParamSpec {
    name: "delay",
    label: t!("sleep 的秒数", "Seconds of sleep"),
    unit: Unit::Seconds,
    default: 1.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

async fn main(delay: f64) -> PyResult<()> {
    print("Hello");
    sleep(delay).await?;
    print("World");
    Ok(())
}

pub static SCENARIO: Scenario = Scenario {
    id: "hello-world",
    topic: Topic::Basics,
    title: t!("Hello, World：一个协程", "Hello, World: one coroutine"),
    notice: notice!("hello-world"),
    lesson: t!("asyncio 教程 · 基本用法", "asyncio tutorial · Basic usage"),
    params: &[DELAY],
    variants: &[Variant {
        name: "main",
        label: t!("asyncio.run(main())", "asyncio.run(main())"),
        python: python!("hello-world/main.py"),
        literals: &[Literal { param: "delay", line: "asyncio.sleep(1)", text: "1" }],
        ours: false,
    }],
    default_speed: 1.0,
    rust_source: rust_file!("hello_world.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[|p| run(main(p.get(&DELAY)))];
