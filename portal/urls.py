from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.cache import cache_page

from portal import views, views_bench
from portal.sitemaps import SITEMAPS

# Crawlers may see a newly published practice up to an hour late; the sitemap lists every page.
SITEMAP_CACHE_SECONDS = 60 * 60

# The admin signs in through allauth's login, so it shares its throttling.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("bench/ceiling", views_bench.ceiling, name="bench_ceiling"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        cache_page(SITEMAP_CACHE_SECONDS)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS, "template_name": "portal/sitemap.xml"},
        name="sitemap",
    ),
    path("admin/", admin.site.urls),
    # set_language (POST) for the admin's language picker; the public site switches by URL prefix.
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", include("portal.urls_site")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("practices.urls")),
    path("", include("magazine.urls")),
    path("", include("news.urls")),
    path("", include("events.urls")),
    prefix_default_language=True,
)

# Public media: the development server's view in DEBUG; with SERVE_MEDIA, portal.media's view (long
# cache, validators) for a single machine with no proxy; otherwise the proxy or the S3 bucket serves it.
if settings.MEDIA_URL.startswith("/") and (settings.SERVE_MEDIA or not settings.DEBUG):
    import re

    from django.urls import re_path

    from portal.media import serve_public_media

    # Always routed outside DEBUG (answering 404 while SERVE_MEDIA is off), so that the setting can
    # change without reloading the URLs.
    urlpatterns += [re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", serve_public_media)]
elif settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
