import asyncio
import time

TOTAL = 5
PRODUCE_FACTOR = 1
CONSUME_FACTOR = 2


async def producer(n):
    for i in range(n):
        print(f"Producer: create event A0 -> {i}")  # the tutorial's text: always A0
        await asyncio.sleep(i * PRODUCE_FACTOR)
        yield i


async def consumer(events):
    async for i in events:
        print(f"Consumer: process event {i} -> {i * 2}")
        await asyncio.sleep(i * CONSUME_FACTOR)
        yield i * 2


async def main():
    start = time.perf_counter()
    async for result in consumer(producer(TOTAL)):
        print(f"Output: {result}")
        print(f"elapsed time: {time.perf_counter() - start}s")


asyncio.run(main())
