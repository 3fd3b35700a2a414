"""The rebuild_search_index management command."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.visibility import Visibility
from portal.models import SearchEntry
from practices.models import Practice

pytestmark = pytest.mark.django_db


def test_it_indexes_every_published_item_in_every_language(make_practice, make_resource):
    make_practice("Water")
    make_practice("Members water", visibility=Visibility.MEMBERS)
    make_practice("Draft", status=Practice.Status.DRAFT)
    make_resource("Guide", content=None)
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "practice: 2" in out.getvalue() and "resource: 1" in out.getvalue()
    assert "3 items" in out.getvalue()
    assert SearchEntry.objects.filter(kind="practice").count() == 2 * 3
    assert set(SearchEntry.objects.values_list("language", flat=True)) == {"ky", "ru", "en"}
    assert SearchEntry.objects.filter(visibility="members").count() == 3


def test_it_drops_entries_of_items_no_longer_published(make_practice):
    practice = make_practice("Water")
    call_command("rebuild_search_index", stdout=StringIO())
    Practice.objects.filter(pk=practice.pk).update(status=Practice.Status.ARCHIVED)
    call_command("rebuild_search_index", stdout=StringIO())
    assert not SearchEntry.objects.exists()


def test_it_can_run_twice(make_practice):
    make_practice("Water")
    call_command("rebuild_search_index", stdout=StringIO())
    call_command("rebuild_search_index", stdout=StringIO())
    assert SearchEntry.objects.count() == 3
