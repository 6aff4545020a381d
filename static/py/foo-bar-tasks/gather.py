import asyncio

FOO_DELAY = 2
BAR_DELAY = 1


async def foo():
    print("甲函数开始")
    await asyncio.sleep(FOO_DELAY)
    print("甲函数结束")


async def bar():
    print("乙函数开始")
    await asyncio.sleep(BAR_DELAY)
    print("乙函数结束")


async def main():
    await asyncio.gather(foo(), bar())


asyncio.run(main())
