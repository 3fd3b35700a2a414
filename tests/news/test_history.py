"""The editors' history of news (django-reversion through portal.concurrency.HistoryAdmin)."""

import pytest

from news.models import News
from tests.events.test_history import editor_client, save_twice_then_revert  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def test_an_editor_reverts_a_news_item(editor_client, make_news):  # noqa: F811
    news = make_news()
    _page, confirm = save_twice_then_revert(editor_client, "/admin/news/news/", news, "title_en", "First", "Second")
    assert confirm().status_code == 302
    assert News.objects.get(pk=news.pk).title_en == "First"
