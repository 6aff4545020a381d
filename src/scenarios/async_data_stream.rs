//! `async-data-stream`: a class with `__aiter__` and `__anext__` is an async iterator; `async for`
//! awaits `__anext__` for every item and once more to learn that there are no more.

use crate::aio::{print, run, sleep, PyErr, PyResult};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Literal, Programs, Scenario, Topic, Variant};
use crate::t;

const FETCH: ParamSpec = ParamSpec {
    name: "fetch",
    label: t!("每次取数据要", "each fetch takes"),
    unit: Unit::Seconds,
    default: 0.5,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

const DATA: [i64; 5] = [1, 2, 3, 4, 5];

struct AsyncDataStream {
    data: Vec<i64>,
    index: usize,
    fetch: f64,
}

impl AsyncDataStream {
    fn new(data: &[i64], fetch: f64) -> Self {
        AsyncDataStream { data: data.to_vec(), index: 0, fetch }
    }

    /// `__anext__`: the next item, or `None` for `StopAsyncIteration`.
    async fn anext(&mut self) -> PyResult<Option<i64>> {
        sleep(self.fetch).await?;
        if self.index >= self.data.len() {
            return Ok(None);
        }
        let item = self.data[self.index];
        self.index += 1;
        Ok(Some(item))
    }
}

async fn main(fetch: f64) -> PyResult<()> {
    let mut stream = AsyncDataStream::new(&DATA, fetch);
    while let Some(value) = stream.anext().await? {
        print(value.to_string());
    }
    Ok(())
}

/// The article's program as written has no `import asyncio`: its last line, `asyncio.run(main())`,
/// raises before anything runs.
fn as_written() -> PyResult<()> {
    Err(PyErr::new("NameError", "name 'asyncio' is not defined"))
}

/// The delay the article writes in `__anext__`.
const LITERALS: &[Literal] =
    &[Literal { param: "fetch", line: "await asyncio.sleep(0.5)  # 模拟异步数据获取", text: "0.5" }];

pub static SCENARIO: Scenario = Scenario {
    id: "async-data-stream",
    topic: Topic::GeneratorsAndIterators,
    title: t!("异步迭代器：__anext__", "An async iterator: __anext__"),
    notice: notice!("async-data-stream"),
    lesson: t!("asyncio 教程 · 异步迭代器", "asyncio tutorial · Async iterators"),
    params: &[FETCH],
    variants: &[
        Variant {
            name: "as-written",
            label: t!("原样", "as written"),
            python: python!("async-data-stream/as-written.py"),
            literals: LITERALS,
            ours: false,
        },
        Variant {
            name: "corrected",
            label: t!("补上 import asyncio", "with import asyncio"),
            python: python!("async-data-stream/corrected.py"),
            literals: LITERALS,
            ours: false,
        },
    ],
    default_speed: 1.0,
    rust_source: rust_file!("async_data_stream.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[|_| Box::pin(async { as_written() }), |p| run(main(p.get(&FETCH)))];
