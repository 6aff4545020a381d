"""A stand-in for aiofiles, beside the lesson's program so that `import aiofiles` finds it first.

It has the lesson's part of aiofiles' API: `async with aiofiles.open(name, mode) as f`, then
`await f.write(text)` or `await f.read()`. The file is real, in the current folder; each write and
read takes a modelled time first (aiofiles runs them in a thread, so the loop goes on meanwhile).
The page's Rust writes and reads a real file in the browser's private file system instead. To use
the real package at home, `pip install aiofiles` and delete this folder.
"""
import asyncio
import builtins

# Seconds a write and a read take: a model of the disk.
WRITE_TIME = 0.5
READ_TIME = 0.5


class AsyncTextIOWrapper:
    def __init__(self, file):
        self.file = file

    async def write(self, text):
        await asyncio.sleep(WRITE_TIME)
        return self.file.write(text)

    async def read(self):
        await asyncio.sleep(READ_TIME)
        return self.file.read()


class _ContextManager:
    def __init__(self, name, mode):
        self.name, self.mode = name, mode

    async def __aenter__(self):
        self.wrapper = AsyncTextIOWrapper(builtins.open(self.name, self.mode, encoding="utf-8"))
        return self.wrapper

    async def __aexit__(self, *exc_info):
        self.wrapper.file.close()


def open(file, mode="r"):
    return _ContextManager(file, mode)
