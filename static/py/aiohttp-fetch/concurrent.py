import asyncio
import contextlib
import types

GITHUB_LATENCY = 1
TOP_FAIL_AFTER = 2
JOTANG_LATENCY = 1.5

URLS = ["https://stardust567.github.io", "https://stardust567.top", "https://jotang.club"]


async def fetch(session, url):
    print("发送请求：", url)
    try:
        async with session.get(url, ssl=False) as response:
            text = await response.text()
            print("得到结果：", url, len(text))
    except aiohttp.ClientConnectorError as e:
        print(e)


async def main():
    async with aiohttp.ClientSession() as session:
        tasks = [fetch(session, url) for url in URLS]
        await asyncio.gather(*tasks)


# A stand-in for aiohttp, so that this file runs on CPython with no network (CI runs it): each
# URL answers after its latency with a page as long as the tutorial's, or fails to connect.
# The page's Rust makes real requests instead, with the browser's fetch. The program above
# looks it up only once it runs.
class ClientConnectorError(OSError):
    def __init__(self, host, ssl, reason):
        super().__init__(reason)
        self.host, self.ssl = host, ssl

    def __str__(self):
        return f"Cannot connect to host {self.host}:443 ssl:{self.ssl} [{self.args[0]}]"


ANSWERS = {  # URL: (seconds, the page's length) or (seconds, why it cannot connect)
    "https://stardust567.github.io": (GITHUB_LATENCY, 76565),
    "https://stardust567.top": (TOP_FAIL_AFTER, "Connect call failed ('118.25.70.50', 443)"),
    "https://jotang.club": (JOTANG_LATENCY, 6852),
}


class Response:
    def __init__(self, length):
        self.length = length

    async def text(self):
        return "x" * self.length


class ClientSession:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc_info):
        pass

    @contextlib.asynccontextmanager
    async def get(self, url, ssl=True):
        seconds, answer = ANSWERS[url]
        await asyncio.sleep(seconds)
        if isinstance(answer, str):
            raise ClientConnectorError(url.removeprefix("https://"), ssl, answer)
        yield Response(answer)


aiohttp = types.SimpleNamespace(ClientSession=ClientSession, ClientConnectorError=ClientConnectorError)


asyncio.run(main())
