//! `aiofiles`: a file written, then read back, each an `await` that lets the loop run meanwhile.
//! In the browser the file is real: it is written and read in the page's Origin Private File
//! System (`navigator.storage.getDirectory()`), the browser's asynchronous file API. On CPython,
//! `aiofiles` is the stand-in beside the program (`static/py/aiofiles-write-read/aiofiles/`),
//! which writes and reads a real file after the modelled times.

use crate::aio::{print, run, PyResult};
use crate::aio::{read_file as aiofiles_read, write_file as aiofiles_write};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Scenario, Topic, Variant};
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
    notice: t!(
        "写入和读取各是一次 await（在 read_file 和 write_file 里）：写完（文件关闭）之后才开始读，读到的正是刚写入的文字。这里的文件是真的：浏览器把它写进页面私有的文件系统（OPFS，navigator.storage.getDirectory()），再读出来，用的是真实时间，所以和预测的 0.5 + 0.5 秒不同。页面不在安全上下文（https 或 localhost）里、或浏览器没有这个文件系统时，程序以一行 OSError 结束，说明原因。在 CPython 上（CI 的比对），import aiofiles 找到的是程序旁的替身：它在字段给出的模型时间之后真的写读文件。",
        "The write and the read are one await each (in write_file and read_file): the read starts only once the write is done (the file closed), and it gets exactly the text written. The file is real: the browser writes it to the page's private file system (OPFS, navigator.storage.getDirectory()) and reads it back, in real time, so the times differ from the predicted 0.5 + 0.5 s. Where the page is not in a secure context (https or localhost), or the browser has no such file system, the program ends with an OSError line saying why. On CPython (CI's comparison), import aiofiles finds the stand-in beside the program: it really writes and reads the file, after the modelled times in the fields."
    ),
    lesson: t!("asyncio 教程 · 异步文件 I/O", "asyncio tutorial · Asynchronous file I/O"),
    params: &[WRITE_TIME, READ_TIME],
    variants: &[Variant {
        name: "write-then-read",
        label: t!("先写后读", "write, then read"),
        python: python!("aiofiles-write-read/write-then-read.py"),
        literals: &[],
        ours: false,
        program: |p| run(main(Disk { write_time: p.get(&WRITE_TIME), read_time: p.get(&READ_TIME) })),
    }],
    default_speed: 1.0,
    rust_source: rust_file!("aiofiles_write_read.rs"),
    stand_ins: &[python!("aiofiles-write-read/aiofiles/__init__.py")],
};
