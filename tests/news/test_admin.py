"""News in the admin: editors write (with the prose editor), publish and unpublish; others may not."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.utils import timezone

from news.models import News
from portal.models import SearchEntry
from tests.practices.test_admin import resubmit

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/news/news/"


@pytest.fixture
def editor_client(client, editor, settings):
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_editor_adds_news_with_the_prose_editor(editor_client, theme, municipality):
    page = editor_client.get(f"{CHANGELIST}add/")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("data-django-prose-editor-configurable") == 3  # body in ky, ru, en
    assert 'type="checkbox" name="themes"' in html
    now = timezone.localtime()
    data = resubmit(
        page,
        title_ky="Окутуу",
        title_ru="Тренинг",
        slug="trening",
        lead_ru="Трёхдневный тренинг",
        body_ru="<p>Текст</p><script>alert(1)</script>",
        themes=[str(theme.pk)],
        municipalities=[str(municipality.pk)],
        date_0=now.strftime("%Y-%m-%d"),
        date_1=(now - timedelta(minutes=5)).strftime("%H:%M:%S"),
        is_published="on",
    )
    response = editor_client.post(f"{CHANGELIST}add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    news = News.objects.get()
    assert news.body_ru == "<p>Текст</p>"
    assert list(news.themes.all()) == [theme] and list(news.municipalities.all()) == [municipality]
    assert SearchEntry.objects.filter(kind="news", object_id=news.pk).count() == 3


def test_a_title_in_no_language_is_refused(editor_client):
    page = editor_client.get(f"{CHANGELIST}add/")
    response = editor_client.post(f"{CHANGELIST}add/", resubmit(page, slug="x", date_0="2025-01-01", date_1="10:00"))
    assert response.status_code == 200
    assert "Fill this in at least one language." in response.content.decode()
    assert not News.objects.exists()


def test_editor_lists_filters_and_searches(editor_client, make_news):
    make_news("Conference", title_ru="Конференция")
    make_news("Round table", title_ru="Круглый стол", is_published=False)
    html = editor_client.get(CHANGELIST, {"q": "Круглый"}).content.decode()
    assert "Круглый стол" in html and "Конференция" not in html
    html = editor_client.get(CHANGELIST, {"is_published__exact": "1"}).content.decode()
    assert "Конференция" in html and "Круглый стол" not in html
    assert editor_client.get(CHANGELIST, {"date__year": str(timezone.now().year)}).status_code == 200


def test_editor_publishes_and_unpublishes_in_bulk(editor_client, make_news):
    draft = make_news("Draft", is_published=False)
    live = make_news("Live")
    response = editor_client.post(CHANGELIST, {"action": "publish", ACTION_CHECKBOX_NAME: [str(draft.pk)]})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published and SearchEntry.objects.filter(kind="news", object_id=draft.pk).exists()
    editor_client.post(CHANGELIST, {"action": "unpublish", ACTION_CHECKBOX_NAME: [str(live.pk), str(draft.pk)]})
    assert not News.objects.filter(is_published=True).exists()
    assert not SearchEntry.objects.filter(kind="news").exists()


def test_a_servant_is_kept_out(client, servant, make_news):
    news = make_news()
    client.force_login(servant)
    assert client.get(f"{CHANGELIST}add/").status_code == 302  # to the admin's sign-in
    assert client.post(f"{CHANGELIST}{news.pk}/change/", {"slug": "x"}).status_code == 302
    assert News.objects.get().slug == news.slug


def test_a_ulsg_admin_may_look_but_not_change(client, ulsg_admin, make_news):
    news = make_news()
    client.force_login(ulsg_admin)
    assert client.get(CHANGELIST).status_code == 200
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    assert client.post(f"{CHANGELIST}{news.pk}/change/", {"slug": "x"}).status_code == 403
    News.objects.get(slug=news.slug)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(CHANGELIST)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
