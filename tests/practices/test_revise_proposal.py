"""A member changes a proposal the editors returned with comments, at
/<lang>/practices/propose/<slug>/, and sends it to them again.

Only the member who proposed it, only while it is a returned draft; the texts of the language
they wrote in are overwritten and no other; files may be removed and added; a refusal changes
nothing.
"""

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from practices import services, uploads
from practices.forms import PracticeRevisionForm, paragraphs, paragraphs_text
from practices.models import Attachment, Practice, ReviewEvent
from tests.practices import sample_files as files
from tests.practices.sample_files import isolated_storage_fixture  # noqa: F401 (the isolated_storage fixture)

pytestmark = pytest.mark.django_db

Status = Practice.Status
COMMENT = "Добавьте смету.\nИ фото насоса."


def url(practice, lang="ru"):
    return f"/{lang}/practices/propose/{practice.slug}/"


@pytest.fixture
def returned(servant, editor, theme, municipality, isolated_storage):
    """The servant's proposal, written in Russian with a PDF and two photos; an editor translated
    its title into Kyrgyz and returned it with a comment."""
    fields = {
        "title_ru": "Питьевая вода в Кумбеле",
        "summary_ru": "Айыл окмоту создал службу водоснабжения.",
        "problem_ru": paragraphs("Вода была не у всех.\n\nЛюди <носили> воду из арыка."),
        "actions_ru": paragraphs("Создали службу.\nНаняли оператора."),
        "results_ru": paragraphs("Вода есть у 1 200 домохозяйств."),
        "partners_ru": "ПРООН",
        "contact_position_ru": "глава айыл окмоту",
        "theme": theme,
        "municipality": municipality,
        "year": 2023,
        "beneficiaries": 4800,
        "total_cost": 1_500_000,
        "own_contribution": 390_000,
        "contact_name": "Айгүл Осмонова",
        "contact_phone": "+996 555 123 456",
        "contact_email": "aigul@example.kg",
        "video_url": "",
        "is_sigr": True,
    }
    practice = services.practice_propose(
        member=servant,
        fields=fields,
        documents=[files.pdf("plan.pdf")],
        document_language="ru",
        images=[files.png("cover.png"), files.jpeg("pump.jpg")],
        language="ru",
    )
    practice.title_ky = "Кумбелдеги ичүүчү суу"
    practice.save()
    services.practice_return(practice=practice, by=editor, comment=COMMENT)
    return practice


def shown(practice, member):
    """The form's fields as the page shows them, as a browser sends them back unchanged."""
    form = PracticeRevisionForm(practice=practice, member=member)
    data = {}
    for name, field in form.fields.items():
        if field.disabled or name in ("documents", "images", "remove_attachments", "remove_images"):
            continue
        value = form.initial.get(name, field.initial)
        if name == "is_sigr":
            if value:
                data[name] = "on"
        elif isinstance(value, list):
            data[name] = [str(item) for item in value]
        else:
            data[name] = "" if value is None else str(value)
    return data


@pytest.fixture
def post(client, isolated_storage, django_capture_on_commit_callbacks):
    """post(practice, member, documents=[...], images=[...], **changes): the form sent back with changes."""

    def send(practice, member, *, documents=(), images=(), lang="ru", **changes):
        data = {**shown(practice, member), **changes}
        data["documents"] = list(documents)
        data["images"] = list(images)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url(practice, lang), data)

    return send


def snapshot(practice):
    """What a refused or forbidden request must leave as it was."""
    practice = Practice.objects.get(pk=practice.pk)
    return (
        practice.status,
        practice.title_ru,
        practice.title_ky,
        practice.problem_ru,
        practice.total_cost,
        practice.cover.name,
        sorted(practice.attachments.values_list("file", flat=True)),
        sorted(practice.images.values_list("image", flat=True)),
        ReviewEvent.objects.filter(practice=practice).count(),
    )


