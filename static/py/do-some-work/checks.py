import asyncio

# The article's fragments put together, in its order (the import is ours).
async def do_some_work(x):  
    print("Waiting " + str(x))  
    await asyncio.sleep(x)

print(asyncio.iscoroutinefunction(do_some_work)) # True

print(asyncio.iscoroutine(do_some_work(3))) # True
