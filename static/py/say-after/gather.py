import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    print(f"started at {time.strftime('%X')}")
    tic = time.time()

    # Ours, from the article's own comment ("another option ... use
    # await asyncio.gather(*(task1, task2))"): gather wraps each coroutine in a task.
    task1 = say_after(1, 'hello')
    task2 = say_after(2, 'world')
    await asyncio.gather(*(task1, task2))

    print(
        f"finished at {time.strftime('%X')}, elapsed time: {time.time() - tic}s"
    )


asyncio.run(main())
