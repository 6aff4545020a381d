import asyncio

X1 = 1  # only the variants with two coroutines use it
X2 = 3


async def do_some_work(x):
    print(f"Waiting {x:g}")
    await asyncio.sleep(x)
    print("Done")


loop = asyncio.get_event_loop()
loop.run_until_complete(do_some_work(X2))
loop.close()
