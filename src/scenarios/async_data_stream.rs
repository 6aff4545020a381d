//! `async-data-stream`: a class with `__aiter__` and `__anext__` is an async iterator; `async for`
//! awaits `__anext__` for every item and once more to learn that there are no more.

use crate::aio::{print, run, sleep, PyResult};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Scenario, Topic, Variant};
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
    while let Some(item) = stream.anext().await? {
        print(item.to_string());
    }
    Ok(())
}

pub static SCENARIO: Scenario = Scenario {
    id: "async-data-stream",
    topic: Topic::GeneratorsAndIterators,
    title: t!("异步迭代器：__anext__", "An async iterator: __anext__"),
    notice: t!(
        "每取一个数据 __anext__ 先等 0.5 秒，最后一行在 2.5 秒打印；但程序到 3 秒才结束：第六次 __anext__ 同样先睡 0.5 秒，才发现没有数据、抛出 StopAsyncIteration。（教程漏了 import asyncio，这里补上了。）",
        "Each __anext__ waits 0.5 s before handing out an item, so the last line prints at 2.5 s; but the program ends at 3 s: the sixth __anext__ also sleeps 0.5 s before finding no data and raising StopAsyncIteration. (The tutorial leaves out import asyncio; it is added here.)"
    ),
    lesson: t!("asyncio 教程 · 异步迭代器", "asyncio tutorial · Async iterators"),
    params: &[FETCH],
    variants: &[Variant {
        name: "main",
        label: t!("async for", "async for"),
        python: python!("async-data-stream/main.py"),
        literals: &[],
        program: |p| run(main(p.get(&FETCH))),
    }],
    default_speed: 1.0,
    rust_source: rust_file!("async_data_stream.rs"),
};
