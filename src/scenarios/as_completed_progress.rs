//! `as_completed_progress`: the article's pandas + aiohttp + aiofiles + tqdm program. Six rows are
//! updated at once, each update a request and a log write; `tqdm.as_completed` moves a progress
//! bar as each finishes, in the order they finish.
//!
//! As written, the program needs its data file as `argv[1]` and its `read()` and `getToken()`
//! are empty: run with no argument it raises `IndexError` before any request. The completed
//! variant fills those gaps (marked in its Python). On CPython the four packages are the
//! stand-ins beside the programs (`static/py/as-completed-progress/`): a frame read from
//! `data.json`, a server whose update of row i answers after its latency, a log whose write takes
//! a moment, and a bar drawn on stderr. In the browser each update is a real `fetch` of the row's
//! reply, a file the playground serves (`static/sites/rows/`: a static host takes no PUT),
//! followed by the row's latency; on the virtual clock the fetch takes no time.

use std::rc::Rc;

use crate::aio::{as_completed, eprint, fetch_text, print, run, sleep, Modelled, PyErr, PyResult};
use crate::lesson::i18n::Text;
use crate::lesson::params::{ParamSpec, Params, Unit};
use crate::lesson::{Programs, Scenario, Topic, Variant};
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

/// A row of `data.json`.
#[derive(Clone)]
struct Row {
    id: usize,
    msg: String,
}

impl Row {
    /// The server's reply to the row's update: `json.dumps({**json, "status": "updated"})`.
    fn reply(&self) -> String {
        format!(r#"{{"id": {}, "msg": "{}", "status": "updated"}}"#, self.id, self.msg)
    }
}

/// A pandas `DataFrame` of the rows, with its index.
struct DataFrame {
    rows: Vec<(usize, Row)>,
}

impl DataFrame {
    /// `pd.read_json('data.json')`: the rows the playground's data file holds.
    fn read_json(rows: usize) -> DataFrame {
        DataFrame { rows: (0..rows).map(|i| (i, Row { id: i + 1, msg: format!("msg {}", i + 1) })).collect() }
    }

    fn tail(&self, n: usize) -> DataFrame {
        DataFrame { rows: self.rows[self.rows.len().saturating_sub(n)..].to_vec() }
    }

    fn iterrows(&self) -> impl Iterator<Item = &(usize, Row)> {
        self.rows.iter()
    }

    /// `print(df)`: a column as wide as its widest value or name, values right-aligned, the index
    /// on the left.
    fn to_text(&self) -> String {
        let index_width = self.rows.iter().map(|(i, _)| i.to_string().len()).max().unwrap_or(0);
        let id_width = self.rows.iter().map(|(_, row)| row.id.to_string().len()).chain([2]).max().unwrap_or(2);
        let msg_width = self.rows.iter().map(|(_, row)| row.msg.chars().count()).chain([3]).max().unwrap_or(3);
        let mut lines = vec![format!("{:index_width$}  {:>id_width$}  {:>msg_width$}", "", "id", "msg")];
        for (index, row) in &self.rows {
            lines.push(format!("{index:<index_width$}  {:>id_width$}  {:>msg_width$}", row.id, row.msg));
        }
        lines.join("\n")
    }
}

/// The server and the disk, as the stand-ins model them.
struct Model {
    put_latency: [f64; 6],
    log_write: f64,
}

/// `async with session.put('url', json={"id": id, "msg": msg}) as response: await response.text()`:
/// in the browser a real fetch of the row's reply, then the row's latency.
async fn put(model: &Model, row: &Row) -> PyResult<String> {
    let served = format!("sites/rows/{}.json", row.id);
    let text = fetch_text(&served, Modelled { seconds: 0.0, answer: Ok(row.reply()) }).await?;
    sleep(model.put_latency[row.id - 1]).await?;
    Ok(text)
}

async fn update(model: Rc<Model>, row: Row) -> PyResult<()> {
    let _text = put(&model, &row).await?;
    // `async with aiofiles.open(log_file, 'a') as f: await f.write(f'{text}\n')`: the page
    // keeps no log file; the write takes its time.
    sleep(model.log_write).await
}

/// tqdm's bar as the stand-in draws it on stderr: `' 17%|█▋        | 1/6'`.
fn bar(n: usize, total: usize) -> String {
    const BLOCKS: [char; 9] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    const WIDTH: usize = 10;
    let fraction = if total == 0 { 1.0 } else { n as f64 / total as f64 };
    let eighths = (fraction * (WIDTH * 8) as f64) as usize;
    let (full, part) = (eighths / 8, eighths % 8);
    let mut drawn: String = std::iter::repeat_n('█', full).collect();
    if full < WIDTH {
        drawn.push(BLOCKS[part]);
        drawn.extend(std::iter::repeat_n(' ', WIDTH - full - 1));
    }
    format!("{:3.0}%|{drawn}| {n}/{total}", fraction * 100.0)
}

/// The article's program as written: `python3 as-written.py` with no argument.
mod as_written {
    use super::*;

