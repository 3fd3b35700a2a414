"""The site search index (portal.models.SearchEntry). Placeholder until written."""


def index(obj):
    """Write (or remove, when it is not published) the search entries of `obj`."""


def remove(obj):
    """Remove the search entries of `obj`."""


def rebuild():
    """Rebuild the whole index from the content."""
