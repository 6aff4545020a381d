import asyncio

def blocking_task(seconds):
    import time
    time.sleep(seconds)
    return f"阻塞 {seconds} 秒"

async def async_task_1():
    await asyncio.sleep(1)
    print("异步任务 1 结束")

async def async_task_2():
    await asyncio.sleep(4)
    print("异步任务 2 结束")

async def main():
    # 使用 asyncio.gather 同时运行所有任务
    results = await asyncio.gather(
        asyncio.to_thread(blocking_task, 2),
        async_task_1(),
        async_task_2()
    )
    
    # 打印从 blocking_task 得到的结果
    print(results[0])

asyncio.run(main())
