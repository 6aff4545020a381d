import asyncio

X = 3


async def do_some_work(x):
    print(f"Waiting {x:g}")
    await asyncio.sleep(x)


def done_callback(task):
    print("Done")


async def main():
    task = asyncio.create_task(do_some_work(X))
    task.add_done_callback(done_callback)
    await task


asyncio.run(main())
