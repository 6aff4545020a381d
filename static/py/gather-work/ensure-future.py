import asyncio

X1 = 1
X2 = 3


async def do_some_work(x):
    print(f"Waiting {x:g}")
    await asyncio.sleep(x)


loop = asyncio.get_event_loop()
tasks = [asyncio.ensure_future(do_some_work(X1)), asyncio.ensure_future(do_some_work(X2))]
loop.run_until_complete(asyncio.gather(*tasks))
