import asyncio

CONNECT = 1
CLOSE = 1


class AsyncContextManager:
    async def __aenter__(self):
        await asyncio.sleep(CONNECT)
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(CLOSE)


async def main():
    async with AsyncContextManager():
        print("Hello World")


asyncio.run(main())