# --- the form ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_it_shows_the_form_filled_with_the_proposal_and_the_editors_comment(client, servant, returned, lang):
    client.force_login(servant)
    response = client.get(url(returned, lang))
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override(lang):
        assert translation.gettext("What the editors asked for") in html
        assert translation.gettext("Send to the editors again") in html
    assert "Добавьте смету.<br>И фото насоса." in html
    # The texts of the language the member wrote in, paragraphs as plain text again.
    assert 'value="Питьевая вода в Кумбеле"' in html
    assert ">\nВода была не у всех.\n\nЛюди &lt;носили&gt; воду из арыка.</textarea>" in html
    assert ">\nСоздали службу.\nНаняли оператора.</textarea>" in html
    assert 'value="ru" required disabled id="id_language_1" checked>' in html  # cannot be switched
    assert 'value="1 500 000"' in html
    assert 'id="id_is_sigr" checked>' in html
    # The files already sent, each with a box to remove it; the consent was given with the proposal.
    attachment = returned.attachments.get()
    assert f'name="remove_attachments" value="{attachment.pk}"' in html
    assert f"/{lang}/practices/{returned.slug}/files/{attachment.pk}/" in html
    assert 'name="remove_images" value="cover"' in html
    assert f'name="remove_images" value="{returned.images.get().pk}"' in html
    assert 'name="note"' in html
    assert 'name="consent"' not in html


def test_it_reads_the_language_the_member_wrote_in():
    practice = Practice(title_ky="Кыскача", title_ru="Питьевая вода", summary_ru="Кратко", problem_ru="<p>Да</p>")
    assert services.proposal_language(practice) == "ru"
    assert services.proposal_language(Practice(title_ky="Суу", title_en="Water")) == "ky"
    assert services.proposal_language(Practice(title_en="Water", summary_en="Short")) == "en"


def test_rich_text_comes_back_as_plain_paragraphs():
    html = "<h2>Шаги</h2><ul><li>Один &amp; два</li><li>Три</li></ul><p>а<br>б</p>"
    assert paragraphs_text(html) == "Шаги\n\nОдин & два\n\nТри\n\nа\nб"
    assert paragraphs_text(paragraphs("Раз.\n\nДва,\nтри.")) == "Раз.\n\nДва,\nтри."


# --- the happy path ----------------------------------------------------------------------------


def test_the_member_changes_the_proposal_and_sends_it_again(client, servant, editor, returned, post, isolated_storage):
    client.force_login(servant)
    old = returned.attachments.get()
    public, private = isolated_storage
    assert files.stored_files(private) == [old.file.name]
    response = post(
        returned,
        servant,
        title="Питьевая вода в Кумбеле: своя служба",
        results="Вода есть у 1 400 домохозяйств.\n\nЖалоб стало меньше.",
        total_cost="1 600 000",
        remove_attachments=[str(old.pk)],
        documents=[files.pdf("smeta_2023.pdf")],
        note="  Добавила смету и фото насоса.  ",
    )
    assert response.status_code == 302
    assert response["Location"] == "/ru/accounts/profile/#my-proposals"

    practice = Practice.objects.get(pk=returned.pk)
    assert practice.status == Status.SUBMITTED
    assert practice.slug == returned.slug
    # The Russian texts changed; the editor's Kyrgyz title stayed; no other language was filled.
    assert practice.title_ru == "Питьевая вода в Кумбеле: своя служба"
    assert practice.results_ru == "<p>Вода есть у 1 400 домохозяйств.</p>\n\n<p>Жалоб стало меньше.</p>"
    assert practice.problem_ru == returned.problem_ru
    assert practice.title_ky == "Кумбелдеги ичүүчү суу"
    assert not practice.summary_ky and not practice.title_en and not practice.results_en
    assert practice.total_cost == 1_600_000 and practice.is_sigr

    # The old PDF is gone from the database and the storage; the new one is there.
    new = practice.attachments.get()
    assert new.original_name == "smeta_2023.pdf" and new.title_ru == "smeta 2023"
    assert not Attachment.objects.filter(pk=old.pk).exists()
    assert files.stored_files(private) == [new.file.name]
    assert practice.cover and practice.images.count() == 1

    event = ReviewEvent.objects.filter(practice=practice).last()
    assert (event.actor, event.from_status, event.to_status) == (servant, Status.DRAFT, Status.SUBMITTED)
    assert event.comment == "Добавила смету и фото насоса."

    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert f"/admin/practices/practice/{practice.pk}/change/" in mail.outbox[0].body
    # The editors read that it is a proposal sent again, with the member's note.
    with translation.override(editor.preferred_language):
        resent = gettext("Proposal sent again after changes: “%(title)s”") % {"title": practice.title}
    assert mail.outbox[0].subject == resent
    assert "Добавила смету и фото насоса." in mail.outbox[0].body


def test_the_success_message_and_the_state_show_on_the_profile(client, servant, returned, post):
    client.force_login(servant)
    response = post(returned, servant)
    html = client.get(response["Location"]).content.decode()
    assert "Питьевая вода в Кумбеле" in html
    assert 'data-testid="edit-proposal"' not in html


