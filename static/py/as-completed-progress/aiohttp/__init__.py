"""A stand-in for aiohttp, beside the lesson's program so that `import aiohttp` finds it first.

It has the lesson's part of aiohttp's API: `ClientSession` (an async context manager), its
`put(url, json=...)` (an async context manager giving the response) and `await response.text()`.
With no server (CI runs this on CPython), the update of each row answers after the row's modelled
latency with the row and `"status": "updated"`. The page's Rust fetches that reply for real, with
the browser's fetch, then waits the latency. With real aiohttp at home, `pip install aiohttp`,
delete this folder and give the program a real URL.
"""
import asyncio
import json as _json

# Seconds until the update of the row with each id answers: a model of the article's server.
PUT_LATENCY_1 = 3
PUT_LATENCY_2 = 1
PUT_LATENCY_3 = 4
PUT_LATENCY_4 = 1.5
PUT_LATENCY_5 = 2
PUT_LATENCY_6 = 2.5

LATENCY = {1: PUT_LATENCY_1, 2: PUT_LATENCY_2, 3: PUT_LATENCY_3, 4: PUT_LATENCY_4, 5: PUT_LATENCY_5, 6: PUT_LATENCY_6}


class ClientResponse:
    def __init__(self, body):
        self.body = body

    async def text(self):
        return self.body


class _RequestContextManager:
    """What `session.put()` returns: the request is made when `async with` enters it."""

    def __init__(self, json):
        self.json = json

    async def __aenter__(self):
        await asyncio.sleep(LATENCY[self.json["id"]])
        return ClientResponse(_json.dumps({**self.json, "status": "updated"}, ensure_ascii=False))

    async def __aexit__(self, *exc_info):
        pass


class ClientSession:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc_info):
        pass

    def put(self, url, *, json=None):
        return _RequestContextManager(json)
