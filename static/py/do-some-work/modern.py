import asyncio

async def do_some_work(x):
    print("Waiting " + str(x))
    await asyncio.sleep(x)

# Ours: the article's program with asyncio.run (Python 3.7+), which makes the loop, runs the
# coroutine to its end and closes the loop, in place of get_event_loop + run_until_complete.
asyncio.run(do_some_work(3))