def test_texts_sent_back_unchanged_keep_the_editors_formatting(client, servant, returned, post):
    formatted = "<ul>\n<li>Создали службу.</li>\n<li>Наняли оператора.</li>\n</ul>"
    Practice.objects.filter(pk=returned.pk).update(actions_ru=formatted)
    returned.refresh_from_db()
    client.force_login(servant)
    # The page shows the list as paragraphs, and the browser sends them back with \r\n.
    actions = shown(returned, servant)["actions"].replace("\n", "\r\n")
    assert post(returned, servant, actions=actions).status_code == 302
    assert Practice.objects.get(pk=returned.pk).actions_ru == formatted


def test_a_member_who_wrote_in_kyrgyz_changes_the_kyrgyz_texts(client, servant, editor, theme, post):
    practice = services.practice_propose(
        member=servant,
        fields={"title_ky": "Суу түтүгү", "summary_ky": "Кыскача.", "problem_ky": "<p>Көйгөй</p>", "theme": theme},
        language="ky",
        document_language="ky",
    )
    Practice.objects.filter(pk=practice.pk).update(title_ru="Водопровод")
    services.practice_return(practice=practice, by=editor, comment="Толуктаңыз.")
    client.force_login(servant)
    data = {"actions": "Курдук.", "results": "Суу бар.", "contact_name": "Айгүл", "contact_phone": "0555"}
    assert post(practice, servant, lang="ky", title="Жаңы суу түтүгү", **data).status_code == 302
    practice.refresh_from_db()
    assert (practice.title_ky, practice.title_ru) == ("Жаңы суу түтүгү", "Водопровод")
    assert practice.actions_ky == "<p>Курдук.</p>" and not practice.actions_ru


def test_removing_the_cover_makes_the_next_photo_the_cover(client, servant, returned, post, isolated_storage):
    client.force_login(servant)
    cover, gallery = returned.cover.name, returned.images.get().image.name
    public, _private = isolated_storage
    assert post(returned, servant, remove_images=["cover"]).status_code == 302
    practice = Practice.objects.get(pk=returned.pk)
    assert practice.cover.name == gallery
    assert (practice.cover_width, practice.cover_height) == (64, 40)
    assert not practice.images.exists()
    stored = files.stored_files(public)
    assert cover not in stored and gallery in stored


def test_new_photos_give_a_practice_without_photos_a_cover(client, servant, returned, post, isolated_storage):
    client.force_login(servant)
    photos = ["cover", str(returned.images.get().pk)]
    response = post(returned, servant, remove_images=photos, images=[files.png("new.png"), files.jpeg("two.jpg")])
    assert response.status_code == 302
    practice = Practice.objects.get(pk=returned.pk)
    assert practice.cover and practice.cover.name != returned.cover.name
    assert [image.image.name.endswith(".jpg") for image in practice.images.all()] == [True]
    public, _private = isolated_storage
    originals = [name for name in files.stored_files(public) if not name.startswith("thumbnails/")]
    assert sorted(originals) == sorted([practice.cover.name, practice.images.get().image.name])


# --- refusals: nothing changes -----------------------------------------------------------------


def test_invalid_changes_are_refused_in_the_readers_language_and_nothing_changes(
    client, servant, returned, post, isolated_storage
):
    client.force_login(servant)
    before, stored = snapshot(returned), files.stored_files(*isolated_storage)
    attachment = returned.attachments.get()
    response = post(
        returned,
        servant,
        lang="ky",
        title="",
        total_cost="100",
        remove_attachments=[str(attachment.pk)],
        remove_images=["cover"],
        documents=[files.png("scan.pdf")],
    )
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override("ky"):
        assert translation.gettext("Please correct the errors below; nothing has been saved yet.") in html
        refusal = translation.gettext("“%(name)s” is not a PDF file: its content is of another type.")
        assert refusal % {"name": "scan.pdf"} in html
    assert 'href="#id_title"' in html and 'href="#id_own_contribution"' in html
    assert snapshot(returned) == before
    assert files.stored_files(*isolated_storage) == stored
    assert mail.outbox == []


def test_the_file_limits_count_the_files_kept(client, servant, returned, post, monkeypatch, isolated_storage):
    monkeypatch.setattr(uploads, "MAX_DOCUMENTS", 2)
    client.force_login(servant)
    before = snapshot(returned)
    with translation.override("en"):
        response = post(returned, servant, lang="en", documents=[files.pdf("a.pdf"), files.pdf("b.pdf")])
    assert response.status_code == 200
    assert "at most 2 documents, counting those already sent that you keep" in response.content.decode()
    assert snapshot(returned) == before
    # Removing the one already sent makes room.
    attachment = returned.attachments.get()
    response = post(
        returned, servant, documents=[files.pdf("a.pdf"), files.pdf("b.pdf")], remove_attachments=[str(attachment.pk)]
    )
    assert response.status_code == 302
    assert Practice.objects.get(pk=returned.pk).attachments.count() == 2


