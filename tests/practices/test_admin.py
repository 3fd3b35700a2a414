"""The library in the admin: editors list, add and change practices and learning materials; the
status changes only through the workflow buttons and bulk actions (history, e-mail, index)."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import translation

from accounts.roles import Role
from practices.admin.base import PROSE_EDITOR_CONFIG
from practices.models import Attachment, Practice, Resource, ReviewEvent, Theme
from tests.practices import sample_files as files
from tests.practices.sample_files import isolated_storage_fixture  # noqa: F401 (the isolated_storage fixture)

pytestmark = pytest.mark.django_db

Status = Practice.Status
CHANGELIST = "/admin/practices/practice/"


def change_url(practice):
    return f"{CHANGELIST}{practice.pk}/change/"


def resubmit(response, **changes):
    """The POST data of the admin form as the page shows it (main form and inlines), with `changes`."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management[name].value()
        forms.extend(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None or value is False or name in {"file", "image", "cover"}:
                continue
            data[key] = "on" if value is True else value
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def editor_client(client, editor, settings):
    """An editor in the admin, which speaks English here (messages are asserted in English)."""
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def run_action(django_capture_on_commit_callbacks):
    def run(client, action, practices, **extra):
        data = {"action": action, ACTION_CHECKBOX_NAME: [str(p.pk) for p in practices], **extra}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(CHANGELIST, data)

    return run


@pytest.fixture
def proposal(make_practice, servant):
    def make(title="Kumbel water", status=Status.SUBMITTED, **fields):
        return make_practice(title, status=status, submitted_by=servant, published_at=None, **fields)

    return make


# --- who gets in -------------------------------------------------------------------------------


def test_a_servant_is_kept_out_of_the_admin(client, servant, make_practice):
    client.force_login(servant)
    for url in ("/admin/", CHANGELIST, change_url(make_practice())):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get(CHANGELIST).status_code == 302


def test_a_ulsg_admin_may_look_but_not_change_or_publish(client, ulsg_admin, proposal):
    practice = proposal()
    client.force_login(ulsg_admin)
    assert client.get(CHANGELIST).status_code == 200
    response = client.get(change_url(practice))
    assert response.status_code == 200
    assert response.context["workflow_buttons"] == []
    assert client.post(change_url(practice), {"slug": "x"}).status_code == 403
    assert client.get(f"{CHANGELIST}{practice.pk}/status/published/").status_code == 403
    assert "publish" not in client.get(CHANGELIST).context["cl"].model_admin.get_actions(response.wsgi_request)


def test_staff_who_may_change_but_not_review_cannot_publish(client, make_member, proposal, run_action):
    author = make_member(Role.SERVANT, email="author@example.kg")
    author.is_staff = True
    author.save()
    author.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_practice", "change_practice", "view_reviewevent"])
    )
    practice = proposal(status=Status.DRAFT)
    client.force_login(author)
    response = client.get(change_url(practice))
    assert [button["to"] for button in response.context["workflow_buttons"]] == [Status.SUBMITTED]
    assert client.post(f"{CHANGELIST}{practice.pk}/status/published/", {"comment": ""}).status_code == 403
    run_action(client, "publish", [practice])
    practice.refresh_from_db()
    assert practice.status == Status.DRAFT
    assert not ReviewEvent.objects.exists()


# --- listing -----------------------------------------------------------------------------------


def test_editor_lists_practices_with_their_status(editor_client, proposal, make_practice):
    proposal("Waste collection")
    make_practice("Street lighting")
    response = editor_client.get(CHANGELIST)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 2
    html = response.content.decode()
    assert "Waste collection" in html and "Street lighting" in html


@pytest.mark.parametrize(
    "query",
    [
        "status__exact=submitted",
        "theme__id__exact=1",
        "visibility__exact=members",
        "is_sigr__exact=1",
        "for_deputies__exact=1",
        "gender_budgeting__exact=1",
        "year__exact=2024",
        "q=water",
    ],
)
def test_editor_filters_and_searches(editor_client, proposal, query):
    proposal()
    assert editor_client.get(f"{CHANGELIST}?{query}").status_code == 200


