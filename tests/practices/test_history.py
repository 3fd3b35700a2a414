"""The editors' history of practices and learning materials (django-reversion through
portal.concurrency.HistoryAdmin): change then revert, delete then recover, and who may."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from accounts.roles import Role
from portal import search
from practices import services
from practices.models import Attachment, Practice, Resource
from tests.practices.sample_files import isolated_storage_fixture  # noqa: F401 (the isolated_storage fixture)
from tests.practices.test_admin import resubmit
from tests.practices.test_downloads import add_attachment, body, url_of

pytestmark = pytest.mark.django_db

Status = Practice.Status
CHANGELIST = "/admin/practices/practice/"


def change_url(practice):
    return f"{CHANGELIST}{practice.pk}/change/"


def history_url(practice):
    return f"{CHANGELIST}{practice.pk}/history/"


def found(query):
    return [entry.url for entry in search.search(query=query, user=AnonymousUser(), language="en").page]


@pytest.fixture
def editor_client(client, editor, settings):
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def save_in_admin(client, practice, **changes):
    response = client.post(change_url(practice), resubmit(client.get(change_url(practice)), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def revert(client, practice, *, steps_back):
    """Open the practice's history, pick the version `steps_back` saves ago and save it again."""
    history = client.get(history_url(practice))
    assert history.status_code == 200
    page = client.get(history.context["action_list"][steps_back]["url"])
    assert page.status_code == 200
    return client.post(page.wsgi_request.path, resubmit(page))


@pytest.fixture
def practice(editor_client, make_practice, isolated_storage):
    """A published practice with a document, saved twice in the admin (two versions in its history)."""
    practice = make_practice("Kumbel drinking water")
    add_attachment(practice, "water-report.pdf")
    save_in_admin(editor_client, practice, summary_en="The water service of Kumbel.")
    save_in_admin(editor_client, practice, title_en="Kumbel: a changed title", summary_en="A changed summary.")
    return practice


def test_an_editor_reverts_a_change_from_the_history(editor_client, practice, settings):
    settings.PAGE_CACHE_SECONDS = 600
    history = editor_client.get(history_url(practice))
    # As it was made (outside the admin, recorded before the first change there), then two saves.
    assert len(history.context["action_list"]) == 3
    assert found("changed title") == [practice.get_absolute_url()]
    version_before = Practice.objects.get(pk=practice.pk).version
    reader, page_url = Client(), f"/en/practices/{practice.slug}/"
    assert "Kumbel: a changed title" in reader.get(page_url).content.decode()
    assert reader.get(page_url)["X-Cache"] == "HIT"

    assert revert(editor_client, practice, steps_back=1).status_code == 302

    practice.refresh_from_db()
    assert (practice.title_en, practice.summary_en) == ("Kumbel drinking water", "The water service of Kumbel.")
    assert practice.version > version_before  # a revert never takes the version back
    assert found("changed title") == []
    assert found("water service") == [practice.get_absolute_url()]
    assert len(editor_client.get(history_url(practice)).context["action_list"]) == 4
    response = reader.get(page_url)
    assert response["X-Cache"] == "MISS"
    page = response.content.decode()
    assert "Kumbel drinking water" in page
    assert "Kumbel: a changed title" not in page


def test_a_revert_over_a_change_made_meanwhile_is_refused(editor_client, practice, make_member, settings):
    history = editor_client.get(history_url(practice))
    page = editor_client.get(history.context["action_list"][1]["url"])
    other = Client()
    other.force_login(make_member(Role.EDITOR, email="nurlan@example.kg", first_name="Nurlan", last_name="Editor"))
    other.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    save_in_admin(other, practice, summary_en="Nurlan's summary")

    refused = editor_client.post(page.wsgi_request.path, resubmit(page))
    assert refused.status_code == 200
    assert "was changed by Nurlan Editor" in refused.content.decode()
    practice.refresh_from_db()
    assert (practice.title_en, practice.summary_en) == ("Kumbel: a changed title", "Nurlan's summary")


def test_a_revert_keeps_the_status_the_workflow_gave(editor_client, practice, editor):
    services.practice_archive(practice=practice, by=editor)
    assert revert(editor_client, practice, steps_back=1).status_code == 302
    practice.refresh_from_db()
    assert practice.status == Status.ARCHIVED
    assert practice.title_en == "Kumbel drinking water"


def test_a_revert_brings_back_a_removed_document_that_still_downloads(editor_client, practice):
    attachment = practice.attachments.get()
    page = editor_client.get(change_url(practice))
    editor_client.post(change_url(practice), resubmit(page, **{"attachments-0-DELETE": "on"}))
    assert not practice.attachments.exists()

    assert revert(editor_client, practice, steps_back=1).status_code == 302  # the version with the document
    restored = practice.attachments.get()
    assert restored.pk == attachment.pk
    response = Client().get(url_of(restored))
    assert response.status_code == 200
    assert body(response).startswith(b"%PDF")


