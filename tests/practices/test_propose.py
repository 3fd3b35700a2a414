"""Members propose practices at /<lang>/practices/propose/: one form with documents and photos.

Approved members only; visitors and pending members are told how to become members. A bad
file is refused with a message naming it, and then nothing at all is saved.
"""

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import translation

from accounts.models import User
from practices import services
from practices.models import Attachment, Practice, PracticeImage, ReviewEvent, Theme
from tests.practices import sample_files as files
from tests.practices.sample_files import isolated_storage_fixture  # noqa: F401 (the isolated_storage fixture)

pytestmark = pytest.mark.django_db

URL = "/ru/practices/propose/"
EN_URL = "/en/practices/propose/"  # where a test reads the English messages themselves


def form_data(theme, municipality, /, **overrides):
    data = {
        "language": "ru",
        "title": "Питьевая вода в Кумбеле",
        "summary": "Айыл окмоту создал муниципальную службу водоснабжения.",
        "theme": str(theme.pk),
        "themes": [],
        "municipality": str(municipality.pk),
        "year": "2023",
        "problem": "Вода была не у всех.\n\nЛюди <script>носили</script> воду из арыка.",
        "actions": "Создали службу.\nНаняли оператора.",
        "results": "Вода есть у 1 200 домохозяйств.",
        "beneficiaries": "4 800",
        "total_cost": "1 500 000",
        "own_contribution": "390 000",
        "partners": "ПРООН",
        "contact_name": "Айгүл Осмонова",
        "contact_position": "глава айыл окмоту",
        "contact_phone": "+996 555 123 456",
        "contact_email": "aigul@example.kg",
        "video_url": "",
        "document_language": "ru",
        "consent": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def post(client, theme, municipality, isolated_storage, django_capture_on_commit_callbacks):
    """post(documents=[...], images=[...], **fields) as the signed-in member; e-mails on commit are sent."""

    def send(documents=(), images=(), url=URL, **fields):
        data = form_data(theme, municipality, **fields)
        data["documents"] = list(documents)
        data["images"] = list(images)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return send


def assert_nothing_saved(storage):
    assert not Practice.objects.exists()
    assert not Attachment.objects.exists()
    assert not PracticeImage.objects.exists()
    assert not ReviewEvent.objects.exists()
    assert files.stored_files(*storage) == []
    assert mail.outbox == []


# --- who may propose --------------------------------------------------------------------------


def test_anonymous_visitor_is_told_how_to_become_a_member(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="propose-anonymous"' in html
    assert "/ru/accounts/login/?next=/ru/practices/propose/" in html
    assert "/ru/accounts/signup/" in html
    assert 'name="title"' not in html


def test_pending_member_is_told_the_application_waits(client, pending_member):
    client.force_login(pending_member)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="propose-pending"' in html
    assert "/ru/accounts/profile/" in html
    assert 'name="title"' not in html


def test_rejected_member_is_told_to_write_to_the_union(client, make_member):
    client.force_login(make_member(status=User.Status.REJECTED, email="no@example.kg"))
    assert 'data-testid="propose-refused"' in client.get(URL).content.decode()


@pytest.mark.parametrize("who", ["anonymous", "pending_member"])
def test_those_who_may_not_propose_cannot_post_either(who, client, request, post, isolated_storage):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = post(documents=[files.pdf()])
    assert response.status_code == 403
    assert_nothing_saved(isolated_storage)


@pytest.mark.parametrize("who", ["servant", "deputy", "editor"])
def test_approved_members_and_editors_see_the_form(who, client, request, municipality):
    member = request.getfixturevalue(who)
    client.force_login(member)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert f'<option value="{municipality.pk}" selected>' in html
    assert f'value="{member.email}"' in html
    assert 'name="documents"' in html and "multiple" in html


def test_the_form_is_in_the_readers_language(client, servant):
    client.force_login(servant)
    html = client.get("/ky/practices/propose/").content.decode()
    with translation.override("ky"):
        assert translation.gettext("Language you are writing in") in html
        assert Theme.objects.get(slug="utilities").name in html


def test_wrong_method_is_refused(client, servant):
    client.force_login(servant)
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405


# --- the happy path ----------------------------------------------------------------------------


def test_a_servant_proposes_a_practice_with_a_pdf_and_photos(
    client,
    servant,
    editor,
    post,
    theme,
    municipality,
    isolated_storage,
):
    client.force_login(servant)
    further = Theme.objects.get(slug="budget")
    response = post(
        documents=[files.pdf("plan_vodosnabzheniya.pdf")],
        images=[files.png("cover.png"), files.jpeg("pump.jpg")],
        themes=[str(further.pk), str(theme.pk)],
    )
    assert response.status_code == 302
    assert response["Location"] == "/ru/accounts/profile/#my-proposals"

    practice = Practice.objects.get()
    assert practice.status == Practice.Status.SUBMITTED
    assert practice.submitted_by == servant
    assert practice.title_ru == "Питьевая вода в Кумбеле"
    assert not practice.title_ky and not practice.title_en
    assert practice.slug == "pitevaya-voda-v-kumbele"
    assert practice.problem_ru == (
        "<p>Вода была не у всех.</p>\n\n<p>Люди &lt;script&gt;носили&lt;/script&gt; воду из арыка.</p>"
    )
    assert practice.actions_ru == "<p>Создали службу.<br>Наняли оператора.</p>"
    assert (practice.theme, list(practice.themes.all())) == (theme, [further])
    assert (practice.municipality, practice.year, practice.beneficiaries) == (municipality, 2023, 4800)
    assert (practice.total_cost, practice.own_contribution, practice.own_share) == (1_500_000, 390_000, 26)
    assert practice.contact_position_ru == "глава айыл окмоту"
    assert practice.published_at is None

    attachment = practice.attachments.get()
    assert attachment.title_ru == "plan vodosnabzheniya"
    assert (attachment.language, attachment.content_type) == ("ru", "application/pdf")
    assert attachment.original_name == "plan_vodosnabzheniya.pdf"
    assert attachment.size > 0
    assert "Kumbel drinking water" in attachment.text
    assert practice.cover and (practice.cover_width, practice.cover_height) == (64, 40)
    assert [image.image.name.endswith(".jpg") for image in practice.images.all()] == [True]
    public, private = isolated_storage
    assert len(files.stored_files(private)) == 1
    assert len([name for name in files.stored_files(public) if not name.startswith("thumbnails/")]) == 2

    event = ReviewEvent.objects.get()
    assert (event.actor, event.from_status, event.to_status) == (servant, "", Practice.Status.SUBMITTED)


def test_editors_are_told_in_their_language(client, servant, editor, ulsg_admin, post):
    client.force_login(servant)
    post()
    practice = Practice.objects.get()
    assert [message.to for message in mail.outbox] == [[editor.email]]
    message = mail.outbox[0]
    assert "Питьевая вода в Кумбеле" in message.subject
    assert f"/admin/practices/practice/{practice.pk}/change/" in message.body
    with translation.override("ky"):
        assert translation.gettext("Review it in the admin:") in message.body


def test_the_member_is_thanked_on_the_profile(client, servant, post):
    client.force_login(servant)
    post()
    html = client.get("/ru/accounts/profile/").content.decode()
    assert "Питьевая вода в Кумбеле" in html
    assert 'data-testid="proposal-status"' in html


def test_a_practice_at_national_level_has_no_municipality(client, servant, post):
    client.force_login(servant)
    assert post(municipality="").status_code == 302
    assert Practice.objects.get().municipality is None


def test_a_member_writing_in_kyrgyz_fills_the_kyrgyz_fields(client, servant, post):
    client.force_login(servant)
    post(language="ky", title="Кумбелдеги ичүүчү суу")
    practice = Practice.objects.get()
    assert practice.title_ky == "Кумбелдеги ичүүчү суу"
    assert practice.summary_ky and not practice.summary_ru
    assert practice.slug == "kumbeldegi-ichuuchu-suu"


# --- refusals: nothing saved -------------------------------------------------------------------


def assert_refused(response, storage, *expected):
    assert response.status_code == 200
    html = response.content.decode()
    for text in expected:
        assert text in html, text
    assert 'id="error-summary"' in html
    assert_nothing_saved(storage)
    return html


def test_a_file_that_is_not_really_a_pdf_is_refused(client, servant, post, isolated_storage):
    client.force_login(servant)
    response = post(url=EN_URL, documents=[files.pdf("good.pdf"), files.png("scan.pdf")], images=[files.png()])
    html = assert_refused(response, isolated_storage, "“scan.pdf” is not a PDF file: its content is of another type.")
    # What was typed is kept; the files must be chosen again, and the page says so.
    assert "Питьевая вода в Кумбеле" in html
    assert "1 500 000" in html
    assert "were not kept: choose them again" in html


def test_a_text_file_named_pdf_is_refused(client, servant, post, isolated_storage):
    client.force_login(servant)
    response = post(documents=[files.upload("report.pdf", b"Just text pretending", "application/pdf")])
    assert_refused(response, isolated_storage, "report.pdf")


def test_an_image_of_huge_pixel_dimensions_is_refused(client, servant, post, isolated_storage):
    client.force_login(servant)
    response = post(url=EN_URL, images=[files.upload("bomb.png", files.huge_png_header(), "image/png")])
    assert_refused(response, isolated_storage, "“bomb.png” is too large an image")


@override_settings(UPLOAD_MAX_IMAGE_PIXELS=1000)
def test_the_pixel_limit_applies_to_ordinary_photos_too(client, servant, post, isolated_storage):
    client.force_login(servant)
    assert_refused(post(url=EN_URL, images=[files.png("wide.png")]), isolated_storage, "“wide.png”")


@override_settings(UPLOAD_MAX_FILE_SIZE=500)
def test_a_file_over_the_size_limit_is_refused(client, servant, post, isolated_storage):
    client.force_login(servant)
    response = post(url=EN_URL, documents=[files.upload("big.pdf", files.pdf_bytes() + b"%" * 600)])
    assert_refused(response, isolated_storage, "“big.pdf” is too large")


def test_too_many_documents_are_refused(client, servant, post, isolated_storage):
    client.force_login(servant)
    response = post(url=EN_URL, documents=[files.pdf(f"{n}.pdf") for n in range(11)])
    assert_refused(response, isolated_storage, "Attach at most 10 documents.")


def test_refusals_are_in_the_readers_language(client, servant, post, isolated_storage):
    client.force_login(servant)
    response = post(url="/ky/practices/propose/", documents=[files.png("scan.pdf")])
    with translation.override("ky"):
        expected = translation.gettext("“%(name)s” is not a PDF file: its content is of another type.") % {
            "name": "scan.pdf"
        }
        summary = translation.gettext("Please correct the errors below; nothing has been saved yet.")
    assert_refused(response, isolated_storage, expected, summary)


def test_own_contribution_cannot_exceed_the_total_cost(client, servant, post, isolated_storage):
    client.force_login(servant)
    response = post(url=EN_URL, total_cost="100", own_contribution="200")
    assert_refused(response, isolated_storage, "cannot be larger than the total cost")


@pytest.mark.parametrize(
    ("field", "value"),
    [("total_cost", "-5"), ("beneficiaries", "many"), ("year", "1850"), ("year", "2999"), ("video_url", "nope")],
)
def test_bad_figures_are_refused(field, value, client, servant, post, isolated_storage):
    client.force_login(servant)
    assert_refused(post(**{field: value}), isolated_storage, f'href="#id_{field}"')


@pytest.mark.parametrize("field", ["title", "summary", "theme", "problem", "actions", "results", "consent"])
def test_required_fields_are_asked_for(field, client, servant, post, isolated_storage):
    client.force_login(servant)
    data = {field: ""}
    html = assert_refused(post(**data), isolated_storage, "error-summary")
    assert f'href="#id_{field}"' in html


def test_a_contact_phone_or_email_is_needed(client, servant, post, isolated_storage):
    client.force_login(servant)
    assert_refused(post(contact_phone="", contact_email=""), isolated_storage, 'href="#id_contact_phone"')


def test_a_failure_while_saving_leaves_no_row_and_no_file(
    client,
    servant,
    post,
    isolated_storage,
    monkeypatch,
):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(services, "_add_gallery", broken)
    client.force_login(servant)
    client.raise_request_exception = False
    response = post(documents=[files.pdf()], images=[files.png(), files.png("two.png")])
    assert response.status_code == 500
    assert_nothing_saved(isolated_storage)