def test_editor_filters_by_region(editor_client, proposal, make_practice, municipality):
    submitted = proposal()
    national = make_practice("National", municipality=None)
    response = editor_client.get(f"{CHANGELIST}?region={municipality.region_id}")
    results = list(response.context["cl"].result_list)
    assert submitted in results and national not in results


def test_search_finds_titles_in_every_language(editor_client, make_practice):
    practice = make_practice(title_ky="Ичүүчү суу", title_ru="Питьевая вода", title_en="Drinking water")
    for query in ("Ичүүчү", "Питьевая", "Drinking"):
        response = editor_client.get(CHANGELIST, {"q": query})
        assert list(response.context["cl"].result_list) == [practice], query


# --- adding and changing -----------------------------------------------------------------------


def test_editor_adds_a_practice_as_a_draft(editor_client, theme, municipality, monkeypatch):
    indexed = []
    monkeypatch.setattr("portal.search.index", indexed.append)
    page = editor_client.get(f"{CHANGELIST}add/")
    assert page.status_code == 200
    data = resubmit(
        page,
        title_ky="Таза суу",
        title_ru="Чистая вода",
        slug="taza-suu",
        theme=str(theme.pk),
        municipality=str(municipality.pk),
        visibility="public",
        problem_ru="<p>Проблема</p><script>alert(1)</script>",
        status="published",  # not a field of the form: ignored
    )
    response = editor_client.post(f"{CHANGELIST}add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    practice = Practice.objects.get()
    assert practice.status == Status.DRAFT
    assert practice.problem_ru == "<p>Проблема</p>"
    assert indexed == [practice]


def test_a_title_in_one_language_is_enough(editor_client, proposal):
    practice = proposal(title_ky="", title_en="", title_ru="Только по-русски")
    page = editor_client.get(change_url(practice))
    response = editor_client.post(change_url(practice), resubmit(page, summary_ru="Кратко"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    practice.refresh_from_db()
    assert (practice.title_ru, practice.title_ky or "") == ("Только по-русски", "")


def test_a_title_in_no_language_is_refused(editor_client, proposal):
    practice = proposal()
    page = editor_client.get(change_url(practice))
    response = editor_client.post(change_url(practice), resubmit(page, title_ky="", title_ru="", title_en=""))
    assert response.status_code == 200
    assert "title_ky" in response.context["adminform"].form.errors


def test_the_rich_text_fields_use_the_prose_editor_in_every_language(editor_client, proposal):
    html = editor_client.get(change_url(proposal())).content.decode()
    for field in ("problem", "actions", "results", "body"):
        for code in ("ky", "ru", "en"):
            assert f'name="{field}_{code}"' in html
    assert html.count("data-django-prose-editor-configurable") == 12
    assert "django_prose_editor/editor.js" in html
    assert "vendor/jquery-ui/jquery-ui.min.js" in html
    assert "googleapis" not in html and "cdn" not in html.lower()


def test_the_prose_editor_offers_only_what_the_sanitizer_keeps():
    from django_prose_editor.config import allowlist_from_extensions, expand_extensions

    from practices.richtext import ALLOWED_TAGS

    allowed = allowlist_from_extensions(expand_extensions(PROSE_EDITOR_CONFIG["extensions"]))
    assert set(allowed["tags"]) <= ALLOWED_TAGS


def test_saving_the_form_cannot_change_the_status(editor_client, proposal):
    practice = proposal()
    page = editor_client.get(change_url(practice))
    response = editor_client.post(change_url(practice), resubmit(page, status="published", summary_ru="Кратко"))
    assert response.status_code == 302
    practice.refresh_from_db()
    assert (practice.status, practice.summary_ru) == (Status.SUBMITTED, "Кратко")


def test_own_contribution_above_the_total_cost_is_refused(editor_client, proposal):
    practice = proposal()
    page = editor_client.get(change_url(practice))
    response = editor_client.post(change_url(practice), resubmit(page, total_cost="100", own_contribution="500"))
    assert response.status_code == 200
    assert "own_contribution" in response.context["adminform"].form.errors


def test_an_attachment_is_checked_and_described_on_save(editor_client, proposal, isolated_storage):
    practice = proposal()
    page = editor_client.get(change_url(practice))
    data = resubmit(
        page,
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title_ru": "План",
            "attachments-0-language": "ru",
            "attachments-0-order": "0",
            "attachments-0-file": files.pdf("plan.pdf"),
        },
    )
    assert editor_client.post(change_url(practice), data).status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.content_type, attachment.original_name) == ("application/pdf", "plan.pdf")
    assert attachment.size > 0 and "Kumbel" in attachment.text


def test_a_fake_pdf_attachment_is_refused(editor_client, proposal, isolated_storage):
    practice = proposal()
    page = editor_client.get(change_url(practice))
    data = resubmit(
        page,
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title_ru": "План",
            "attachments-0-language": "ru",
            "attachments-0-order": "0",
            "attachments-0-file": files.upload("plan.pdf", b"<html>not a pdf</html>"),
        },
    )
    with translation.override("en"):
        response = editor_client.post(change_url(practice), data)
    assert response.status_code == 200
    assert "“plan.pdf” is not a PDF file" in response.content.decode()
    assert not Attachment.objects.exists()
    assert files.stored_files(*isolated_storage) == []


