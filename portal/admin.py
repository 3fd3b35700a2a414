from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin

from portal import pagecache
from portal.models import District, Municipality, Region


@admin.register(Region)
class RegionAdmin(TabbedDjangoJqueryTranslationAdmin):
    list_display = ["name", "code", "kind", "order"]
    list_editable = ["order"]
    search_fields = ["name", "code"]


@admin.register(District)
class DistrictAdmin(TabbedDjangoJqueryTranslationAdmin):
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = ["name", "code"]


@admin.register(Municipality)
class MunicipalityAdmin(TabbedDjangoJqueryTranslationAdmin):
    list_display = ["name", "kind", "district", "region", "population", "is_ulsg_member"]
    list_filter = ["region", "kind", "is_ulsg_member"]
    list_select_related = ["region", "district"]
    list_editable = ["is_ulsg_member"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["district"]
    actions = ["mark_members", "unmark_members"]

    @admin.action(description=_("Mark as ULSG members"), permissions=["change"])
    def mark_members(self, request, queryset):
        queryset.update(is_ulsg_member=True)
        pagecache.bump_content_version()  # update() sends no signal

    @admin.action(description=_("Unmark as ULSG members"), permissions=["change"])
    def unmark_members(self, request, queryset):
        queryset.update(is_ulsg_member=False)
        pagecache.bump_content_version()
