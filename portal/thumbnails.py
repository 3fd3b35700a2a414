"""Thumbnail names, remembered.

django-imagekit names a thumbnail after a hash of its spec, which it computes with a pure-Python
pickler on every `.url`: measured at 0.6 ms per image, 10 ms of a library page's 40 (20 cards).
A spec's processors, format and options are fixed per field, so the name depends only on the spec
and the source file's name: it is computed once per process and kept (bounded).
"""

from imagekit.cachefiles.namers import source_name_as_path

MAX_REMEMBERED = 50_000
_names = {}


def remembered_source_name_as_path(generator):
    source = getattr(generator.source, "name", None)
    key = (type(generator), source)
    try:
        return _names[key]
    except KeyError:
        name = source_name_as_path(generator)
        if source is not None and len(_names) < MAX_REMEMBERED:
            _names[key] = name
        return name