def test_a_huge_gallery_image_is_refused(editor_client, proposal, isolated_storage):
    practice = proposal()
    page = editor_client.get(change_url(practice))
    data = resubmit(
        page,
        **{
            "images-TOTAL_FORMS": "1",
            "images-0-order": "0",
            "images-0-image": files.upload("bomb.png", files.huge_png_header()),
        },
    )
    response = editor_client.post(change_url(practice), data)
    assert response.status_code == 200
    assert "“bomb.png”" in response.content.decode()


def test_the_review_history_is_shown_and_read_only(editor_client, proposal, editor):
    practice = proposal()
    ReviewEvent.objects.create(
        practice=practice, actor=editor, from_status="draft", to_status="submitted", comment="First look"
    )
    response = editor_client.get(change_url(practice))
    assert "First look" in response.content.decode()
    inline = next(i for i in response.context["inline_admin_formsets"] if i.formset.model is ReviewEvent)
    assert not inline.has_add_permission and not inline.has_change_permission and not inline.has_delete_permission


def test_the_practice_page_links_to_its_preview(editor_client, proposal):
    html = editor_client.get(change_url(proposal())).content.decode()
    assert "viewsitelink" in html


# --- workflow buttons ---------------------------------------------------------------------------


def test_the_buttons_offer_the_steps_the_status_allows(editor_client, proposal):
    steps = {
        Status.DRAFT: [Status.SUBMITTED],
        Status.SUBMITTED: [Status.IN_REVIEW, Status.PUBLISHED, Status.DRAFT],
        Status.IN_REVIEW: [Status.PUBLISHED, Status.DRAFT],
        Status.PUBLISHED: [Status.ARCHIVED],
        Status.ARCHIVED: [Status.PUBLISHED],
    }
    for status, expected in steps.items():
        response = editor_client.get(change_url(proposal(status=status)))
        assert [button["to"] for button in response.context["workflow_buttons"]] == expected


def test_publishing_with_the_button_records_it_and_tells_the_member(
    editor_client, proposal, editor, servant, django_capture_on_commit_callbacks
):
    practice = proposal(status=Status.IN_REVIEW)
    url = f"{CHANGELIST}{practice.pk}/status/published/"
    page = editor_client.get(url)
    assert page.status_code == 200
    assert servant.email in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, {"comment": "Отлично"})
    assert response.status_code == 302 and response["Location"] == change_url(practice)
    practice.refresh_from_db()
    assert practice.status == Status.PUBLISHED
    assert ReviewEvent.objects.get().comment == "Отлично"
    assert [message.to for message in mail.outbox] == [[servant.email]]


