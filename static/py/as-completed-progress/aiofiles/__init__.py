"""A stand-in for aiofiles, beside the lesson's program so that `import aiofiles` finds it first.

It has the lesson's part of aiofiles' API: `async with aiofiles.open(name, mode) as f`, then
`await f.write(text)`. The file is real, in the current folder; each write takes a modelled time
first (aiofiles runs it in a thread, so the loop goes on meanwhile). With real aiofiles at home,
`pip install aiofiles` and delete this folder.
"""
import asyncio
import builtins

# Seconds a write takes: a model of the disk.
LOG_WRITE = 0.1


class AsyncTextIOWrapper:
    def __init__(self, file):
        self.file = file

    async def write(self, text):
        await asyncio.sleep(LOG_WRITE)
        return self.file.write(text)


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
