import asyncio
import time

N = 1000
DELAY = 1


async def work(i):
    await asyncio.sleep(DELAY)
    return i


async def main():
    start = time.perf_counter()
    results = await asyncio.gather(*(work(i) for i in range(N)))
    print(f"{len(results)} tasks of {DELAY:g} s finished in {time.perf_counter() - start:.2f} s")


asyncio.run(main())
