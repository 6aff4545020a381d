import asyncio

DATA = [1, 2, 3, 4, 5]
FETCH = 0.5


class AsyncDataStream:
    def __init__(self, data):
        self.data = data
        self.index = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        await asyncio.sleep(FETCH)
        if self.index >= len(self.data):
            raise StopAsyncIteration
        item = self.data[self.index]
        self.index += 1
        return item


async def main():
    async for item in AsyncDataStream(DATA):
        print(item)


asyncio.run(main())
