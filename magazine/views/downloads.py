from django.http import Http404


def _todo(request, *args, **kwargs):  # placeholder until this module is written
    raise Http404


edition = _todo