    pub(super) async fn main() -> PyResult<()> {
        // `data = read(argv[1])`
        Err(PyErr::new("IndexError", "list index out of range"))
    }
}

async fn main(model: Model) -> PyResult<()> {
    let data = DataFrame::read_json(model.put_latency.len());
    print(data.tail(5).to_text());
    print("Press Enter to continue...");
    // `token = getToken()`, and `async with aiohttp.ClientSession() as session`: the browser
    // keeps its own connections.
    let model = Rc::new(model);
    let tasks: Vec<_> = data.iterrows().map(|(_, row)| update(model.clone(), row.clone())).collect();
    // `[await t for t in tqdm.as_completed(tasks, leave=False)]`: the bar is drawn at 0, then each
    // time the next result is asked for.
    let total = tasks.len();
    let completed = as_completed(tasks, None)?;
    eprint(bar(0, total));
    for n in 1..=total {
        completed.next().await.expect("one result per task")?;
        eprint(bar(n, total));
    }
    Ok(())
}

const PARAMS: &[ParamSpec] =
    &[PUT_LATENCY_1, PUT_LATENCY_2, PUT_LATENCY_3, PUT_LATENCY_4, PUT_LATENCY_5, PUT_LATENCY_6, LOG_WRITE];

fn model(p: &Params) -> Model {
    Model {
        put_latency: [PUT_LATENCY_1, PUT_LATENCY_2, PUT_LATENCY_3, PUT_LATENCY_4, PUT_LATENCY_5, PUT_LATENCY_6]
            .map(|spec| p.get(&spec)),
        log_write: p.get(&LOG_WRITE),
    }
}

pub static SCENARIO: Scenario = Scenario {
    id: "as-completed-progress",
    topic: Topic::TasksAndGather,
    title: t!("as_completed：先完成的先处理", "as_completed: first finished, first handled"),
    notice: notice!("as-completed-progress"),
    lesson: t!("asyncio 教程 · Python Async IO 的语法规则", "asyncio tutorial · The rules of async IO syntax"),
    params: PARAMS,
    variants: &[
        Variant {
            name: "as-written",
            label: t!("原样", "as written"),
            python: python!("as-completed-progress/as-written.py"),
            literals: &[],
            ours: false,
        },
        Variant {
            name: "completed",
            label: t!("补全", "completed"),
            python: python!("as-completed-progress/completed.py"),
            literals: &[],
            ours: true,
        },
    ],
    default_speed: 1.0,
    rust_source: rust_file!("as_completed_progress.rs"),
    stand_ins: &[
        python!("as-completed-progress/data.json"),
        python!("as-completed-progress/pandas/__init__.py"),
        python!("as-completed-progress/aiohttp/__init__.py"),
        python!("as-completed-progress/aiofiles/__init__.py"),
        python!("as-completed-progress/tqdm/__init__.py"),
        python!("as-completed-progress/tqdm/asyncio.py"),
    ],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[|_| run(as_written::main()), |p| run(main(model(p)))];

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
        for ((_, row), served) in DataFrame::read_json(served.len()).iterrows().zip(served) {
            assert_eq!(served, row.reply(), "static/sites/rows/{}.json", row.id);
        }
    }

    /// The rows the Rust reads are the ones in the data file CPython reads.
    #[test]
    fn the_frame_is_the_data_file() {
        let data: serde_json::Value =
            serde_json::from_str(include_str!("../../static/py/as-completed-progress/data.json")).unwrap();
        let rows: Vec<(u64, String)> = data
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["id"].as_u64().unwrap(), r["msg"].as_str().unwrap().to_owned()))
            .collect();
        let frame: Vec<(u64, String)> =
            DataFrame::read_json(rows.len()).iterrows().map(|(_, r)| (r.id as u64, r.msg.clone())).collect();
        assert_eq!(frame, rows);
    }

    /// The bar as tqdm draws its left part.
    #[test]
    fn the_bar_is_drawn_as_tqdm_draws_it() {
        assert_eq!(bar(0, 6), "  0%|          | 0/6");
        assert_eq!(bar(1, 6), " 17%|█▋        | 1/6");
        assert_eq!(bar(1, 3), " 33%|███▎      | 1/3");
        assert_eq!(bar(6, 6), "100%|██████████| 6/6");
    }
}
