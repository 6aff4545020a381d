//! `loop-close`: a loop can run one coroutine after another for as long as it is open; once
//! closed, it refuses to run anything.

use crate::aio::{get_event_loop, print, py_number, run_until_complete, sleep, EventLoop, PyResult};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Literal, Programs, Scenario, Topic, Variant};
use crate::t;

const X1: ParamSpec = ParamSpec {
    name: "x1",
    label: t!("第一次运行（秒）", "first run (s)"),
    unit: Unit::Seconds,
    default: 1.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

const X2: ParamSpec = ParamSpec {
    name: "x2",
    label: t!("第二次运行（秒）", "second run (s)"),
    unit: Unit::Seconds,
    default: 3.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

/// `do_some_work(loop, x)`: takes the loop, and does not use it.
async fn do_some_work(_loop: EventLoop, x: f64) -> PyResult<()> {
    print(format!("Waiting {}", py_number(x)));
    sleep(x).await?;
    print("Done");
    Ok(())
}

async fn reuse_open(x1: f64, x2: f64) -> PyResult<()> {
    let lp = get_event_loop();
    run_until_complete(&lp, do_some_work(lp.clone(), x1)).await?;
    run_until_complete(&lp, do_some_work(lp.clone(), x2)).await?;
    lp.close()
}

async fn reuse_closed(x1: f64, x2: f64) -> PyResult<()> {
    let lp = get_event_loop();
    run_until_complete(&lp, do_some_work(lp.clone(), x1)).await?;
    lp.close()?;
    run_until_complete(&lp, do_some_work(lp.clone(), x2)).await?; // RuntimeError: Event loop is closed
    Ok(())
}

/// The two delays the article writes.
const LITERALS: &[Literal] = &[
    Literal { param: "x1", line: "do_some_work(loop, 1)", text: "1" },
    Literal { param: "x2", line: "do_some_work(loop, 3)", text: "3" },
];

pub static SCENARIO: Scenario = Scenario {
    id: "loop-close",
    topic: Topic::CallbacksAndLoop,
    title: t!("什么时候关闭事件循环", "When to close the loop"),
    notice: notice!("loop-close"),
    lesson: t!("asyncio 教程 · 关闭循环", "asyncio tutorial · Closing the loop"),
    params: &[X1, X2],
    variants: &[
        Variant {
            name: "reuse-open",
            label: t!("用完再 close", "close at the end"),
            python: python!("loop-close/reuse-open.py"),
            literals: LITERALS,
            ours: false,
        },
        Variant {
            name: "reuse-closed",
            label: t!("close 后再运行", "run after close"),
            python: python!("loop-close/reuse-closed.py"),
            literals: LITERALS,
            ours: false,
        },
    ],
    default_speed: 1.0,
    rust_source: rust_file!("loop_close.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs =
    &[|p| Box::pin(reuse_open(p.get(&X1), p.get(&X2))), |p| Box::pin(reuse_closed(p.get(&X1), p.get(&X2)))];
