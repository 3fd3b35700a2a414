"""One practice's page at /<lang>/practices/<slug>/: everything the practice holds, who may
see it (or preview it), the fallback language, related practices, and a fixed number of queries."""

import io

import pytest
from django.core.files.base import ContentFile
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import pgettext
from PIL import Image

from accounts.models import User
from accounts.roles import Role
from practices.models import Attachment, Practice, PracticeImage, Tag, Theme

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def jpeg(width=900, height=600):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (40, 110, 160)).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), "photo.jpg")


def add_attachment(practice, title="Project report", language="ru", size=250_000):
    attachment = Attachment(practice=practice, title_ru=title, title_ky=title, language=language)
    attachment.file.save("report.pdf", ContentFile(b"%PDF-1.4\n" + b"x" * size), save=False)
    attachment.size, attachment.original_name, attachment.content_type = size, "report.pdf", "application/pdf"
    attachment.save()
    return attachment


def add_image(practice, caption="Well"):
    image = PracticeImage(practice=practice, caption_ru=caption, caption_ky=caption)
    image.image.save("photo.jpg", jpeg(), save=False)
    image.save()
    return image


@pytest.fixture
def kumbel(make_practice, theme):
    """A full practice in Russian and Kyrgyz. Made with Russian active, as saving with another language
    active copies Russian rich text into that language's column (RichTextField.pre_save reads the
    fallback through modeltranslation's descriptor and writes it back)."""
    with translation.override("ru"):
        practice = make_practice(
            "Kumbel drinking water",
            summary_ru="Служба питьевой воды для 4 800 жителей.",
            summary_ky="4 800 тургунга ичүүчү суу кызматы.",
            problem_ru="<p>Воду носили из арыка.</p>",
            problem_ky="<p>Сууну арыктан ташышчу.</p>",
            actions_ru="<p>Создали службу.</p>",
            actions_ky="<p>Кызмат түзүлдү.</p>",
            results_ru="<p>Вода круглосуточно.</p>",
            results_ky="<p>Суу күнү-түнү.</p>",
            beneficiaries=150_000,
            total_cost=97_000_000,
            own_contribution=25_220_000,
            partners_ru="ПРООН",
            contact_name="Айгүл Сыдыкова",
            contact_position_ru="специалист",
            contact_phone="+996 (3922) 5-12-34",
            contact_email="water@kumbel.kg",
            video_url="https://www.youtube.com/watch?v=abc",
            is_sigr=True,
            year=2022,
            themes=[Theme.objects.get(slug="budget")],
            tags=[Tag.objects.create(slug="water", name_ru="вода", name_ky="суу")],
        )
    return practice


def url(practice, lang="ru"):
    return f"/{lang}/practices/{practice.slug}/"


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_it_shows_the_whole_practice(client, kumbel, lang):
    response = client.get(url(kumbel, lang))
    assert response.status_code == 200
    html = response.content.decode()
    texts = {
        "ky": [
            "Kumbel drinking water (ky)",
            "4 800 тургунга",
            "Сууну арыктан",
            "Кызмат түзүлдү",
            "Суу күнү-түнү",
            "суу",
        ],
        "ru": [
            "Kumbel drinking water (ru)",
            "Служба питьевой воды",
            "Воду носили",
            "Создали службу",
            "круглосуточно",
            "вода",
        ],
    }[lang]
    for text in texts:
        assert text in html
    assert '<ul class="tags"><li>' + {"ky": "суу", "ru": "вода"}[lang] in html
    assert f'<a href="/{lang}/practices/">' in html  # breadcrumbs: Practices › theme › title
    assert f'<a href="/{lang}/practices/themes/utilities/">' in html
    assert f'href="/{lang}/municipalities/test-kumbel/"' in html
    assert f'href="/{lang}/practices/themes/budget/"' in html  # a further theme
    assert "2022" in html and "badge-sigr" in html
    assert "Айгүл Сыдыкова" in html
    assert 'href="tel:+99639225123' in html and 'href="mailto:water@kumbel.kg"' in html
    assert 'href="https://www.youtube.com/watch?v=abc"' in html and "<iframe" not in html
    assert "ПРООН" in html
    assert "<time datetime=" in html  # last updated
    assert "notice-preview" not in html and 'name="robots"' not in html


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_it_shows_the_figures_with_the_own_share(client, kumbel, lang):
    with translation.override(lang):
        html = client.get(url(kumbel, lang)).content.decode()
        som = pgettext("currency", "som")
    assert f"150{NBSP}000" in html
    assert f"97{NBSP}000{NBSP}000{NBSP}{som}" in html
    assert f"25{NBSP}220{NBSP}000{NBSP}{som}" in html
    assert f"26{NBSP}%" in html


