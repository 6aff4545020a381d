import asyncio

X = 3


async def do_some_work(x):
    print(f"Waiting {x:g}")
    await asyncio.sleep(x)


print(asyncio.iscoroutinefunction(do_some_work))
print(asyncio.iscoroutine(do_some_work(X)))  # RuntimeWarning: coroutine ... was never awaited
