import asyncio

X1 = 1
X2 = 3


async def do_some_work(x):
    print(f"Waiting {x:g}")
    await asyncio.sleep(x)
    print("Done")


loop = asyncio.get_event_loop()
loop.run_until_complete(do_some_work(X1))
loop.run_until_complete(do_some_work(X2))
loop.close()
