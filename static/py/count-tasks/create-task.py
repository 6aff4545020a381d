import asyncio

A = 1
B = 2


async def count(delay):
    print("One")
    await asyncio.sleep(delay)
    print("Two")


async def main():
    print("Starting...")
    task1 = asyncio.create_task(count(A))
    task2 = asyncio.create_task(count(B))
    await task1
    await task2
    print("1 & 2 End.")


asyncio.run(main())
