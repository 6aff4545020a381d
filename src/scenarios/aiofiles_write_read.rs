//! `aiofiles`: a file written, then read back, each an `await` that lets the loop run meanwhile.
//! In the browser the file is real: it is written and read in the page's Origin Private File
//! System (`navigator.storage.getDirectory()`), the browser's asynchronous file API. On CPython,
//! `aiofiles` is the stand-in beside the program (`static/py/aiofiles-write-read/aiofiles/`),
//! which writes and reads a real file after the modelled times.

use crate::aio::{print, run, PyResult};
use crate::aio::{read_file as aiofiles_read, write_file as aiofiles_write};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Programs, Scenario, Topic, Variant};
use crate::t;

const WRITE_TIME: ParamSpec = ParamSpec {
    name: "write_time",
    label: t!("写入文件的秒数", "Writing the file takes"),
    unit: Unit::Seconds,
    default: 0.5,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

const READ_TIME: ParamSpec = ParamSpec {
    name: "read_time",
    label: t!("读取文件的秒数", "Reading the file takes"),
    unit: Unit::Seconds,
    default: 0.5,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

/// The times the page's stand-in takes to write and to read, as the Python stand-in models them.
#[derive(Clone, Copy)]
struct Disk {
    write_time: f64,
    read_time: f64,
}

/// `async with aiofiles.open(filename, 'r') as f: content = await f.read()`.
async fn read_file(disk: Disk, filename: &str) -> PyResult<String> {
    let content = aiofiles_read(filename, disk.read_time).await?;
    Ok(content)
}

/// `async with aiofiles.open(filename, 'w') as f: await f.write(content)`: the file holds the
/// text once the write is done and the file closed.
async fn write_file(disk: Disk, filename: &str, content: &str) -> PyResult<()> {
    aiofiles_write(filename, content, disk.write_time).await
}

async fn main(disk: Disk) -> PyResult<()> {
    write_file(disk, "sample.txt", "欢迎来到异步世界！").await?;
    let content = read_file(disk, "sample.txt").await?;
    print(content);
    Ok(())
}

pub static SCENARIO: Scenario = Scenario {
    id: "aiofiles-write-read",
    topic: Topic::RealIo,
    title: t!("aiofiles：先写文件，再读回来", "aiofiles: write a file, then read it back"),
    notice: notice!("aiofiles-write-read"),
    lesson: t!("asyncio 教程 · 异步文件 I/O", "asyncio tutorial · Asynchronous file I/O"),
    params: &[WRITE_TIME, READ_TIME],
    variants: &[Variant {
        name: "write-then-read",
        label: t!("先写后读", "write, then read"),
        python: python!("aiofiles-write-read/write-then-read.py"),
        literals: &[],
        ours: false,
    }],
    default_speed: 1.0,
    rust_source: rust_file!("aiofiles_write_read.rs"),
    stand_ins: &[python!("aiofiles-write-read/aiofiles/__init__.py")],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[|p| run(main(Disk { write_time: p.get(&WRITE_TIME), read_time: p.get(&READ_TIME) }))];
