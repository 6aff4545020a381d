import asyncio
import time

HELLO_DELAY = 1
WORLD_DELAY = 2


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    start = time.time()
    print(f"started at {time.strftime('%X')}")
    await asyncio.gather(say_after(HELLO_DELAY, 'hello'), say_after(WORLD_DELAY, 'world'))
    print(f"finished at {time.strftime('%X')}, elapsed time: {time.time() - start:.1f}s")


asyncio.run(main())
