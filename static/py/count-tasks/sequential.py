import asyncio

A = 1
B = 2


async def count(delay):
    print("One")
    await asyncio.sleep(delay)
    print("Two")


async def main():
    print("Starting...")
    await count(A)
    await count(B)
    print("1 & 2 End.")


asyncio.run(main())
