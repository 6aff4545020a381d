"""aiohttp in the page, for programs of the learner's own (a lesson's program finds its lesson's
stand-in first): the part of aiohttp's client the lessons use, over the browser's own HTTP.

    async with aiohttp.ClientSession() as session:
        async with session.get(url) as response:       # also post, put, delete; or await it
            response.status, await response.text(), await response.json(), await response.read()
            response.raise_for_status()

What differs from aiohttp, because CPython runs in a Web Worker with nothing that waits but the
program itself:
- A request is a synchronous XMLHttpRequest: it holds the loop while it goes, so requests made
  together take turns. On the virtual clock it takes no time; the measured run shows its real
  time.
- Only this site can be reached (the page's Content-Security-Policy, and the browser's CORS rules):
  any other address raises ClientConnectorError, which says so.
- Headers, cookies, timeouts, streaming and sessions' options are not there: they are accepted
  and ignored, or raise AttributeError.
"""
import asyncio
import json as _json

from js import XMLHttpRequest


class ClientError(Exception):
    pass


class ClientConnectorError(ClientError):
    pass


class ClientResponseError(ClientError):
    def __init__(self, status, message):
        super().__init__(f"{status}, message={message!r}")
        self.status, self.message = status, message


class ClientResponse:
    def __init__(self, url, status, reason, body):
        self.url, self.status, self.reason, self._body = url, status, reason, body

    async def text(self, encoding=None):
        return self._body

    async def json(self, **_):
        return _json.loads(self._body)

    async def read(self):
        return self._body.encode()

    def raise_for_status(self):
        if self.status >= 400:
            raise ClientResponseError(self.status, self.reason)

    def release(self):
        pass

    def __repr__(self):
        return f"<ClientResponse({self.url}) [{self.status} {self.reason}]>"


def _send(method, url, data, json):
    request = XMLHttpRequest.new()
    body = _json.dumps(json) if json is not None else data
    try:
        request.open(method, str(url), False)
        if json is not None:
            request.setRequestHeader("Content-Type", "application/json")
        request.send(body)
    except Exception as error:   # the network, or the page's policy
        raise ClientConnectorError(
            f"Cannot connect to {url}: CPython in the page can reach only this site ({error})"
        ) from None
    if request.status == 0:
        raise ClientConnectorError(f"Cannot connect to {url}: CPython in the page can reach only this site")
    return ClientResponse(str(url), request.status, request.statusText, request.responseText)


class _RequestContextManager:
    def __init__(self, method, url, data=None, json=None, **_ignored):
        self._args = (method, url, data, json)

    async def _request(self):
        await asyncio.sleep(0)   # a request is a point where other tasks may run, as in aiohttp
        return _send(*self._args)

    def __await__(self):
        return self._request().__await__()

    async def __aenter__(self):
        return await self._request()

    async def __aexit__(self, *exc):
        return False


class ClientSession:
    def __init__(self, *_args, **_kwargs):
        self.closed = False

    def get(self, url, **kwargs):
        return _RequestContextManager("GET", url, **kwargs)

    def post(self, url, **kwargs):
        return _RequestContextManager("POST", url, **kwargs)

    def put(self, url, **kwargs):
        return _RequestContextManager("PUT", url, **kwargs)

    def delete(self, url, **kwargs):
        return _RequestContextManager("DELETE", url, **kwargs)

    async def close(self):
        self.closed = True

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        await self.close()
        return False
