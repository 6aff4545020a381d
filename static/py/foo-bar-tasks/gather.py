import asyncio

async def foo():
    print('甲函数开始')
    await asyncio.sleep(2)
    print('甲函数结束')

async def bar():
    print('乙函数开始')
    await asyncio.sleep(1)
    print('乙函数结束')

async def main():
    await asyncio.gather(
        foo(),
        bar(),
    )

asyncio.run(main())
