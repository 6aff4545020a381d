//! `timer-callback`: a timer made of asyncio parts: a task that only sleeps, and a done-callback
//! that fires when the sleep is over.

use crate::aio::{ensure_future, get_event_loop, print, run_until_complete, sleep, PyResult, Task};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Literal, Programs, Scenario, Topic, Variant};
use crate::t;

const X: ParamSpec = ParamSpec {
    name: "x",
    label: t!("定时秒数", "timer's seconds"),
    unit: Unit::Seconds,
    default: 3.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

async fn timer(x: f64, cb: impl FnOnce(&Task<()>) + 'static) -> PyResult<()> {
    let futu = ensure_future(sleep(x));
    futu.add_done_callback(cb);
    futu.await
}

async fn main(x: f64) -> PyResult<()> {
    let lp = get_event_loop();
    let t = timer(x, |_futu| print("Done"));
    run_until_complete(&lp, t).await
}

pub static SCENARIO: Scenario = Scenario {
    id: "timer-callback",
    topic: Topic::CallbacksAndLoop,
    title: t!("用 sleep 和回调做一个定时器", "A timer from sleep and a callback"),
    notice: notice!("timer-callback"),
    lesson: t!("asyncio 教程 · 定时器", "asyncio tutorial · Timer"),
    params: &[X],
    variants: &[Variant {
        name: "main",
        label: t!("sleep + 回调", "sleep + callback"),
        python: python!("timer-callback/main.py"),
        literals: &[Literal { param: "x", line: "t = timer(3,", text: "3" }],
        ours: false,
    }],
    default_speed: 1.0,
    rust_source: rust_file!("timer_callback.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[|p| Box::pin(main(p.get(&X)))];
