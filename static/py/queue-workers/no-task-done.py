import asyncio
import time

EVENTS = 10
PRODUCERS = 4
CONSUMERS = 6
PRODUCE_FACTOR = 0.1
CONSUME_FACTOR = 0.2


async def g(n):
    for i in range(n):
        print(f"Producer: create event A{i} -> {i}")
        await asyncio.sleep(i * PRODUCE_FACTOR)
        yield i


async def producer(queue):
    async for item in g(EVENTS):
        await queue.put(item)


async def consumer(queue):
    while True:
        x = await queue.get()
        d = 2 * x
        print(f"Consumer: process event B{x} -> {x} * 2 = {d}")
        await asyncio.sleep(d * CONSUME_FACTOR)
        # no queue.task_done(): join() below never returns


async def main():
    queue = asyncio.Queue()
    producers = [asyncio.create_task(producer(queue)) for _ in range(PRODUCERS)]
    consumers = [asyncio.create_task(consumer(queue)) for _ in range(CONSUMERS)]
    await asyncio.gather(*producers)
    print("Before join: done producing.")
    await queue.join()
    print("After join: If you don't use `task_done()` you wouldn't see this.")
    for c in consumers:
        c.cancel()


start = time.perf_counter()
asyncio.run(main())
print(f"elapsed time: {time.perf_counter() - start}s")
