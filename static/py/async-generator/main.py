import asyncio

ITEMS = 5
DELAY = 1


async def numbers():
    for i in range(ITEMS):
        await asyncio.sleep(DELAY)
        yield i


async def main():
    async for number in numbers():
        print(number)


asyncio.run(main())
