"""The stand-in's `aiohttp.client_exceptions`: the one exception the lesson catches."""


class ClientConnectorError(OSError):
    """A connection that could not be made, printed as aiohttp prints it."""

    def __init__(self, host, ssl, reason):
        super().__init__(reason)
        self.host, self.ssl = host, ssl

    def __str__(self):
        ssl = "default" if self.ssl is True else self.ssl
        return f"Cannot connect to host {self.host}:443 ssl:{ssl} [{self.args[0]}]"