def test_it_leaves_out_the_figures_it_does_not_have(client, make_practice):
    practice = make_practice("No figures")
    html = client.get(url(practice)).content.decode()
    assert 'class="figures"' not in html


def test_it_lists_the_attachments_with_language_size_and_type(client, kumbel):
    attachment = add_attachment(kumbel, title="Project report", language="ky", size=250_000)
    with translation.override("en"):
        html = client.get(url(kumbel, "en")).content.decode()
    assert f'href="/en/practices/{kumbel.slug}/files/{attachment.pk}/"' in html
    assert "Project report" in html
    assert "PDF, 244.1\xa0KB, Kyrgyz" in html
    assert f'data-print-url="http://testserver/en/practices/{kumbel.slug}/files/{attachment.pk}/"' in html


def test_it_shows_the_cover_and_the_gallery(client, kumbel):
    kumbel.cover.save("cover.jpg", jpeg(1600, 1000))
    image = add_image(kumbel, caption="Новая скважина")
    html = client.get(url(kumbel)).content.decode()
    assert 'width="1200" height="750"' in html  # the large cover, fitted into 1200 px
    assert f'href="{image.large.url}"' in html and f'src="{image.thumbnail.url}"' in html
    assert 'width="480" height="300" loading="lazy"' in html
    assert "Новая скважина" in html


def test_it_shows_related_and_the_municipalitys_other_practices(client, kumbel, make_practice, municipality):
    budget = Theme.objects.get(slug="budget")
    for number in range(5):
        make_practice(f"Same theme {number}")
    make_practice("Same theme, members only", visibility="members")
    make_practice("Same theme, draft", status=Practice.Status.DRAFT)
    make_practice("Other theme, same place", theme=budget, year=2025)
    response = client.get(url(kumbel))
    related = [p.title_en for p in response.context["related"]]
    nearby = [p.title_en for p in response.context["nearby"]]
    assert related == [f"Same theme {number}" for number in range(4)]
    assert nearby[0] == "Other theme, same place" and len(nearby) == 4
    assert "Kumbel drinking water" not in related + nearby
    html = response.content.decode()
    assert "Same theme 0 (ru)" in html and "members only" not in html and "draft" not in html


def test_a_national_practice_has_no_municipality_section(client, make_practice):
    practice = make_practice("National", municipality=None)
    response = client.get(url(practice))
    assert response.status_code == 200
    assert response.context["nearby"] == []


@pytest.mark.parametrize(
    ("visibility", "who", "status"),
    [
        ("members", "anonymous", 403),
        ("members", "pending", 403),
        ("members", "servant", 200),
        ("deputies", "anonymous", 403),
        ("deputies", "servant", 403),
        ("deputies", "deputy", 200),
        ("deputies", "editor", 200),
        ("public", "anonymous", 200),
    ],
)
def test_who_may_read_a_restricted_practice(client, make_member, make_practice, visibility, who, status):
    practice = make_practice("Restricted", visibility=visibility)
    if who == "pending":
        client.force_login(make_member(Role.DEPUTY, status=User.Status.PENDING))
    elif who != "anonymous":
        client.force_login(make_member(Role(who)))
    response = client.get(url(practice))
    assert response.status_code == status
    if status == 200 and visibility != "public":
        html = response.content.decode()
        assert "badge-restricted" in html and '<meta name="robots" content="noindex">' in html


