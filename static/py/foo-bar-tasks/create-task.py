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
    task1 = asyncio.create_task(foo())
    task2 = asyncio.create_task(bar())
    
    await task1
    await task2

asyncio.run(main())

# 输出：
# 甲函数开始
# 乙函数开始
# 乙函数结束
# 甲函数结束
