"""The editors' history of magazine issues (django-reversion through portal.concurrency.HistoryAdmin):
an issue's version holds its editions and contents; a revert keeps its publication as it is."""

import pytest
from django.test import Client

from accounts.roles import Role
from magazine.models import Article, Edition, Issue
from tests.practices.sample_files import isolated_storage_fixture  # noqa: F401 (the isolated_storage fixture)
from tests.practices.test_admin import resubmit
from tests.practices.test_downloads import body

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/magazine/issue/"


def change_url(issue):
    return f"{CHANGELIST}{issue.pk}/change/"


@pytest.fixture
def editor_client(client, editor, settings):
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def save_in_admin(client, issue, **changes):
    response = client.post(change_url(issue), resubmit(client.get(change_url(issue)), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


@pytest.fixture
def issue(editor_client, make_issue, isolated_storage):
    """A free published issue with two editions and one article, saved twice in the admin."""
    issue = make_issue(2026, 3, is_free=True, title_en="Clean water")
    Article.objects.create(issue=issue, slug="kumbel", title_en="Kumbel's water", title_ru="Вода Кумбеля")
    save_in_admin(editor_client, issue, editorial_en="<p>About water.</p>")
    save_in_admin(editor_client, issue, title_en="Roads", **{"articles-0-DELETE": "on"})
    return issue


def test_an_editor_reverts_an_issue_with_its_contents(editor_client, issue):
    assert not issue.articles.exists()
    history = editor_client.get(f"{CHANGELIST}{issue.pk}/history/")
    assert history.status_code == 200
    page = editor_client.get(history.context["action_list"][1]["url"])
    assert page.status_code == 200
    assert editor_client.post(page.wsgi_request.path, resubmit(page)).status_code == 302

    issue.refresh_from_db()
    assert issue.title_en == "Clean water"
    assert list(issue.articles.values_list("title_en", flat=True)) == ["Kumbel's water"]
    assert issue.editions.count() == 2
    assert issue.status == Issue.Status.PUBLISHED


def test_a_revert_keeps_the_publication_as_it_is(editor_client, issue):
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.DRAFT, published_at=None)
    history = editor_client.get(f"{CHANGELIST}{issue.pk}/history/")
    page = editor_client.get(history.context["action_list"][1]["url"])
    editor_client.post(page.wsgi_request.path, resubmit(page))
    issue.refresh_from_db()
    assert (issue.status, issue.published_at) == (Issue.Status.DRAFT, None)
    assert issue.title_en == "Clean water"


def test_an_editor_recovers_a_deleted_issue_whose_editions_download(editor_client, issue):
    editions = list(issue.editions.values_list("pk", flat=True))
    assert editor_client.post(f"{CHANGELIST}{issue.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Issue.objects.filter(pk=issue.pk).exists()

    recover_list = editor_client.get(f"{CHANGELIST}recover/")
    (deleted,) = recover_list.context["deleted"]
    page = editor_client.get(f"{CHANGELIST}recover/{deleted.pk}/")
    assert editor_client.post(page.wsgi_request.path, resubmit(page)).status_code == 302

    recovered = Issue.objects.get(pk=issue.pk)
    assert recovered.title_en == "Roads"
    assert sorted(recovered.editions.values_list("pk", flat=True)) == sorted(editions)
    reader = Client()
    assert reader.get(recovered.get_absolute_url()).status_code == 200
    response = reader.get(Edition.objects.get(issue=recovered, language="ru").get_download_url())
    assert response.status_code == 200
    assert body(response).startswith(b"%PDF")


@pytest.mark.parametrize("who", ["servant", "deputy"])
def test_members_cannot_reach_the_history(make_member, issue, who):
    client = Client()
    client.force_login(make_member(Role(who), email=f"{who}@example.kg"))
    for url in (f"{CHANGELIST}{issue.pk}/history/", f"{CHANGELIST}recover/"):
        assert client.get(url)["Location"].startswith("/admin/login/")


def test_a_ulsg_admin_reads_the_history_but_cannot_recover(ulsg_admin, issue):
    client = Client()
    client.force_login(ulsg_admin)
    assert client.get(f"{CHANGELIST}{issue.pk}/history/").status_code == 200
    assert client.get(f"{CHANGELIST}recover/").status_code == 403


def test_an_article_changed_on_its_own_page_is_in_its_issues_history(editor_client, make_issue, isolated_storage):
    issue = make_issue(2026, 4)
    article = Article.objects.create(issue=issue, slug="roads", title_en="Roads")
    version = Issue.objects.get(pk=issue.pk).version
    url = f"/admin/magazine/article/{article.pk}/change/"
    response = editor_client.post(url, resubmit(editor_client.get(url), body_en="<p>The full text.</p>"))
    assert response.status_code == 302, response.context["adminform"].form.errors

    assert Issue.objects.get(pk=issue.pk).version > version  # an open issue form is now out of date
    (entry,) = editor_client.get(f"{CHANGELIST}{issue.pk}/history/").context["action_list"]
    assert entry["revision"].get_comment() == "Article “Roads” changed on its own page."
