import asyncio

DELAY = 1


async def count():
    print("One")
    await asyncio.sleep(DELAY)
    print("Two")


async def main():
    await asyncio.gather(count(), count())


asyncio.run(main())
