from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Municipality directory")

    def ready(self):
        from portal import pagecache

        # Any change to what pages show empties the anonymous page cache.
        pagecache.connect_invalidation()
