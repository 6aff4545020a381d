import asyncio
import functools

X1 = 1
X2 = 3


async def do_some_work(x):
    print(f"Waiting {x:g}")
    await asyncio.sleep(x)
    print("Done")


def done_callback(loop, future):
    loop.stop()


loop = asyncio.get_event_loop()
futures = asyncio.gather(do_some_work(X1), do_some_work(X2))
futures.add_done_callback(functools.partial(done_callback, loop))
loop.run_forever()
loop.close()
