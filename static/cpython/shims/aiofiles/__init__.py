"""aiofiles in the page, for programs of the learner's own (a lesson's program finds its lesson's
stand-in first): `aiofiles.open`, as `async with aiofiles.open(name, mode) as f:` or
`f = await aiofiles.open(...)`, with `await f.read()`, `write`, `readline`, `readlines`, `seek`,
`tell`, `flush`, `close` and `async for line in f`.

A relative name is a file in the page's private file system (OPFS), the one the Rust engine's
aiofiles lesson writes `sample.txt` to: it is there in the next run and the next visit (worker.js
reads it in before a run and writes it back after). An absolute name is a file in CPython's own
memory, gone when the page is. In a browser with no private file system, opening a relative name
raises the OSError that says so, as the Rust engine's lesson does. Each call gives other tasks a
turn first, as aiofiles' thread does, and takes no time on either clock.
"""
import asyncio
import builtins
import os

import browser


class AsyncFile:
    def __init__(self, file):
        self._file = file

    async def _call(self, name, *args):
        await asyncio.sleep(0)
        return getattr(self._file, name)(*args)

    async def read(self, size=-1):
        return await self._call("read", size)

    async def readline(self):
        return await self._call("readline")

    async def readlines(self):
        return await self._call("readlines")

    async def write(self, data):
        return await self._call("write", data)

    async def seek(self, offset, whence=0):
        return await self._call("seek", offset, whence)

    async def tell(self):
        return await self._call("tell")

    async def flush(self):
        return await self._call("flush")

    async def close(self):
        return await self._call("close")

    def __aiter__(self):
        return self

    async def __anext__(self):
        line = await self.readline()
        if not line:
            raise StopAsyncIteration
        return line


class _Opening:
    def __init__(self, args, kwargs):
        self._args, self._kwargs, self._file = args, kwargs, None

    async def _open(self):
        await asyncio.sleep(0)
        file, *rest = self._args
        self._file = AsyncFile(builtins.open(_private(file), *rest, **self._kwargs))
        return self._file

    def __await__(self):
        return self._open().__await__()

    async def __aenter__(self):
        return await self._open()

    async def __aexit__(self, *exc):
        await self._file.close()
        return False


def _private(file):
    """`file` in the private file system when it is a relative name (see the module's text)."""
    if isinstance(file, int) or os.path.isabs(file):
        return file
    folder, missing = browser.private_files()
    if folder is None:
        raise OSError(f"{missing}: {os.fspath(file)!r}")
    return os.path.join(folder, file)


def open(file, *args, **kwargs):  # noqa: A001 - aiofiles' own name
    return _Opening((file, *args), kwargs)
