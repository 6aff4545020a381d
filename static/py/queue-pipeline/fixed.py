import asyncio
import time

TOTAL = 5
PRODUCE_FACTOR = 1


async def g(n):
    for i in range(n):
        print(f"Producer: create event A{i} -> {i}")
        await asyncio.sleep(i * PRODUCE_FACTOR)
        yield i


async def producer(queue):
    async for item in g(TOTAL):
        await queue.put(item)
    await queue.put(None)


async def consumer(queue):
    while (x := await queue.get()) is not None:
        print(f"Consumer: process event B{x} -> {x} * 2 = {x * 2}")
        await asyncio.sleep(2 * x)


async def main():
    queue = asyncio.Queue()
    await asyncio.gather(producer(queue), consumer(queue))


start = time.perf_counter()
asyncio.run(main())
print(f"elapsed time: {time.perf_counter() - start}s")
