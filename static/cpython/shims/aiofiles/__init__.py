"""aiofiles in the page, for programs of the learner's own (a lesson's program finds its lesson's
stand-in first): `aiofiles.open`, as `async with aiofiles.open(name, mode) as f:` or
`f = await aiofiles.open(...)`, with `await f.read()`, `write`, `readline`, `readlines`, `seek`,
`tell`, `flush`, `close` and `async for line in f`.

The files are CPython's own: in the run's folder, in the memory of CPython's Web Worker, and gone
when the run ends (the browser's private file system is not mounted). Each call gives other tasks
a turn first, as aiofiles' thread does, and takes no time on either clock.
"""
import asyncio
import builtins


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
        self._file = AsyncFile(builtins.open(*self._args, **self._kwargs))
        return self._file

    def __await__(self):
        return self._open().__await__()

    async def __aenter__(self):
        return await self._open()

    async def __aexit__(self, *exc):
        await self._file.close()
        return False


def open(*args, **kwargs):  # noqa: A001 - aiofiles' own name
    return _Opening(args, kwargs)
