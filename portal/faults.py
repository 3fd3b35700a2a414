"""What the portal does when the database is away (issue 5). Placeholder: passes every request through."""


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
