import asyncio

X = 3


async def do_some_work(x):
    print(f"Waiting {x:g}")
    await asyncio.sleep(x)


loop = asyncio.get_event_loop()
loop.run_until_complete(do_some_work(X))
