import asyncio

X1 = 1
X2 = 3


async def do_some_work(x):
    print(f"Waiting {x:g}")
    await asyncio.sleep(x)
    print("Done")


async def main():
    await asyncio.wait([do_some_work(X1), do_some_work(X2)])  # TypeError in 3.11


asyncio.run(main())
