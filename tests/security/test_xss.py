"""Stored XSS, tried: script tags, event handlers, javascript: links however encoded, SVG onload and
iframe srcdoc, typed into titles and rich text through the models, the admin (as an editor) and a
member's proposal, and then looked for as live markup on every page, feed, e-mail and export that
shows them. Rich text is cleaned by nh3 when saved (practices.richtext); titles are escaped by the
templates. The pages are read with an HTML parser (tests.security.markup), not searched for strings.
"""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.db import connection

from accounts.roles import Role
from events.models import Registration
from magazine.models import Article
from news.models import News
from portal import search
from practices import services
from practices.models import Practice
from tests.practices import sample_files as files
from tests.security.markup import PAYLOADS, RICH_PAYLOAD, TITLE_PAYLOAD, form_defaults, live_markup

pytestmark = pytest.mark.django_db

ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"  # the title, shown as text


def assert_no_live_markup(html, *, admin=False):
    found = live_markup(html, allow_static_scripts=admin)
    assert found == [], found


@pytest.fixture
def poisoned(make_practice, make_resource, make_news, make_event, make_issue, servant):
    """One of everything the public reads, each with the payloads in its title and rich text, indexed."""
    rich = {
        f"{field}_{code}": RICH_PAYLOAD
        for field in ("problem", "actions", "results", "body")
        for code in "ru ky".split()
    }
    practice = make_practice(
        "Poisoned",
        slug="poisoned",
        title_ru=TITLE_PAYLOAD,
        title_ky=TITLE_PAYLOAD,
        summary_ru=f"Кумбел {TITLE_PAYLOAD}",
        summary_ky=f"Кумбел {TITLE_PAYLOAD}",
        submitted_by=servant,
        **rich,
    )
    resource = make_resource(
        "Poisoned guide",
        slug="poisoned-guide",
        title_ru=TITLE_PAYLOAD,
        description_ru=RICH_PAYLOAD,
        description_ky=RICH_PAYLOAD,
    )
    news = make_news("x", slug="poisoned-news", title_ru=TITLE_PAYLOAD, title_ky=TITLE_PAYLOAD, lead_ru=TITLE_PAYLOAD)
    news.body_ru = news.body_ky = RICH_PAYLOAD
    news.save()
    event = make_event("x", slug="poisoned-event", title_ru=TITLE_PAYLOAD, description_ru=RICH_PAYLOAD)
    issue = make_issue(2026, 4, title_ru=TITLE_PAYLOAD, editorial_ru=RICH_PAYLOAD, is_free=True)
    article = Article.objects.create(
        issue=issue,
        slug="poisoned-article",
        title_ru=TITLE_PAYLOAD,
        title_ky=TITLE_PAYLOAD,
        author="<script>alert(1)</script>",
        summary_ru=TITLE_PAYLOAD,
        body_ru=RICH_PAYLOAD,
        is_free=True,
    )
    for obj in (practice, resource, news, event, article):
        search.index(obj)
    return {
        "practice": practice,
        "resource": resource,
        "news": news,
        "event": event,
        "issue": issue,
        "article": article,
    }


# --- what is stored -------------------------------------------------------------------------------


def test_it_stores_no_live_markup_from_the_models(poisoned):
    stored = [
        *(getattr(Practice.objects.get(pk=poisoned["practice"].pk), f"{f}_ru") for f in ("problem", "body")),
        poisoned["resource"].description_ru,
        News.objects.get(pk=poisoned["news"].pk).body_ru,
        poisoned["event"].description_ru,
        poisoned["issue"].editorial_ru,
        Article.objects.get(pk=poisoned["article"].pk).body_ru,
    ]
    for html in stored:
        assert "Кумбел суу" in html  # the harmless text stays
        assert_no_live_markup(html)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_each_payload_is_cleaned_on_its_own(make_practice, payload):
    practice = make_practice(results_ru=f"<p>ok</p>{payload}")
    practice.refresh_from_db()
    assert_no_live_markup(practice.results_ru)


def test_an_update_that_skips_save_is_cleaned_too(make_practice):
    practice = make_practice()
    Practice.objects.filter(pk=practice.pk).update(results_ru=RICH_PAYLOAD)
    Practice.objects.bulk_update([Practice(pk=practice.pk, body_ky=RICH_PAYLOAD)], ["body_ky"])
    practice.refresh_from_db()
    assert "Кумбел суу" in practice.results_ru
    assert_no_live_markup(practice.results_ru)
    assert_no_live_markup(practice.body_ky)


# --- what the public sees -------------------------------------------------------------------------

PAGES = [
    "/ru/practices/poisoned/",
    "/ky/practices/poisoned/",
    "/ru/practices/",
    "/ru/practices/themes/utilities/",
    "/ru/",
    "/ru/resources/",
    "/ru/resources/poisoned-guide/",
    "/ru/news/",
    "/ru/news/poisoned-news/",
    "/ru/events/",
    "/ru/events/poisoned-event/",
    "/ru/magazine/",
    "/ru/magazine/2026/4/",
    "/ru/magazine/2026/4/poisoned-article/",
    "/ru/search/?q=Кумбел",
    "/ky/search/?q=Кумбел",
    "/ru/search/?q=alert",
    "/ru/municipalities/test-kumbel/",
]


