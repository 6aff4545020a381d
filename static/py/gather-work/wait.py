import asyncio

# Ours: the article's "gather vs. wait" block with tasks in place of the coroutines, which
# asyncio.wait refuses since Python 3.11.
async def do_some_work(loop, x):
    print('Waiting ' + str(x))
    await asyncio.sleep(x)
    print('Done')

loop = asyncio.get_event_loop()
futus = [asyncio.ensure_future(do_some_work(loop, 1)),
         asyncio.ensure_future(do_some_work(loop, 3))]
loop.run_until_complete(asyncio.wait(futus))
