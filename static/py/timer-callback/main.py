import asyncio

X = 3


async def main():
    timer = asyncio.ensure_future(asyncio.sleep(X))
    timer.add_done_callback(lambda _: print("Done"))
    await timer


asyncio.run(main())
