import asyncio

X1 = 1
X2 = 3


async def do_some_work(x):
    print(f"Waiting {x:g}")
    await asyncio.sleep(x)
    print("Done")


async def main():
    tasks = [asyncio.create_task(do_some_work(X1)), asyncio.create_task(do_some_work(X2))]
    await asyncio.wait(tasks)


asyncio.run(main())