def test_a_second_send_from_another_tab_is_refused(client, servant, returned, post):
    client.force_login(servant)
    assert post(returned, servant).status_code == 302
    before = snapshot(returned)
    response = post(returned, servant, title="Ещё раз")
    assert response.status_code == 404
    assert 'data-testid="revise-closed"' in response.content.decode()
    assert snapshot(returned) == before


# --- who may change it -------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["deputy", "editor", "ulsg_admin"])
def test_anyone_but_the_member_who_proposed_it_gets_404(who, client, request, returned, post):
    client.force_login(request.getfixturevalue(who))
    before = snapshot(returned)
    assert client.get(url(returned)).status_code == 404
    member = request.getfixturevalue("servant")
    assert post(returned, member, title="Чужое").status_code == 404
    assert snapshot(returned) == before


def test_anonymous_visitors_are_asked_to_sign_in_first(client, servant, returned, post):
    before = snapshot(returned)
    response = client.get(url(returned))
    assert response.status_code == 302
    assert response["Location"] == f"/ru/accounts/login/?next=/ru/practices/propose/{returned.slug}/"
    assert post(returned, servant, title="Аноним").status_code == 302
    assert snapshot(returned) == before


def test_a_member_who_may_no_longer_propose_gets_the_explanation(client, servant, returned):
    servant.groups.clear()
    client.force_login(servant)
    response = client.get(url(returned))
    assert response.status_code == 404
    assert 'data-testid="revise-closed"' in response.content.decode()


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.IN_REVIEW, Status.PUBLISHED, Status.ARCHIVED])
def test_a_proposal_not_waiting_for_changes_gets_404_with_an_explanation(client, servant, returned, post, status):
    Practice.objects.filter(pk=returned.pk).update(status=status)
    client.force_login(servant)
    before = snapshot(returned)
    response = client.get(url(returned, "ky"))
    assert response.status_code == 404
    html = response.content.decode()
    assert 'data-testid="revise-closed"' in html and 'name="title"' not in html
    assert post(returned, servant, title="Новое").status_code == 404
    assert snapshot(returned) == before


def test_a_draft_that_was_never_returned_gets_404(client, servant, make_practice):
    draft = make_practice("Draft", status=Status.DRAFT, submitted_by=servant, published_at=None)
    client.force_login(servant)
    assert client.get(url(draft)).status_code == 404


def test_an_unknown_practice_gets_404(client, servant):
    client.force_login(servant)
    assert client.get("/ru/practices/propose/no-such-practice/").status_code == 404


def test_wrong_method_is_refused(client, servant, returned):
    client.force_login(servant)
    before = snapshot(returned)
    assert client.put(url(returned)).status_code == 405
    assert client.delete(url(returned)).status_code == 405
    assert snapshot(returned) == before


def test_the_service_refuses_someone_else(returned, deputy):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.practice_revise(
            practice=returned,
            member=deputy,
            fields={},
            themes=[],
            documents=[],
            document_language="ru",
            images=[],
            remove_attachments=[],
            remove_images=[],
            language="ru",
        )


# --- the profile and the e-mail ----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_profile_links_a_returned_proposal_to_its_edit_page(client, servant, returned, make_practice, lang):
    make_practice("Waiting", status=Status.SUBMITTED, submitted_by=servant, published_at=None)
    client.force_login(servant)
    html = client.get(f"/{lang}/accounts/profile/").content.decode()
    assert html.count('data-testid="edit-proposal"') == 1
    assert f'href="/{lang}/practices/propose/{returned.slug}/"' in html
    with translation.override(lang):
        assert translation.gettext("Edit and send again") in html


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_return_email_links_to_the_edit_page_in_the_members_language(
    servant, editor, make_practice, django_capture_on_commit_callbacks, lang
):
    servant.preferred_language = lang
    servant.save()
    practice = make_practice("Water", status=Status.SUBMITTED, submitted_by=servant, published_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_return(practice=practice, by=editor, comment="Добавьте смету.")
    body = mail.outbox[0].body
    assert f"http://127.0.0.1:8000/{lang}/practices/propose/{practice.slug}/" in body
    with translation.override(lang):
        assert translation.gettext("If you have questions, write to the Union of Local Self-Governments.") in body
