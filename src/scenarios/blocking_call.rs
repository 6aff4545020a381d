//! A blocking call inside a coroutine freezes the whole loop; `asyncio.to_thread` moves it to a
//! thread and the loop goes on. In the browser the freeze is real (the page stops), and the
//! thread is a real Web Worker running the same `blocking_task`.

use crate::aio::{create_task, gather, print, py_number, run, sleep, time_sleep, to_thread, PyResult, ThreadJob};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Literal, Programs, Scenario, Topic, Variant};
use crate::t;

const BLOCKING: ParamSpec = ParamSpec {
    name: "blocking",
    label: t!("阻塞调用的秒数", "Blocking call's seconds"),
    unit: Unit::Seconds,
    default: 2.0,
    min: 0.0,
    // The page really freezes for this long (divided by the speed): kept short.
    max: 5.0,
    step: 0.5,
};

const TASK_1: ParamSpec = ParamSpec {
    name: "task_1",
    label: t!("异步任务 1 的秒数", "Async task 1's seconds"),
    unit: Unit::Seconds,
    default: 1.0,
    min: 0.0,
    max: 60.0,
    step: 0.5,
};

const TASK_2: ParamSpec = ParamSpec {
    name: "task_2",
    label: t!("异步任务 2 的秒数", "Async task 2's seconds"),
    unit: Unit::Seconds,
    default: 4.0,
    min: 0.0,
    max: 60.0,
    step: 0.5,
};

fn blocking_task(seconds: f64) -> String {
    time_sleep(seconds);
    format!("阻塞 {} 秒", py_number(seconds))
}

/// `blocking_task` as a thread job: the worker finds it by this name.
pub static BLOCKING_TASK: ThreadJob = ThreadJob { name: "blocking_task", run: blocking_task };

/// `gather` needs one result type: these give an empty string where Python's give None.
async fn async_task_1(seconds: f64) -> PyResult<String> {
    sleep(seconds).await?;
    print("异步任务 1 结束");
    Ok(String::new())
}

async fn async_task_2(seconds: f64) -> PyResult<String> {
    sleep(seconds).await?;
    print("异步任务 2 结束");
    Ok(String::new())
}

/// `to-thread.py`: its `main()`.
mod to_thread {
    use super::*;

    pub(super) async fn main(blocking: f64, task_1: f64, task_2: f64) -> PyResult<()> {
        // gather wraps its arguments in tasks in this order; Rust needs them as one type, so the
        // tasks are made here, exactly as gather would.
        let results = gather(vec![
            create_task(to_thread(&BLOCKING_TASK, blocking))?,
            create_task(async_task_1(task_1))?,
            create_task(async_task_2(task_2))?,
        ])?
        .await?;
        print(results[0].clone());
        Ok(())
    }
}

/// `blocking.py`: the mistake, the same blocking call made directly in a coroutine.
mod blocking {
    use super::*;

    /// `async def blocking_task(seconds)`: its `time.sleep` holds the loop.
    async fn blocking_task(seconds: f64) -> PyResult<String> {
        Ok(super::blocking_task(seconds))
    }

    pub(super) async fn main(blocking: f64, task_1: f64, task_2: f64) -> PyResult<()> {
        let results = gather(vec![
            create_task(blocking_task(blocking))?,
            create_task(async_task_1(task_1))?,
            create_task(async_task_2(task_2))?,
        ])?
        .await?;
        print(results[0].clone());
        Ok(())
    }
}

pub static SCENARIO: Scenario = Scenario {
    id: "blocking-call",
    topic: Topic::BlockingAndThreads,
    title: t!("阻塞调用：卡住事件循环 vs to_thread", "A blocking call: freezing the loop vs to_thread"),
    notice: notice!("blocking-call"),
    lesson: t!("asyncio 教程 · 在线程中运行阻塞代码", "asyncio tutorial · Running blocking code in threads"),
    params: &[BLOCKING, TASK_1, TASK_2],
    variants: &[
        Variant {
            name: "blocking",
            label: t!("协程里直接阻塞", "blocking in a coroutine"),
            python: python!("blocking-call/blocking.py"),
            literals: &[
                Literal { param: "blocking", line: "        blocking_task(2),", text: "2" },
                Literal { param: "task_1", line: "await asyncio.sleep(1)", text: "1" },
                Literal { param: "task_2", line: "await asyncio.sleep(4)", text: "4" },
            ],
            ours: true,
        },
        Variant {
            name: "to-thread",
            label: t!("asyncio.to_thread", "asyncio.to_thread"),
            python: python!("blocking-call/to-thread.py"),
            literals: &[
                Literal { param: "blocking", line: "asyncio.to_thread(blocking_task, 2)", text: "2" },
                Literal { param: "task_1", line: "await asyncio.sleep(1)", text: "1" },
                Literal { param: "task_2", line: "await asyncio.sleep(4)", text: "4" },
            ],
            ours: false,
        },
    ],
    default_speed: 1.0,
    rust_source: rust_file!("blocking_call.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[
    |p| run(blocking::main(p.get(&BLOCKING), p.get(&TASK_1), p.get(&TASK_2))),
    |p| run(to_thread::main(p.get(&BLOCKING), p.get(&TASK_1), p.get(&TASK_2))),
];
