//! `queue-random`: producers and consumers sharing an `asyncio.Queue`, every step after a random
//! sleep; `task_done()` and `join()` tell main when every item has been handled.

use std::cell::RefCell;
use std::rc::Rc;

use crate::aio::pyrandom::{EmptyRange, Random};
use crate::aio::{create_task, gather, print, run, sleep, time, PyErr, PyResult, Queue};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Literal, Programs, Scenario, Topic, Variant};
use crate::t;

const SEED: ParamSpec = ParamSpec {
    name: "seed",
    label: t!("随机种子", "random seed"),
    unit: Unit::Count,
    default: 444.0,
    min: 0.0,
    max: 1_000_000_000.0,
    step: 1.0,
};

const NPROD: ParamSpec = ParamSpec {
    name: "nprod",
    label: t!("生产者数量", "producers"),
    unit: Unit::Count,
    default: 5.0,
    min: 1.0,
    max: 100.0,
    step: 1.0,
};

const NCON: ParamSpec = ParamSpec {
    name: "ncon",
    label: t!("消费者数量", "consumers"),
    unit: Unit::Count,
    default: 10.0,
    min: 1.0,
    max: 100.0,
    step: 1.0,
};

const MAX_SLEEP: ParamSpec = ParamSpec {
    name: "max_sleep",
    label: t!("每次最多睡几秒（整数）", "longest sleep, whole seconds"),
    unit: Unit::Count,
    default: 10.0,
    min: 0.0,
    max: 60.0,
    step: 1.0,
};

const MAX_ITEMS: ParamSpec = ParamSpec {
    name: "max_items",
    label: t!("每个生产者最多生产几个", "most items per producer"),
    unit: Unit::Count,
    default: 10.0,
    min: 0.0,
    max: 100.0,
    step: 1.0,
};

/// What the Python functions read from the module and the interpreter: `random`, seeded by the
/// program, and `os.urandom`.
struct Module {
    random: RefCell<Random>,
    urandom: RefCell<Random>,
    max_sleep: i64,
    max_items: i64,
}

impl From<EmptyRange> for PyErr {
    fn from(err: EmptyRange) -> PyErr {
        PyErr::new("ValueError", err.to_string())
    }
}

/// `os.urandom(size).hex()`. CPython's bytes are new every run; the page draws them from
/// `random.Random(0)`, as the recorded CPython runs do (`static/cpython/virtual_run.py`), so that a
/// run can be predicted and compared line by line.
async fn makeitem(m: &Module, size: usize) -> String {
    m.urandom.borrow_mut().randbytes(size).iter().map(|b| format!("{b:02x}")).collect()
}

async fn randsleep(m: &Module, caller: Option<&str>) -> PyResult<()> {
    let i = m.random.borrow_mut().randint(0, m.max_sleep)?;
    if let Some(caller) = caller {
        print(format!("{caller} sleeping for {i} seconds."));
    }
    sleep(i as f64).await
}

async fn produce(m: Rc<Module>, name: usize, q: Queue<(String, f64)>) -> PyResult<()> {
    let n = m.random.borrow_mut().randint(0, m.max_items)?;
    for _ in 0..n {
        // Synchronous loop for each single producer
        randsleep(&m, Some(&format!("Producer {name}"))).await?;
        let i = makeitem(&m, 5).await;
        let t = time();
        q.put((i.clone(), t)).await?;
        print(format!("Producer {name} added <{i}> to queue."));
    }
    Ok(())
}

async fn consume(m: Rc<Module>, name: usize, q: Queue<(String, f64)>) -> PyResult<()> {
    loop {
        randsleep(&m, Some(&format!("Consumer {name}"))).await?;
        let (i, t) = q.get().await?;
        let now = time();
        print(format!("Consumer {name} got element <{i}> in {:.5} seconds.", now - t));
        q.task_done()?;
    }
}

async fn main(m: Rc<Module>, nprod: usize, ncon: usize) -> PyResult<()> {
    let q = Queue::new("q", 0);
    let producers = (0..nprod).map(|n| create_task(produce(m.clone(), n, q.clone()))).collect::<PyResult<Vec<_>>>()?;
    let consumers = (0..ncon).map(|n| create_task(consume(m.clone(), n, q.clone()))).collect::<PyResult<Vec<_>>>()?;
    gather(producers)?.await?;
    q.join().await?; // Implicitly awaits consumers, too
    for c in consumers {
        c.cancel();
    }
    Ok(())
}

/// `if __name__ == "__main__":`, with argparse's defaults (the page passes no arguments).
async fn program(seed: u64, nprod: usize, ncon: usize, max_sleep: i64, max_items: i64) -> PyResult<()> {
    let m = Rc::new(Module {
        random: RefCell::new(Random::new(seed)),
        urandom: RefCell::new(Random::new(0)),
        max_sleep,
        max_items,
    });
    let start = time();
    run(main(m, nprod, ncon)).await?;
    let elapsed = time() - start;
    print(format!("Program completed in {elapsed:.5} seconds."));
    Ok(())
}

pub static SCENARIO: Scenario = Scenario {
    id: "queue-random",
    topic: Topic::Queues,
    title: t!("随机睡眠的生产者与消费者", "Producers and consumers with random sleeps"),
    notice: notice!("queue-random"),
    lesson: t!("asyncio 教程 · 队列", "asyncio tutorial · Queues"),
    params: &[SEED, NPROD, NCON, MAX_SLEEP, MAX_ITEMS],
    variants: &[Variant {
        name: "main",
        label: t!("task_done + join", "task_done + join"),
        python: python!("queue-random/main.py"),
        literals: &[
            Literal { param: "seed", line: "random.seed(444)", text: "444" },
            Literal { param: "nprod", line: "\"--nprod\", type=int, default=5)", text: "5" },
            Literal { param: "ncon", line: "\"--ncon\", type=int, default=10)", text: "10" },
            Literal { param: "max_sleep", line: "    i = random.randint(0, 10)", text: "10" },
            Literal { param: "max_items", line: "    n = random.randint(0, 10)", text: "10" },
        ],
        ours: false,
    }],
    default_speed: 10.0,
    rust_source: rust_file!("queue_random.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[|p| {
    Box::pin(program(
        p.get(&SEED) as u64,
        p.get(&NPROD) as usize,
        p.get(&NCON) as usize,
        p.get(&MAX_SLEEP) as i64,
        p.get(&MAX_ITEMS) as i64,
    ))
}];
