"""A model of the tutorial's pandas + aiohttp + aiofiles + tqdm program.

Each completion prints "k/N <reply>" where tqdm would advance its bar.
"""
import asyncio
import json

PUT_LATENCY_1 = 3
PUT_LATENCY_2 = 1
PUT_LATENCY_3 = 4
PUT_LATENCY_4 = 1.5
PUT_LATENCY_5 = 2
PUT_LATENCY_6 = 2.5
LOG_WRITE = 0.1

PUT_LATENCY = [PUT_LATENCY_1, PUT_LATENCY_2, PUT_LATENCY_3, PUT_LATENCY_4, PUT_LATENCY_5, PUT_LATENCY_6]


class Frame:
    """Just enough of a pandas DataFrame: columns id and msg, printed like pandas does."""

    def __init__(self, rows):
        self.rows = rows

    def iterrows(self):
        return enumerate(self.rows)

    def tail(self, n=5):
        lines = ["   id    msg"]
        for index, row in list(self.iterrows())[-n:]:
            lines.append(f"{index}  {row['id']:>2}  {row['msg']:>5}")
        return "\n".join(lines)


class Session:
    """Stands in for aiohttp.ClientSession, so that CI runs this on CPython with no network:
    put() answers after the row's latency. The page's Rust first really fetches the row's reply,
    a file the playground serves, then waits the latency."""

    async def put(self, index, row):
        await asyncio.sleep(PUT_LATENCY[index])
        return json.dumps({**row, "status": "updated"})


class Log:
    """Stands in for an aiofiles log: each write takes LOG_WRITE seconds (the text goes nowhere)."""

    async def write(self, text):
        await asyncio.sleep(LOG_WRITE)


async def update(session, log, index, row):
    reply = await session.put(index, row)
    await log.write(reply + "\n")
    return reply


async def main():
    df = Frame([{"id": i + 1, "msg": f"msg {i + 1}"} for i in range(len(PUT_LATENCY))])
    print(df.tail())
    print("Press Enter to continue...")
    session, log = Session(), Log()
    tasks = [asyncio.create_task(update(session, log, i, row)) for i, row in df.iterrows()]
    for k, next_done in enumerate(asyncio.as_completed(tasks), start=1):
        print(f"{k}/{len(tasks)} {await next_done}")


asyncio.run(main())
