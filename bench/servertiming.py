"""A `Server-Timing: app;dur=…` header (milliseconds) on every response: the time from
the first middleware to the response, without gunicorn, the network or the client.
Used only by `portal.settings.bench`."""

import time


class ServerTimingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - start) * 1000:.2f}"
        return response