@pytest.mark.parametrize("url", PAGES)
def test_no_page_shows_a_payload_as_live_markup(client, poisoned, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert_no_live_markup(html)


@pytest.mark.parametrize(
    "url",
    ["/ru/practices/poisoned/", "/ru/practices/", "/ru/news/poisoned-news/", "/ru/magazine/2026/4/poisoned-article/"],
)
def test_titles_are_shown_as_text(client, poisoned, url):
    """Not vacuous: the payload is on the page, escaped, where the title is."""
    assert ESCAPED_SCRIPT in client.get(url).content.decode()


def test_the_search_snippet_highlights_only_its_own_marks(client, poisoned):
    html = client.get("/ru/search/", {"q": "Кумбел"}).content.decode()
    assert_no_live_markup(html)
    assert "<mark>" in html or connection.vendor != "postgresql"  # PostgreSQL's ts_headline marks the word
    assert ESCAPED_SCRIPT in html


@pytest.mark.parametrize("query", PAYLOADS + ['"><script>alert(1)</script>', "' onmouseover='alert(1)"])
def test_a_search_query_is_reflected_as_text(client, poisoned, query):
    for language in ("ru", "ky"):
        response = client.get(f"/{language}/search/", {"q": query})
        assert response.status_code == 200
        assert_no_live_markup(response.content.decode())


def feed_texts(response):
    """Every title and description of an RSS feed, as the reader would get them (XML unescaped)."""
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    return [node.text or "" for node in root.iter() if node.tag in {"title", "description"}]


@pytest.mark.parametrize(
    "url", ["/ru/feeds/practices/", "/ky/feeds/practices/", "/ru/feeds/practices/utilities/", "/ru/feeds/news/"]
)
def test_feed_items_carry_no_live_markup(client, poisoned, url):
    """Feed readers render a description (and some a title) as HTML: the XML-unescaped text must be inert."""
    texts = feed_texts(client.get(url))
    assert any("alert(1)" in text for text in texts)  # the payload is there, as text
    for text in texts:
        assert_no_live_markup(text)


def test_the_sitemap_stays_well_formed(client, poisoned):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)  # a payload that broke out would break the XML
    locations = [node.text for node in root.iter() if node.tag.endswith("loc")]
    assert any(location.endswith("/practices/poisoned/") for location in locations)
    assert b"<script" not in response.content


# --- the admin ------------------------------------------------------------------------------------

ADMIN_PAGES = [
    "/en/admin/practices/practice/",
    "/en/admin/practices/practice/?q=alert",
    "/en/admin/practices/practice/{practice}/change/",
    "/en/admin/practices/resource/",
    "/en/admin/practices/resource/{resource}/change/",
    "/en/admin/news/news/",
    "/en/admin/news/news/{news}/change/",
    "/en/admin/events/event/",
    "/en/admin/events/event/{event}/change/",
    "/en/admin/magazine/issue/",
    "/en/admin/magazine/issue/{issue}/change/",
    "/en/admin/magazine/article/",
    "/en/admin/magazine/article/{article}/change/",
]


@pytest.fixture
def admin_pages(client, editor, poisoned):
    client.force_login(editor)
    return lambda url: client.get(url.format(**{name: obj.pk for name, obj in poisoned.items()}), follow=True)


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_lists_and_forms_show_no_live_markup(admin_pages, url):
    response = admin_pages(url.replace("/en/admin/", "/admin/"))
    assert response.status_code == 200, response.redirect_chain
    assert_no_live_markup(response.content.decode(), admin=True)


