import asyncio

X = 3


async def do_some_work(x):
    print(f"Waiting {x:g}")
    await asyncio.sleep(x)


asyncio.run(do_some_work(X))