def test_an_editor_recovers_a_deleted_practice_with_its_document(editor_client, practice):
    reader = Client()
    attachment = practice.attachments.get()
    assert editor_client.post(f"{CHANGELIST}{practice.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Practice.objects.filter(pk=practice.pk).exists()
    assert found("changed title") == []
    assert reader.get(practice.get_absolute_url()).status_code == 404

    recover_list = editor_client.get(f"{CHANGELIST}recover/")
    assert recover_list.status_code == 200
    (deleted,) = recover_list.context["deleted"]
    page = editor_client.get(f"{CHANGELIST}recover/{deleted.pk}/")
    assert page.status_code == 200
    assert editor_client.post(page.wsgi_request.path, resubmit(page)).status_code == 302

    recovered = Practice.objects.get(pk=practice.pk)
    assert (recovered.title_en, recovered.status) == ("Kumbel: a changed title", Status.PUBLISHED)
    assert found("changed title") == [practice.get_absolute_url()]
    assert reader.get(practice.get_absolute_url()).status_code == 200
    document = Attachment.objects.get(pk=attachment.pk)
    response = reader.get(url_of(document))
    assert response.status_code == 200
    assert body(response).startswith(b"%PDF")


def test_a_practice_never_saved_in_the_admin_is_recovered_after_a_bulk_deletion(editor_client, make_practice, editor):
    practice = make_practice("Toktogul waste collection", status=Status.SUBMITTED, published_at=None)
    services.practice_publish(practice=practice, by=editor)  # a workflow step: not an admin save
    response = editor_client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": [practice.pk], "post": "yes"}
    )
    assert response.status_code == 302
    assert not Practice.objects.filter(pk=practice.pk).exists()

    (deleted,) = editor_client.get(f"{CHANGELIST}recover/").context["deleted"]
    assert deleted.revision.get_comment() == "Deleted."
    page = editor_client.get(f"{CHANGELIST}recover/{deleted.pk}/")
    assert editor_client.post(page.wsgi_request.path, resubmit(page)).status_code == 302
    recovered = Practice.objects.get(pk=practice.pk)
    assert (recovered.title_en, recovered.status) == ("Toktogul waste collection", Status.PUBLISHED)
    assert found("Toktogul") == [recovered.get_absolute_url()]


def test_a_state_saved_outside_the_admin_is_kept_in_the_history_before_an_edit(editor_client, make_practice):
    practice = make_practice("Toktogul waste collection", summary_en="The member's own words.")
    save_in_admin(editor_client, practice, summary_en="The editor's words.")
    versions = editor_client.get(history_url(practice)).context["action_list"]
    assert len(versions) == 2
    page = editor_client.get(versions[1]["url"])
    assert editor_client.post(page.wsgi_request.path, resubmit(page)).status_code == 302
    practice.refresh_from_db()
    assert practice.summary_en == "The member's own words."


def test_deleting_a_practice_keeps_its_files_in_the_storage(editor_client, practice):
    attachment = practice.attachments.get()
    storage, name = attachment.file.storage, attachment.file.name
    editor_client.post(f"{CHANGELIST}{practice.pk}/delete/", {"post": "yes"})
    assert storage.exists(name)


def test_an_editor_reverts_a_learning_material(editor_client, make_resource, isolated_storage):
    resource = make_resource("Budget hearings guide")
    url = f"/admin/practices/resource/{resource.pk}/change/"
    for title in ("Guide, first", "Guide, second"):
        assert editor_client.post(url, resubmit(editor_client.get(url), title_en=title)).status_code == 302
    history = editor_client.get(f"/admin/practices/resource/{resource.pk}/history/")
    page = editor_client.get(history.context["action_list"][1]["url"])
    assert editor_client.post(page.wsgi_request.path, resubmit(page)).status_code == 302
    assert Resource.objects.get(pk=resource.pk).title_en == "Guide, first"


def test_the_list_offers_to_recover_deleted_practices(editor_client):
    assert f'href="{CHANGELIST}recover/"' in editor_client.get(CHANGELIST).content.decode()


@pytest.mark.parametrize("who", ["servant", "deputy"])
def test_members_cannot_reach_the_history(make_member, practice, who):
    client = Client()
    client.force_login(make_member(Role(who), email=f"{who}@example.kg"))
    for url in (history_url(practice), f"{CHANGELIST}recover/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_anonymous_visitors_cannot_reach_the_history(practice):
    assert Client().get(history_url(practice))["Location"].startswith("/admin/login/")


def test_a_ulsg_admin_reads_the_history_but_cannot_revert_or_recover(ulsg_admin, practice):
    client = Client()
    client.force_login(ulsg_admin)
    history = client.get(history_url(practice))
    assert history.status_code == 200
    url = history.context["action_list"][1]["url"]
    assert client.get(url).status_code == 200  # an old version, read-only
    assert client.post(url, {"title_en": "Nope"}).status_code == 403
    assert client.get(f"{CHANGELIST}recover/").status_code == 403
    practice.refresh_from_db()
    assert practice.title_en == "Kumbel: a changed title"
