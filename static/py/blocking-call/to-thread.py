import asyncio
import time

BLOCKING = 2
TASK_1 = 1
TASK_2 = 4


def blocking_task(seconds):
    time.sleep(seconds)
    return f"阻塞 {seconds:g} 秒"


async def async_task_1():
    await asyncio.sleep(TASK_1)
    print("异步任务 1 结束")


async def async_task_2():
    await asyncio.sleep(TASK_2)
    print("异步任务 2 结束")


async def main():
    result, _, _ = await asyncio.gather(
        asyncio.to_thread(blocking_task, BLOCKING), async_task_1(), async_task_2()
    )
    print(result)


asyncio.run(main())
