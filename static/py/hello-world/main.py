import asyncio

DELAY = 1


async def main():
    print("Hello")
    await asyncio.sleep(DELAY)
    print("World")


asyncio.run(main())
