//! `as_completed_progress`: six updates sent at once come back in the order they finish when
//! consumed with `as_completed` (a progress bar can move at each), but all at the end, in the
//! order they were sent, with `gather`.
//!
//! A model of the tutorial's pandas + aiohttp + aiofiles + tqdm program: a frame of six rows, a
//! server whose PUT for row i answers after its latency, and a log whose write takes a moment.
//! In the browser each request is a real `fetch` of the row's reply, a file the playground serves
//! (`static/sites/rows/`: a static host takes no PUT), followed by the row's latency; on the
//! virtual clock the fetch takes no time, so the latencies alone set the timeline.

use std::rc::Rc;

use crate::aio::{as_completed, create_task, fetch_text, gather, print, run, sleep, Modelled, PyResult};
use crate::lesson::i18n::Text;
use crate::lesson::params::{ParamSpec, Params, Unit};
use crate::lesson::{Scenario, Topic, Variant};
use crate::t;

const fn put_latency(name: &'static str, label: Text, default: f64) -> ParamSpec {
    ParamSpec { name, label, unit: Unit::Seconds, default, min: 0.0, max: 60.0, step: 0.1 }
}

const PUT_LATENCY_1: ParamSpec = put_latency("put_latency_1", t!("第 1 行 PUT 的延迟", "Row 1's PUT latency"), 3.0);
const PUT_LATENCY_2: ParamSpec = put_latency("put_latency_2", t!("第 2 行 PUT 的延迟", "Row 2's PUT latency"), 1.0);
const PUT_LATENCY_3: ParamSpec = put_latency("put_latency_3", t!("第 3 行 PUT 的延迟", "Row 3's PUT latency"), 4.0);
const PUT_LATENCY_4: ParamSpec = put_latency("put_latency_4", t!("第 4 行 PUT 的延迟", "Row 4's PUT latency"), 1.5);
const PUT_LATENCY_5: ParamSpec = put_latency("put_latency_5", t!("第 5 行 PUT 的延迟", "Row 5's PUT latency"), 2.0);
const PUT_LATENCY_6: ParamSpec = put_latency("put_latency_6", t!("第 6 行 PUT 的延迟", "Row 6's PUT latency"), 2.5);

