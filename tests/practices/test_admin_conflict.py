"""Two editors saving the same item in the admin: the second is told of the conflict, keeps their
input, and nothing of the first is overwritten silently (portal.concurrency)."""

import threading
import time

import pytest
from django.db import connection, connections
from django.test import Client

from accounts.roles import Role
from magazine.models import Issue
from portal.concurrency import FIELD, HistoryAdmin
from practices import services
from practices.models import Practice, Resource
from tests.practices.sample_files import isolated_storage_fixture  # noqa: F401 (the isolated_storage fixture)
from tests.practices.test_admin import resubmit

pytestmark = pytest.mark.django_db


def practice_url(practice):
    return f"/admin/practices/practice/{practice.pk}/change/"


@pytest.fixture
def editors(make_member, settings):
    """Two editors, each in their own browser, in the English admin: Aibek and Nurlan."""
    clients = []
    for first_name, email in (("Aibek", "aibek@example.kg"), ("Nurlan", "nurlan@example.kg")):
        user = make_member(Role.EDITOR, email=email, first_name=first_name, last_name="Editor")
        browser = Client()
        browser.force_login(user)
        browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        clients.append(browser)
    return clients


def test_it_refuses_the_second_save_and_keeps_the_first(editors, make_practice):
    first, second = editors
    practice = make_practice("Kumbel water")
    url = practice_url(practice)
    page_first, page_second = first.get(url), second.get(url)
    assert page_second.context["adminform"].form[FIELD].value() == practice.version

    saved = first.post(url, resubmit(page_first, title_en="Kumbel water: the first editor's title"))
    assert saved.status_code == 302

    refused = second.post(url, resubmit(page_second, summary_en="The second editor's summary"))
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "was changed by Aibek Editor on" in text
    assert "nothing was saved" in text
    practice.refresh_from_db()
    assert practice.title_en == "Kumbel water: the first editor's title"
    assert not practice.summary_en
    # The second editor's input is still there, with the version they now know about.
    form = refused.context["adminform"].form
    assert form["summary_en"].value() == "The second editor's summary"
    assert int(form[FIELD].value()) == practice.version


def test_saving_again_after_the_warning_replaces_knowingly(editors, make_practice):
    first, second = editors
    practice = make_practice("Kumbel water")
    url = practice_url(practice)
    page_first, page_second = first.get(url), second.get(url)
    first.post(url, resubmit(page_first, title_en="First"))
    refused = second.post(url, resubmit(page_second, summary_en="Second"))

    assert second.post(url, resubmit(refused)).status_code == 302
    practice.refresh_from_db()
    assert (practice.title_en, practice.summary_en) == ("Kumbel water", "Second")


def test_one_editor_saving_twice_is_not_a_conflict(editors, make_practice):
    first, _second = editors
    practice = make_practice("Kumbel water")
    url = practice_url(practice)
    assert first.post(url, resubmit(first.get(url), summary_en="One")).status_code == 302
    assert first.post(url, resubmit(first.get(url), summary_en="Two")).status_code == 302
    practice.refresh_from_db()
    assert practice.summary_en == "Two"


def test_a_workflow_step_meanwhile_is_a_conflict_too(editors, editor, make_practice):
    first, _second = editors
    practice = make_practice("Kumbel water", status=Practice.Status.SUBMITTED, published_at=None)
    url = practice_url(practice)
    page = first.get(url)
    services.practice_publish(practice=practice, by=editor, comment="")

    refused = first.post(url, resubmit(page, summary_en="Stale"))
    assert refused.status_code == 200
    assert "was changed by Aibek Editor" in refused.content.decode()  # the review event names who
    practice.refresh_from_db()
    assert practice.status == Practice.Status.PUBLISHED
    assert not practice.summary_en


def test_every_save_raises_the_version(make_practice, editor):
    practice = make_practice("Kumbel water", status=Practice.Status.SUBMITTED, published_at=None)
    assert practice.version == 1
    practice.save(update_fields=["summary_ru"])
    services.practice_start_review(practice=practice, by=editor)
    practice.refresh_from_db()
    assert practice.version == 3
    # A stale copy saved later does not take the version back.
    stale = Practice.objects.get(pk=practice.pk)
    stale.version = 1
    stale.save()
    assert Practice.objects.values_list("version", flat=True).get(pk=practice.pk) == 4


def test_it_refuses_the_second_save_of_a_learning_material(editors, make_resource, isolated_storage):
    first, second = editors
    resource = make_resource("Budget hearings guide")
    url = f"/admin/practices/resource/{resource.pk}/change/"
    page_first, page_second = first.get(url), second.get(url)
    assert first.post(url, resubmit(page_first, title_en="First")).status_code == 302
    refused = second.post(url, resubmit(page_second, title_en="Second"))
    assert refused.status_code == 200
    assert "was changed by Aibek Editor" in refused.content.decode()
    assert Resource.objects.get(pk=resource.pk).title_en == "First"
    assert refused.context["adminform"].form["title_en"].value() == "Second"


def test_it_refuses_the_second_save_of_an_issue(editors, make_issue, isolated_storage):
    first, second = editors
    issue = make_issue(2026, 3, title_en="")
    url = f"/admin/magazine/issue/{issue.pk}/change/"
    page_first, page_second = first.get(url), second.get(url)
    assert first.post(url, resubmit(page_first, title_en="Water")).status_code == 302
    refused = second.post(url, resubmit(page_second, title_en="Roads"))
    assert refused.status_code == 200
    assert "was changed by Aibek Editor" in refused.content.decode()
    assert Issue.objects.get(pk=issue.pk).title_en == "Water"
    assert refused.context["adminform"].form["title_en"].value() == "Roads"


def test_a_reader_with_view_permission_only_gets_no_version_field(client, ulsg_admin, make_practice, settings):
    practice = make_practice("Kumbel water")
    client.force_login(ulsg_admin)
    response = client.get(practice_url(practice))
    assert response.status_code == 200
    assert FIELD not in response.context["adminform"].form.fields


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_saves_cannot_both_win(editors, make_practice, monkeypatch):
    """Both forms pass validation at the same instant; the row lock makes the second wait and see the first."""
    first, second = editors
    practice = make_practice("Kumbel water")
    url = practice_url(practice)
    pages = [first.get(url), second.get(url)]
    original_save = HistoryAdmin.save_model

    def slow_save(self, request, obj, form, change):
        time.sleep(0.5)  # hold the lock while the other request arrives
        original_save(self, request, obj, form, change)

    monkeypatch.setattr(HistoryAdmin, "save_model", slow_save, raising=False)
    results = {}

    def post(name, browser, page):
        try:
            results[name] = browser.post(url, resubmit(page, summary_en=f"by {name}"))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=post, args=(name, browser, page))
        for name, browser, page in zip(("first", "second"), (first, second), pages, strict=True)
    ]
    for thread in threads:
        thread.start()
        time.sleep(0.1)
    for thread in threads:
        thread.join(timeout=30)

    codes = sorted(response.status_code for response in results.values())
    assert codes == [200, 302]
    winner = next(name for name, response in results.items() if response.status_code == 302)
    practice.refresh_from_db()
    assert practice.summary_en == f"by {winner}"
    assert practice.version == 2
