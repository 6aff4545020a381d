import asyncio

# The article's block with the import and the loop of its earlier blocks (ours).
loop = asyncio.get_event_loop()

async def timer(x, cb):
    futu = asyncio.ensure_future(asyncio.sleep(x))
    futu.add_done_callback(cb)
    await futu

t = timer(3, lambda futu: print('Done'))
loop.run_until_complete(t)
