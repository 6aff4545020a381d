"""A stand-in for aiohttp, beside the lesson's program so that `import aiohttp` finds it first.

It has the lesson's part of aiohttp's API: `ClientSession` (an async context manager), its
`get(url, ...)` (an async context manager giving the response), `await response.text()` and
`aiohttp.client_exceptions.ClientConnectorError`. With no network (CI runs this on CPython), each
of the lesson's URLs answers after a modelled latency with a page as long as the article's, or
fails to connect as the article's listing shows. The page's Rust makes the requests for real, with
the browser's fetch. To make real requests at home, `pip install aiohttp` and delete this folder.
"""
import asyncio

from . import client_exceptions

# Seconds until each host answers, or gives up: a model of the article's network.
GITHUB_LATENCY = 1
TOP_FAIL_AFTER = 2
JOTANG_LATENCY = 1.5

ANSWERS = {  # URL: (seconds, the page's length) or (seconds, why it cannot connect)
    "https://stardust567.github.io": (GITHUB_LATENCY, 76565),
    "https://stardust567.top": (TOP_FAIL_AFTER, "Connect call failed ('118.25.70.50', 443)"),
    "https://jotang.club": (JOTANG_LATENCY, 6852),
}


class ClientResponse:
    def __init__(self, length):
        self.length = length

    async def text(self):
        return "x" * self.length


class _RequestContextManager:
    """What `session.get()` returns: the request is made when `async with` enters it."""

    def __init__(self, url, ssl):
        self.url, self.ssl = url, ssl

    async def __aenter__(self):
        seconds, answer = ANSWERS[self.url]
        await asyncio.sleep(seconds)
        if isinstance(answer, str):
            host = self.url.removeprefix("https://")
            raise client_exceptions.ClientConnectorError(host, self.ssl, answer)
        return ClientResponse(answer)

    async def __aexit__(self, *exc_info):
        pass


class ClientSession:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc_info):
        pass

    def get(self, url, *, ssl=True, verify_ssl=None):
        # aiohttp 3 still takes verify_ssl=False as ssl=False; its DeprecationWarning is
        # attributed to aiohttp's own code, so Python does not show it.
        return _RequestContextManager(url, False if verify_ssl is False else ssl)
