import asyncio
import time

ITEMS = 3
GEN_SLEEP = 1
BODY_SLEEP = 2


async def g():
    for i in range(ITEMS):
        await asyncio.sleep(GEN_SLEEP)
        yield i


async def main():
    start = time.perf_counter()
    async for i in g():
        print(i)
        await asyncio.sleep(BODY_SLEEP)
    print(f"elapsed time: {time.perf_counter() - start}s")


asyncio.run(main())