def test_returning_with_the_button_needs_a_comment(editor_client, proposal):
    practice = proposal()
    url = f"{CHANGELIST}{practice.pk}/status/draft/"
    response = editor_client.post(url, {"comment": ""})
    assert response.status_code == 200
    assert response.context["form"].errors
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED


def test_a_step_the_status_does_not_allow_is_refused_with_a_message(editor_client, proposal):
    practice = proposal(status=Status.DRAFT)
    url = f"{CHANGELIST}{practice.pk}/status/archived/"
    assert editor_client.get(url).context["allowed"] is False
    response = editor_client.post(url, {"comment": ""}, follow=True)
    assert "cannot be archived" in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == Status.DRAFT


def test_unknown_steps_and_practices_are_not_found(editor_client, proposal):
    assert editor_client.get(f"{CHANGELIST}{proposal().pk}/status/deleted/").status_code == 404
    assert editor_client.get(f"{CHANGELIST}999999/status/published/").status_code == 404


# --- bulk actions ------------------------------------------------------------------------------


def test_bulk_publish_records_events_and_sends_mail(editor_client, proposal, editor, servant, run_action):
    first, second = proposal("Water"), proposal("Waste", status=Status.IN_REVIEW)
    draft = proposal("Lighting", status=Status.DRAFT)
    response = run_action(editor_client, "publish", [first, second, draft])
    assert response.status_code == 302
    assert set(Practice.objects.filter(status=Status.PUBLISHED)) == {first, second}
    assert ReviewEvent.objects.filter(actor=editor, to_status=Status.PUBLISHED).count() == 2
    assert len(mail.outbox) == 2 and all(message.to == [servant.email] for message in mail.outbox)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    notes = [str(m) for m in editor_client.get(CHANGELIST).context["messages"]]
    assert any("2 practices" in note for note in notes)
    assert any("Lighting" in note and "cannot be published" in note for note in notes)


@pytest.mark.parametrize(
    ("action", "start", "end"),
    [("start_review", Status.SUBMITTED, Status.IN_REVIEW), ("archive", Status.PUBLISHED, Status.ARCHIVED)],
)
def test_bulk_review_and_archive(editor_client, proposal, run_action, action, start, end):
    practice = proposal(status=start)
    run_action(editor_client, action, [practice])
    practice.refresh_from_db()
    assert practice.status == end
    assert ReviewEvent.objects.get().to_status == end


def test_return_with_comments_asks_for_the_comment_first(editor_client, proposal, run_action, servant):
    practice = proposal()
    response = run_action(editor_client, "return_with_comments", [practice])
    assert response.status_code == 200
    assert response.templates[0].name == "admin/practices/practice/return_practices.html"
    assert "Kumbel water" in response.content.decode()

    response = run_action(editor_client, "return_with_comments", [practice], apply="1", comment="  ")
    assert response.status_code == 200
    assert response.context["form"].errors
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED
    assert mail.outbox == []

    response = run_action(editor_client, "return_with_comments", [practice], apply="1", comment="Добавьте фотографии.")
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == Status.DRAFT
    assert ReviewEvent.objects.get().comment == "Добавьте фотографии."
    assert [message.to for message in mail.outbox] == [[servant.email]]
    assert "Добавьте фотографии." in mail.outbox[0].body


# --- themes, tags, resources -------------------------------------------------------------------


def test_editor_edits_a_theme_in_every_language_but_cannot_delete_it(editor_client):
    theme = Theme.objects.get(slug="utilities")
    url = f"/admin/practices/theme/{theme.pk}/change/"
    page = editor_client.get(url)
    assert page.status_code == 200
    response = editor_client.post(url, resubmit(page, name_ru="Вода и отходы"))
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name_ru == "Вода и отходы"
    assert editor_client.get(f"/admin/practices/theme/{theme.pk}/delete/").status_code == 403


