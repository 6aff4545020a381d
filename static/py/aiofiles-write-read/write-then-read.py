import asyncio
import os
import tempfile
import types

WRITE_TIME = 0.5
READ_TIME = 0.5


async def main():
    async with aiofiles.open('example.txt', mode='w') as f:
        await f.write('欢迎来到异步世界！')

    async with aiofiles.open('example.txt', mode='r') as f:
        contents = await f.read()
        print(contents)


# A stand-in for aiofiles, so that this file runs on CPython without the package (CI runs it):
# write() and read() take their modelled time, then do the real file operation, in a folder
# removed when the program ends. The page's Rust writes and reads a real file in the browser's
# private file system instead. The program above looks it up only once it runs.
class AsyncFile:
    def __init__(self, path, mode):
        self.path, self.mode = path, mode

    async def __aenter__(self):
        self.file = open(self.path, self.mode, encoding="utf-8")
        return self

    async def __aexit__(self, *exc_info):
        self.file.close()

    async def write(self, text):
        await asyncio.sleep(WRITE_TIME)
        return self.file.write(text)

    async def read(self):
        await asyncio.sleep(READ_TIME)
        return self.file.read()


FOLDER = tempfile.TemporaryDirectory()
aiofiles = types.SimpleNamespace(open=lambda name, mode="r": AsyncFile(os.path.join(FOLDER.name, name), mode))


asyncio.run(main())
