import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    print(f"started at {time.strftime('%X')}")
    tic = time.time()

    # Ours, from the article's own comment: "Nothing happens if we just call
    # task1 = say_after(1, 'hello') ... two coroutine objects are created but not awaited,
    # so it *won't run at all*."
    task1 = say_after(1, 'hello')
    task2 = say_after(2, 'world')

    print(
        f"finished at {time.strftime('%X')}, elapsed time: {time.time() - tic}s"
    )


asyncio.run(main())