def test_an_editor_saving_payloads_through_the_admin_stores_them_inert(client, editor, isolated_storage):
    client.force_login(editor)
    data = form_defaults(client.get("/admin/news/news/add/").content.decode())
    data.update(
        title_ru=[TITLE_PAYLOAD],
        title_ky=[TITLE_PAYLOAD],
        slug=["poisoned-by-editor"],
        lead_ru=[TITLE_PAYLOAD],
        body_ru=[RICH_PAYLOAD],
        body_ky=[RICH_PAYLOAD],
        is_published=["on"],
    )
    response = client.post("/admin/news/news/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    news = News.objects.get(slug="poisoned-by-editor")
    assert news.title_ru == TITLE_PAYLOAD  # a title is kept as typed, and escaped when shown
    assert "Кумбел суу" in news.body_ru
    assert_no_live_markup(news.body_ru)
    assert_no_live_markup(news.body_ky)
    page = client.get("/ru/news/poisoned-by-editor/").content.decode()
    assert ESCAPED_SCRIPT in page
    assert_no_live_markup(page)
    assert_no_live_markup(client.get("/admin/news/news/").content.decode(), admin=True)


def test_an_editor_saving_a_practice_through_the_admin_stores_it_inert(client, editor, poisoned, isolated_storage):
    client.force_login(editor)
    url = f"/admin/practices/practice/{poisoned['practice'].pk}/change/"
    data = form_defaults(client.get(url).content.decode())
    data.update(results_ru=[RICH_PAYLOAD], title_en=[TITLE_PAYLOAD])
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    practice = Practice.objects.get(pk=poisoned["practice"].pk)
    assert practice.title_en == TITLE_PAYLOAD
    assert_no_live_markup(practice.results_ru)
    assert_no_live_markup(client.get("/en/practices/poisoned/").content.decode())


# --- a member's proposal --------------------------------------------------------------------------


def test_a_members_proposal_is_stored_and_shown_inert(
    client, servant, editor, theme, municipality, isolated_storage, django_capture_on_commit_callbacks
):
    from tests.practices.test_propose import form_data

    client.force_login(servant)
    data = form_data(theme, municipality, title=TITLE_PAYLOAD, problem="\n\n".join(PAYLOADS), actions=RICH_PAYLOAD)
    data["documents"] = [files.pdf()]
    data["images"] = []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ru/practices/propose/", data)
    assert response.status_code == 302
    practice = Practice.objects.get()
    assert practice.title_ru == TITLE_PAYLOAD
    for field in ("problem_ru", "actions_ru"):
        assert_no_live_markup(getattr(practice, field))
    # The member's own preview, and the editor's notification.
    assert_no_live_markup(client.get(practice.get_absolute_url()).content.decode())
    assert mail.outbox, "the editors are told"
    for message in mail.outbox:
        assert "\n" not in message.subject
        assert not getattr(message, "alternatives", None)  # plain text only: nothing a mail client renders


# --- e-mails --------------------------------------------------------------------------------------


def assert_plain_text_email(message):
    assert "\n" not in message.subject and "\r" not in message.subject
    assert not getattr(message, "alternatives", None)
    assert message.content_subtype == "plain"


def test_the_review_notification_to_the_submitter_is_plain_text(
    poisoned, editor, servant, django_capture_on_commit_callbacks
):
    practice = poisoned["practice"]
    Practice.objects.filter(pk=practice.pk).update(status=Practice.Status.IN_REVIEW, published_at=None)
    practice.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_return(practice=practice, by=editor, comment="<script>alert(1)</script>")
    assert [message.to for message in mail.outbox] == [[servant.email]]
    message = mail.outbox[0]
    assert_plain_text_email(message)
    assert "<script>alert(1)</script>" in message.body  # as text, in a text/plain body


def test_a_title_with_line_breaks_cannot_add_mail_headers(
    make_practice, editor, servant, django_capture_on_commit_callbacks
):
    practice = make_practice(
        status=Practice.Status.IN_REVIEW,
        published_at=None,
        submitted_by=servant,
        title_ky="Суу\r\nBcc: victim@example.org\r\n\r\n<script>alert(1)</script>",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_publish(practice=practice, by=editor)
    [message] = mail.outbox
    assert_plain_text_email(message)
    assert message.bcc == [] and "victim@example.org" not in str(message.message().get("Bcc", ""))


def test_event_and_magazine_emails_are_plain_text(
    poisoned, servant, plans, make_order, django_capture_on_commit_callbacks
):
    from events.services import event_register
    from magazine.publishing import notify_subscribers

    with django_capture_on_commit_callbacks(execute=True):
        event_register(event=poisoned["event"], user=servant)
    make_order(servant, plan=plans["electronic"])
    with django_capture_on_commit_callbacks(execute=True):
        notify_subscribers(poisoned["issue"])
    assert len(mail.outbox) >= 2
    for message in mail.outbox:
        assert_plain_text_email(message)


# --- CSV exports ----------------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.test","x")', "+cmd|' /C calc'!A0", "@SUM(A1:A9)", "-2+3", "\t=1", "\r=1"]


def read_csv(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def assert_inert_cells(rows):
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_the_participant_list_neutralizes_formulas_and_keeps_markup_as_text(client, editor, make_member, poisoned):
    event = poisoned["event"]
    for number, formula in enumerate(FORMULAS):
        person = make_member(
            Role.SERVANT, email=f"p{number}@example.kg", first_name=formula, last_name="", position=TITLE_PAYLOAD
        )
        Registration.objects.create(event=event, user=person, status=Registration.Status.REGISTERED)
    client.force_login(editor)
    response = client.get(f"/admin/events/event/{event.pk}/participants.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    rows = read_csv(response)
    assert len(rows) == 1 + len(FORMULAS)
    assert_inert_cells(rows)
    assert all(row[0].startswith("'") for row in rows[1:])


def test_the_mailing_list_neutralizes_formulas(client, editor, make_member, make_order, plans, settings):
    import datetime

    for number, formula in enumerate(FORMULAS):
        member = make_member(Role.SERVANT, email=f"m{number}@example.kg", first_name=formula, last_name="")
        make_order(
            member,
            plan=plans["print"],
            starts_on=datetime.date(2026, 1, 1),
            delivery_address=formula,
            recipient=formula,
        )
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/admin/magazine/subscription/mailing-list/", {"month": "2026-10"})
    assert response.status_code == 200
    rows = read_csv(response)
    assert len(rows) == 1 + len(FORMULAS)
    assert_inert_cells(rows)
