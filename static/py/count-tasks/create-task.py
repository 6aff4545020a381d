import asyncio

async def count(n):
# async相当于go的goroutine
    print("One")
    await asyncio.sleep(n)
    print("Two")
    return n

# The article's next step: its main() with create_task, in place of the first one.
async def main():
    print("Starting...")
    task1 = asyncio.create_task(count(1)) # 注意此时是不会转进count()函数的
    task2 = asyncio.create_task(count(2))
    a = await task1 # 此时才会交出执行权，进入异步任务task1，即count()函数
    b = await task2
    print(f"{a} & {b} End.")

asyncio.run(main())
# async.run()加载async函数，启动事件循环
