import asyncio

A = 1
B = 2


async def count(delay):
    print("One")
    await asyncio.sleep(delay)
    print("Two")


def main():
    print("Starting...")
    task1 = asyncio.create_task(count(A))  # RuntimeError: no running event loop
    task2 = asyncio.create_task(count(B))
    print("1 & 2 End.")


main()
