"""sitemap.xml: every public page in every language, each with its hreflang alternates.

Only public, published content is listed: members-only and deputies-only pages,
drafts and proposals never appear. One query per section.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from accounts.visibility import Visibility
from news.models import News
from portal.models import Municipality
from practices.models import Practice, Resource, Theme


def _public(published):
    return published.filter(visibility=Visibility.PUBLIC).only("slug", "updated_at").order_by("pk")


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(PortalSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "portal:home",
            "practices:index",
            "practices:resources",
            "practices:deputies",
            "practices:gender_budgeting",
            "magazine:index",
            "portal:municipalities",
            "news:index",
            "events:index",
        ]

    def location(self, item):
        return reverse(item)


class ThemeSitemap(PortalSitemap):
    changefreq = "weekly"

    def items(self):
        return Theme.objects.only("slug").order_by("number")


class PracticeSitemap(PortalSitemap):
    def items(self):
        return _public(Practice.objects.published())

    def lastmod(self, practice):
        return practice.updated_at


class ResourceSitemap(PortalSitemap):
    def items(self):
        return _public(Resource.objects.published())

    def lastmod(self, resource):
        return resource.updated_at


class NewsSitemap(PortalSitemap):
    def items(self):
        return News.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, news):
        return news.updated_at


class MunicipalitySitemap(PortalSitemap):
    changefreq = "monthly"

    def items(self):
        return Municipality.objects.only("code").order_by("code")

    def location(self, municipality):
        return reverse("portal:municipality", kwargs={"code": municipality.code})


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "themes": ThemeSitemap,
    "practices": PracticeSitemap,
    "resources": ResourceSitemap,
    "municipalities": MunicipalitySitemap,
    "news": NewsSitemap,
}
