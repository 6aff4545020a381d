import asyncio

X1 = 1
X2 = 3


async def do_some_work(loop, x):
    print(f"Waiting {x:g}")
    await asyncio.sleep(x)
    print("Done")
    loop.stop()


loop = asyncio.get_event_loop()
loop.create_task(do_some_work(loop, X1))
loop.create_task(do_some_work(loop, X2))
loop.run_forever()
loop.close()
