import asyncio

async def count(n):
# async相当于go的goroutine
    print("One")
    await asyncio.sleep(n)
    print("Two")
    return n

# The article's next step: its main() with asyncio.wait, in place of the first one.
async def main():
    task_list = [
        asyncio.create_task(count(1)),
        asyncio.create_task(count(2)),
    ]
    # 如果不设timeout，await会等待所有协程执行完毕，并将所有协程的返回值存到done(type:set)
    # timeout表示此处最多等待的秒，完成的协程返回值写入到done中，未完成则写到pending中
    # Ours, from the comment above: a timeout of 1.5 s leaves count(2) in pending.
    done, pending = await asyncio.wait(task_list, timeout=1.5)
    print(done, pending)

asyncio.run(main())
# async.run()加载async函数，启动事件循环