def test_editor_adds_a_tag(editor_client):
    page = editor_client.get("/admin/practices/tag/add/")
    response = editor_client.post("/admin/practices/tag/add/", resubmit(page, slug="water", name_ky="суу"))
    assert response.status_code == 302


def test_editor_adds_a_resource_with_a_checked_file(editor_client, isolated_storage, monkeypatch):
    indexed = []
    monkeypatch.setattr("portal.search.index", indexed.append)
    page = editor_client.get("/admin/practices/resource/add/")
    data = resubmit(
        page,
        title_ru="Руководство",
        slug="guide",
        kind="guide",
        audience="everyone",
        language="ru",
        visibility="public",
        is_published="on",
        file=files.pdf("guide.pdf"),
    )
    response = editor_client.post("/admin/practices/resource/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    resource = Resource.objects.get()
    assert (resource.content_type, resource.original_name) == ("application/pdf", "guide.pdf")
    assert resource.published_at is not None
    assert indexed == [resource]


def test_a_resource_needs_a_file_or_a_video(editor_client):
    page = editor_client.get("/admin/practices/resource/add/")
    data = resubmit(page, title_ru="Пусто", slug="empty", kind="guide", audience="everyone", language="ru")
    response = editor_client.post("/admin/practices/resource/add/", data)
    assert response.status_code == 200
    assert "file" in response.context["adminform"].form.errors


def test_a_fake_resource_file_is_refused(editor_client, isolated_storage):
    page = editor_client.get("/admin/practices/resource/add/")
    data = resubmit(
        page,
        title_ru="Фальшивка",
        slug="fake",
        kind="guide",
        audience="everyone",
        language="ru",
        file=files.upload("guide.pdf", files.image_bytes()),
    )
    response = editor_client.post("/admin/practices/resource/add/", data)
    assert response.status_code == 200
    assert not Resource.objects.exists()


def test_resources_are_published_and_unpublished_in_bulk(editor_client, make_resource):
    draft = make_resource("Draft guide", is_published=False, published_at=None)
    live = make_resource("Live guide")
    editor_client.post("/admin/practices/resource/", {"action": "publish", ACTION_CHECKBOX_NAME: [str(draft.pk)]})
    editor_client.post("/admin/practices/resource/", {"action": "unpublish", ACTION_CHECKBOX_NAME: [str(live.pk)]})
    draft.refresh_from_db()
    live.refresh_from_db()
    assert draft.is_published and draft.published_at is not None
    assert not live.is_published


@pytest.mark.parametrize(
    "query",
    [
        "kind__exact=guide",
        "audience__exact=deputies",
        "language__exact=ru",
        "is_published__exact=1",
        "themes__id__exact=1",
    ],
)
def test_editor_filters_resources(editor_client, make_resource, query):
    make_resource()
    assert editor_client.get(f"/admin/practices/resource/?{query}").status_code == 200


def test_a_stored_file_links_to_the_checked_download_not_to_the_storage(editor_client, make_resource):
    resource = make_resource("Guide")
    html = editor_client.get(f"/admin/practices/resource/{resource.pk}/change/").content.decode()
    assert f'href="{resource.get_download_url()}"' in html
    assert f">{resource.original_name}</a>" in html
    assert resource.file.name not in html


def test_the_themes_are_checkboxes_without_an_add_button(editor_client, proposal):
    html = editor_client.get(change_url(proposal())).content.decode()
    assert 'type="checkbox" name="themes"' in html
    assert "add_id_themes" not in html


def test_the_list_links_each_practice_to_its_page_or_preview(editor_client, proposal, make_practice):
    draft, live = proposal("Draft one"), make_practice("Live one")
    html = editor_client.get(CHANGELIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'href="/en/practices/{draft.slug}/">preview</a>' in html
    assert f'href="/en/practices/{live.slug}/">open</a>' in html
