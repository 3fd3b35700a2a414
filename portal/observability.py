"""Structured request logs (issue 5). Placeholder: passes every request through."""


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
