import asyncio

async def count(n):
# async相当于go的goroutine
    print("One")
    await asyncio.sleep(n)
    print("Two")
    return n

async def main():
    print("Starting...")
    a = await count(1)
    b = await count(2)
    print(f"{a} & {b} End.")

asyncio.run(main())
# async.run()加载async函数，启动事件循环
