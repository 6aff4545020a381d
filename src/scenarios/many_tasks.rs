//! `many_tasks`: a thousand (or a hundred thousand) sleeps gathered at once take as long as one:
//! waiting costs the loop nothing, which is where asyncio's speed-up for I/O comes from.

use crate::aio::{gather, print, py_format_g, run, sleep, time, PyResult};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Scenario, Topic, Variant};
use crate::t;

const N: ParamSpec = ParamSpec {
    name: "n",
    label: t!("任务数", "Tasks"),
    unit: Unit::Count,
    default: 1000.0,
    min: 1.0,
    max: 100_000.0,
    step: 1.0,
};

const DELAY: ParamSpec = ParamSpec {
    name: "delay",
    label: t!("每个任务 sleep 的秒数", "Each task sleeps"),
    unit: Unit::Seconds,
    default: 1.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

async fn work(i: i64, delay: f64) -> PyResult<i64> {
    sleep(delay).await?;
    Ok(i)
}

async fn main(n: i64, delay: f64) -> PyResult<()> {
    let start = time();
    let results = gather((0..n).map(|i| work(i, delay)).collect())?.await?;
    print(format!("{} tasks of {} s finished in {:.2} s", results.len(), py_format_g(delay), time() - start));
    Ok(())
}

pub static SCENARIO: Scenario = Scenario {
    id: "many-tasks",
    topic: Topic::TasksAndGather,
    title: t!("成千上万个 sleep 同时等待", "Thousands of sleeps waiting at once"),
    notice: t!(
        "1000 个各睡 1 秒的任务一起用 1 秒完成，而不是 1000 秒：一个任务等待时，事件循环去运行别的任务。教程说 asyncio 处理 I/O 能快上几百倍，指的就是这种等待；计算本身并不会变快。在浏览器里打印的是实测时间，还包括事件循环照看每个任务的开销，任务越多越明显。",
        "1,000 tasks that each sleep 1 s finish together after 1 s, not 1,000 s: while one task waits, the loop runs the others. This waiting is what the tutorial's 'hundreds of times faster for I/O' is about; computing does not get faster. In the browser the printed time is measured, so it also counts the loop's own work for each task, which shows as n grows."
    ),
    lesson: t!("asyncio 教程 · Async IO 是什么", "asyncio tutorial · What async IO is"),
    params: &[N, DELAY],
    variants: &[Variant {
        name: "main",
        label: t!("gather(*(work(i) for i in range(N)))", "gather(*(work(i) for i in range(N)))"),
        python: python!("many-tasks/main.py"),
        literals: &[],
        ours: true,
        program: |p| run(main(p.get(&N) as i64, p.get(&DELAY))),
    }],
    default_speed: 1.0,
    rust_source: rust_file!("many_tasks.rs"),
    stand_ins: &[],
};
