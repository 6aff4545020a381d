import asyncio
import time

HELLO_DELAY = 1
WORLD_DELAY = 2


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    task1 = asyncio.create_task(say_after(HELLO_DELAY, 'hello'))
    task2 = asyncio.create_task(say_after(WORLD_DELAY, 'world'))
    start = time.time()
    print(f"started at {time.strftime('%X')}")
    await task1
    await task2
    print(f"finished at {time.strftime('%X')}, elapsed time: {time.time() - start:.1f}s")


asyncio.run(main())