@pytest.mark.parametrize("status", ["draft", "submitted", "in_review", "archived"])
def test_an_unpublished_practice_is_not_found_by_others(client, make_member, make_practice, status):
    practice = make_practice("Unpublished", status=status)
    assert client.get(url(practice)).status_code == 404
    client.force_login(make_member(Role.DEPUTY))
    assert client.get(url(practice)).status_code == 404


@pytest.mark.parametrize("viewer", ["submitter", "editor"])
def test_the_submitter_and_editors_preview_an_unpublished_practice(client, servant, editor, make_practice, viewer):
    practice = make_practice("Proposal", status=Practice.Status.SUBMITTED, submitted_by=servant)
    client.force_login(servant if viewer == "submitter" else editor)
    with translation.override("en"):
        response = client.get(url(practice, "en"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "notice-preview" in html and "this practice is not published (status: submitted)" in html
    assert '<meta name="robots" content="noindex">' in html


def test_the_fallback_language_is_marked_and_announced(client, make_practice):
    with translation.override("ru"):
        practice = make_practice("Only in Russian", title_ky="", summary_ky="", results_ru="<p>Итоги на русском.</p>")
    with translation.override("en"):
        html = client.get(url(practice, "ky")).content.decode()
    assert '<h1 id="practice-title" lang="ru">Only in Russian (ru)</h1>' in html
    assert "fallback-notice" in html
    assert '<div lang="ru"><p>Итоги на русском.</p></div>' in html


def test_a_translated_practice_has_no_fallback_notice(client, kumbel):
    html = client.get(url(kumbel, "ky")).content.decode()
    assert "fallback-notice" not in html
    assert '<h1 id="practice-title">' in html


def test_an_unknown_practice_is_not_found(client):
    assert client.get("/ru/practices/no-such-practice/").status_code == 404


def test_it_refuses_post(client, kumbel):
    assert client.post(url(kumbel)).status_code == 405


def test_reading_changes_nothing(client, kumbel):
    before = Practice.objects.get(pk=kumbel.pk).updated_at
    client.get(url(kumbel))
    assert Practice.objects.get(pk=kumbel.pk).updated_at == before


@pytest.mark.parametrize("each", [1, 5])
def test_the_practice_page_runs_a_fixed_number_of_queries(
    client, kumbel, make_practice, django_assert_num_queries, each
):
    kumbel.cover.save("cover.jpg", jpeg())
    kumbel.themes.set(Theme.objects.exclude(pk=kumbel.theme_id)[:each])
    kumbel.tags.set([Tag.objects.create(slug=f"tag-{n}", name_ru=f"тег {n}") for n in range(each)])
    for number in range(each):
        add_attachment(kumbel, title=f"Document {number}", size=100)
        add_image(kumbel, caption=f"Photo {number}")
        make_practice(f"Related {number}")
    # 1 the practice (theme and place joined), 2 its themes, 3 tags, 4 images, 5 attachments,
    # 6 related practices, 7 the municipality's other practices
    with django_assert_num_queries(7):
        response = client.get(url(kumbel))
    assert response.status_code == 200


def test_the_practice_page_runs_a_fixed_number_of_queries_for_a_member(
    client, servant, kumbel, django_assert_num_queries
):
    client.force_login(servant)
    # 1 session, 2 user, 3 the user's groups, then the 7 queries of a visitor
    with django_assert_num_queries(10):
        client.get(url(kumbel))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ky", f"97{NBSP}000{NBSP}000{NBSP}"),
        ("ru", f"97{NBSP}000{NBSP}000{NBSP}"),
        ("en", f"97,000,000{NBSP}"),
    ],
)
def test_money_is_grouped_per_language(lang, expected):
    with translation.override(lang):
        html = Template("{% load practices_tags %}{{ value|som }}|{{ share|percent }}|{{ none|som }}").render(
            Context({"value": 97_000_000, "share": 26, "none": None})
        )
        som = pgettext("currency", "som")
    money, share, empty = html.split("|")
    assert money == expected + som
    assert share == ("26%" if lang == "en" else f"26{NBSP}%")
    assert empty == ""
