import asyncio


async def count(delay):
    print("One")
    await asyncio.sleep(delay)
    print("Two")
    return delay


async def main():
    tasks = [asyncio.create_task(count(1)), asyncio.create_task(count(2))]
    done, pending = await asyncio.wait(tasks, timeout=1.5)
    print(f"{len(done)} done, {len(pending)} pending")
    for task in pending:
        task.cancel()
    await asyncio.wait(pending)  # until the cancellations have landed
    print(done, pending)


asyncio.run(main())
