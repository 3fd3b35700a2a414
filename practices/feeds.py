from django.contrib.syndication.views import Feed
from django.http import Http404


class LatestPracticesFeed(Feed):  # placeholder until feeds are written
    def __call__(self, request, *args, **kwargs):
        raise Http404


ThemePracticesFeed = LatestPracticesFeed
