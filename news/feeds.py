from django.contrib.syndication.views import Feed
from django.http import Http404


class LatestNewsFeed(Feed):  # placeholder until written
    def __call__(self, request, *args, **kwargs):
        raise Http404