const LOG_WRITE: ParamSpec = ParamSpec {
    name: "log_write",
    label: t!("写一条日志的秒数", "One log write takes"),
    unit: Unit::Seconds,
    default: 0.1,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

#[derive(Clone)]
struct Row {
    id: usize,
    msg: String,
}

impl Row {
    /// The server's reply to the row's update: `json.dumps({**row, "status": "updated"})`.
    fn reply(&self) -> String {
        format!(r#"{{"id": {}, "msg": "{}", "status": "updated"}}"#, self.id, self.msg)
    }
}

/// Just enough of a pandas DataFrame: columns id and msg, printed like pandas does.
struct Frame {
    rows: Vec<Row>,
}

impl Frame {
    fn iterrows(&self) -> impl Iterator<Item = (usize, &Row)> {
        self.rows.iter().enumerate()
    }

    fn tail(&self, n: usize) -> String {
        let mut lines = vec!["   id    msg".to_owned()];
        for (index, row) in self.iterrows().skip(self.rows.len().saturating_sub(n)) {
            lines.push(format!("{index}  {:>2}  {:>5}", row.id, row.msg));
        }
        lines.join("\n")
    }
}

/// Stands in for aiohttp.ClientSession: put() really fetches the row's reply, then answers
/// after the row's latency.
struct Session {
    put_latency: [f64; 6],
}

impl Session {
    async fn put(&self, index: usize, row: &Row) -> PyResult<String> {
        let served = format!("sites/rows/{}.json", row.id);
        let reply = fetch_text(&served, Modelled { seconds: 0.0, answer: Ok(row.reply()) }).await?;
        sleep(self.put_latency[index]).await?;
        Ok(reply)
    }
}

/// Stands in for an aiofiles log: each write takes `log_write` seconds (the text goes nowhere).
struct Log {
    log_write: f64,
}

impl Log {
    async fn write(&self, _text: String) -> PyResult<()> {
        sleep(self.log_write).await
    }
}

async fn update(session: Rc<Session>, log: Rc<Log>, index: usize, row: Row) -> PyResult<String> {
    let reply = session.put(index, &row).await?;
    log.write(reply.clone() + "\n").await?;
    Ok(reply)
}

fn frame(rows: usize) -> Frame {
    Frame { rows: (0..rows).map(|i| Row { id: i + 1, msg: format!("msg {}", i + 1) }).collect() }
}

async fn with_as_completed(put_latency: [f64; 6], log_write: f64) -> PyResult<()> {
    let df = frame(put_latency.len());
    print(df.tail(5));
    print("Press Enter to continue...");
    let (session, log) = (Rc::new(Session { put_latency }), Rc::new(Log { log_write }));
    let tasks = df
        .iterrows()
        .map(|(i, row)| create_task(update(session.clone(), log.clone(), i, row.clone())))
        .collect::<PyResult<Vec<_>>>()?;
    let total = tasks.len();
    let completed = as_completed(tasks, None)?;
    let mut k = 1;
    while let Some(next_done) = completed.next().await {
        print(format!("{k}/{total} {}", next_done?));
        k += 1;
    }
    Ok(())
}

async fn with_gather(put_latency: [f64; 6], log_write: f64) -> PyResult<()> {
    let df = frame(put_latency.len());
    print(df.tail(5));
    print("Press Enter to continue...");
    let (session, log) = (Rc::new(Session { put_latency }), Rc::new(Log { log_write }));
    let results =
        gather(df.iterrows().map(|(i, row)| update(session.clone(), log.clone(), i, row.clone())).collect())?.await?;
    for (k, reply) in results.iter().enumerate() {
        print(format!("{}/{} {reply}", k + 1, results.len()));
    }
    Ok(())
}

const PARAMS: &[ParamSpec] =
    &[PUT_LATENCY_1, PUT_LATENCY_2, PUT_LATENCY_3, PUT_LATENCY_4, PUT_LATENCY_5, PUT_LATENCY_6, LOG_WRITE];

fn latencies(p: &Params) -> [f64; 6] {
    [PUT_LATENCY_1, PUT_LATENCY_2, PUT_LATENCY_3, PUT_LATENCY_4, PUT_LATENCY_5, PUT_LATENCY_6].map(|spec| p.get(&spec))
}

pub static SCENARIO: Scenario = Scenario {
    id: "as-completed-progress",
    topic: Topic::TasksAndGather,
    title: t!("as_completed：先完成的先处理", "as_completed: first finished, first handled"),
    notice: t!(
        "六个请求同时发出。用 as_completed，哪个先完成就先处理哪个（第 2 行在 1.1 秒最先回来，第 3 行在 4.1 秒最后），进度条每完成一个就能前进一格；用 gather，六个结果要等到 4.1 秒才一起拿到，按发出的顺序排列。两者总用时都是 4.1 秒；和教程一样，“Press Enter to continue...” 并不会真的等你按键。每个请求都是真的：浏览器先用 fetch 取回游乐场自己提供的这一行的回复文件，再等这一行的延迟，所以实际时间比预测多出几毫秒的网络时间。",
        "Six requests go out at once. With as_completed each result is handled as soon as it arrives, in the order they finish (row 2 first at 1.1 s, row 3 last at 4.1 s), so a progress bar can move at each; with gather all six arrive together at 4.1 s, in the order they were sent. Both take 4.1 s in all; as in the tutorial, 'Press Enter to continue...' waits for no key. Each request is real: the browser fetches the row's reply, a file the playground serves itself, then waits the row's latency, so the measured times run a few milliseconds of network time past the prediction."
    ),
    lesson: t!("asyncio 教程 · Python Async IO 的语法规则", "asyncio tutorial · The rules of async IO syntax"),
    params: PARAMS,
    variants: &[
        Variant {
            name: "as-completed",
            label: t!("as_completed", "as_completed"),
            python: python!("as-completed-progress/as-completed.py"),
            literals: &[],
            ours: true,
            program: |p| run(with_as_completed(latencies(p), p.get(&LOG_WRITE))),
        },
        Variant {
            name: "gather",
            label: t!("gather", "gather"),
            python: python!("as-completed-progress/gather.py"),
            literals: &[],
            ours: true,
            program: |p| run(with_gather(latencies(p), p.get(&LOG_WRITE))),
        },
    ],
    default_speed: 1.0,
    rust_source: rust_file!("as_completed_progress.rs"),
    stand_ins: &[],
};

#[cfg(test)]
mod tests {
    use super::*;

    /// The page prints the replies it fetches, the prediction the ones it models: the same text.
    #[test]
    fn each_served_reply_is_the_modelled_one() {
        let served = [
            include_str!("../../static/sites/rows/1.json"),
            include_str!("../../static/sites/rows/2.json"),
            include_str!("../../static/sites/rows/3.json"),
            include_str!("../../static/sites/rows/4.json"),
            include_str!("../../static/sites/rows/5.json"),
            include_str!("../../static/sites/rows/6.json"),
        ];
        let rows = frame(served.len()).rows;
        for (row, served) in rows.iter().zip(served) {
            assert_eq!(served, row.reply(), "static/sites/rows/{}.json", row.id);
        }
    }
}
