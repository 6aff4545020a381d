//! `run-forever-stop`: the pre-3.7 loop API. `run_until_complete` returns when its coroutine is
//! done; `run_forever` returns only when something calls `loop.stop()`, and where that call sits
//! decides what gets to finish.

use crate::aio::{
    ensure_future, gather, get_event_loop, print, py_number, run_forever, run_until_complete, sleep, EventLoop, PyErr,
    PyResult,
};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Literal, Programs, Scenario, Topic, Variant};
use crate::t;

const X1: ParamSpec = ParamSpec {
    name: "x1",
    label: t!("较短的 do_some_work（秒）", "the shorter do_some_work (s)"),
    unit: Unit::Seconds,
    default: 1.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

const X2: ParamSpec = ParamSpec {
    name: "x2",
    label: t!("较长的 do_some_work（秒）", "the longer do_some_work (s)"),
    unit: Unit::Seconds,
    default: 3.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

async fn do_some_work(x: f64) -> PyResult<()> {
    print(format!("Waiting {}", py_number(x)));
    sleep(x).await?;
    print("Done");
    Ok(())
}

/// The article's first two programs as written have no `import asyncio`: their
/// `loop = asyncio.get_event_loop()` raises before anything runs.
fn as_written() -> PyResult<()> {
    Err(PyErr::new("NameError", "name 'asyncio' is not defined"))
}

/// `loop.run_until_complete(coro)`. The article never closes the loop.
async fn until_complete(x: f64) -> PyResult<()> {
    let lp = get_event_loop();
    let coro = do_some_work(x);
    run_until_complete(&lp, coro).await
}

/// `asyncio.ensure_future(coro)`, then `loop.run_forever()`, which nothing stops.
async fn forever(x: f64) -> PyResult<()> {
    let lp = get_event_loop();
    let coro = do_some_work(x);
    ensure_future(coro);
    run_forever(&lp).await
}

mod stop_in_coroutine {
    use super::*;

    async fn do_some_work(lp: EventLoop, x: f64) -> PyResult<()> {
        print(format!("Waiting {}", py_number(x)));
        sleep(x).await?;
        print("Done");
        lp.stop();
        Ok(())
    }

    pub async fn program(x1: f64, x2: f64) -> PyResult<()> {
        let lp = get_event_loop();
        ensure_future(do_some_work(lp.clone(), x1));
        ensure_future(do_some_work(lp.clone(), x2));
        run_forever(&lp).await
    }
}

mod gather_callback {
    use super::*;

    /// `do_some_work(loop, x)`: takes the loop, and does not use it.
    async fn do_some_work(_loop: EventLoop, x: f64) -> PyResult<()> {
        super::do_some_work(x).await
    }

    fn done_callback(lp: &EventLoop) {
        lp.stop();
    }

    pub async fn program(x1: f64, x2: f64) -> PyResult<()> {
        let lp = get_event_loop();
        let futus = gather(vec![do_some_work(lp.clone(), x1), do_some_work(lp.clone(), x2)])?;
        let for_callback = lp.clone(); // functools.partial(done_callback, loop)
        futus.add_done_callback("done_callback", move |_futu| done_callback(&for_callback));
        run_forever(&lp).await
    }
}

/// The programs with one coroutine: `coro = do_some_work(3)`.
const ONE_COROUTINE: &[Literal] = &[Literal { param: "x2", line: "coro = do_some_work(3)", text: "3" }];

pub static SCENARIO: Scenario = Scenario {
    id: "run-forever-stop",
    topic: Topic::CallbacksAndLoop,
    title: t!("run_until_complete、run_forever 与 stop", "run_until_complete, run_forever and stop"),
    notice: notice!("run-forever-stop"),
    lesson: t!(
        "asyncio 教程 · run_until_complete 和 run_forever",
        "asyncio tutorial · run_until_complete and run_forever"
    ),
    params: &[X1, X2],
    variants: &[
        Variant {
            name: "until-complete-as-written",
            label: t!("run_until_complete（原样）", "run_until_complete (as written)"),
            python: python!("run-forever-stop/until-complete-as-written.py"),
            literals: ONE_COROUTINE,
            ours: false,
        },
        Variant {
            name: "until-complete",
            label: t!("run_until_complete", "run_until_complete"),
            python: python!("run-forever-stop/until-complete.py"),
            literals: ONE_COROUTINE,
            ours: false,
        },
        Variant {
            name: "forever-as-written",
            label: t!("run_forever（原样）", "run_forever (as written)"),
            python: python!("run-forever-stop/forever-as-written.py"),
            literals: ONE_COROUTINE,
            ours: false,
        },
        Variant {
            name: "forever",
            label: t!("run_forever", "run_forever"),
            python: python!("run-forever-stop/forever.py"),
            literals: ONE_COROUTINE,
            ours: false,
        },
        Variant {
            name: "stop-in-coroutine",
            label: t!("协程里 stop", "stop in the coroutine"),
            python: python!("run-forever-stop/stop-in-coroutine.py"),
            literals: &[
                Literal { param: "x1", line: "ensure_future(do_some_work(loop, 1))", text: "1" },
                Literal { param: "x2", line: "ensure_future(do_some_work(loop, 3))", text: "3" },
            ],
            ours: false,
        },
        Variant {
            name: "gather-callback",
            label: t!("gather 的回调里 stop", "stop in gather's callback"),
            python: python!("run-forever-stop/gather-callback.py"),
            literals: &[
                Literal { param: "x1", line: "do_some_work(loop, 1)", text: "1" },
                Literal { param: "x2", line: "do_some_work(loop, 3)", text: "3" },
            ],
            ours: false,
        },
    ],
    default_speed: 1.0,
    rust_source: rust_file!("run_forever_stop.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[
    |_| Box::pin(async { as_written() }),
    |p| Box::pin(until_complete(p.get(&X2))),
    |_| Box::pin(async { as_written() }),
    |p| Box::pin(forever(p.get(&X2))),
    |p| Box::pin(stop_in_coroutine::program(p.get(&X1), p.get(&X2))),
    |p| Box::pin(gather_callback::program(p.get(&X1), p.get(&X2))),
];
