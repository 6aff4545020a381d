import asyncio
import itertools
import random
import time

SEED = 444
NPROD = 5
NCON = 10
MAX_SLEEP = 10
MAX_ITEMS = 10

# The tutorial names items with os.urandom (new names on every run). A second generator, seeded
# alike, gives names that repeat from run to run and leaves random's own numbers to the sleeps.
names = random.Random(SEED)


async def makeitem(size=5):
    return names.randbytes(size).hex()


async def randsleep(caller):
    i = random.randint(0, MAX_SLEEP)
    print(f"{caller} sleeping for {i} seconds.")
    await asyncio.sleep(i)


async def produce(name, q):
    n = random.randint(0, MAX_ITEMS)
    for _ in itertools.repeat(None, n):
        await randsleep(caller=f"Producer {name}")
        i = await makeitem()
        t = time.perf_counter()
        await q.put((i, t))
        print(f"Producer {name} added <{i}> to queue.")


async def consume(name, q):
    while True:
        await randsleep(caller=f"Consumer {name}")
        i, t = await q.get()
        now = time.perf_counter()
        print(f"Consumer {name} got element <{i}> in {now - t:0.5f} seconds.")
        q.task_done()


async def main(nprod, ncon):
    q = asyncio.Queue()
    producers = [asyncio.create_task(produce(n, q)) for n in range(nprod)]
    consumers = [asyncio.create_task(consume(n, q)) for n in range(ncon)]
    await asyncio.gather(*producers)
    await q.join()  # waits for the consumers too: every item got task_done()
    for c in consumers:
        c.cancel()


random.seed(SEED)
start = time.perf_counter()
asyncio.run(main(NPROD, NCON))
elapsed = time.perf_counter() - start
print(f"Program completed in {elapsed:0.5f} seconds.")
