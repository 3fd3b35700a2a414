"""The magazine in the admin: editors add an issue with its PDF editions and contents inline,
publish or schedule it with buttons and bulk actions (never by editing its status), preview it,
and confirm payments in bulk; ULSG admins look; members stay out."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from magazine.models import Article, Edition, Issue, Payment, Purchase, Rubric, Subscription
from tests.practices import sample_files as files
from tests.practices.sample_files import isolated_storage_fixture  # noqa: F401 (the isolated_storage fixture)

pytestmark = pytest.mark.django_db

Status = Issue.Status
ISSUES = "/admin/magazine/issue/"
SUBSCRIPTIONS = "/admin/magazine/subscription/"
PURCHASES = "/admin/magazine/purchase/"
PAYMENTS = "/admin/magazine/payment/"


def change_url(issue):
    return f"{ISSUES}{issue.pk}/change/"


def resubmit(response, **changes):
    """The POST data of the admin form as the page shows it (main form and inlines), with `changes`."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
        forms.extend(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False or name in {"file", "cover"}:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def editor_client(client, editor, settings):
    """An editor in the admin, which speaks English here (messages are asserted in English)."""
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def draft(make_issue):
    return make_issue(2026, 10, status=Status.DRAFT)


@pytest.fixture
def rubric(db):
    return Rubric.objects.create(slug="hot-topic", name_ky="Курч тема", name_ru="Острая тема", name_en="Hot topic")


def action(client, url, name, objects, capture, **extra):
    data = {"action": name, ACTION_CHECKBOX_NAME: [str(obj.pk) for obj in objects], **extra}
    with capture(execute=True):
        return client.post(url, data, follow=True)


# --- who gets in -------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, draft):
    for url in (ISSUES, change_url(draft), SUBSCRIPTIONS, f"{SUBSCRIPTIONS}report/"):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_servant_is_kept_out_of_the_magazine_admin(client, servant, draft):
    client.force_login(servant)
    for url in (ISSUES, change_url(draft), f"{ISSUES}{draft.pk}/publish/", f"{SUBSCRIPTIONS}mailing-list/"):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_ulsg_admin_may_look_at_issues_but_not_change_or_publish_them(client, ulsg_admin, draft):
    client.force_login(ulsg_admin)
    assert client.get(ISSUES).status_code == 200
    response = client.get(change_url(draft))
    assert response.status_code == 200
    assert response.context["publication_buttons"] == []
    assert client.get(f"{ISSUES}add/").status_code == 403
    assert client.post(change_url(draft), {"year": 2026}).status_code == 403
    assert client.get(f"{ISSUES}{draft.pk}/publish/").status_code == 403
    assert client.post(f"{ISSUES}{draft.pk}/publish/").status_code == 403
    actions = client.get(ISSUES).context["cl"].model_admin.get_actions(response.wsgi_request)
    assert "publish_now" not in actions and "schedule" not in actions
    assert Issue.objects.get(pk=draft.pk).status == Status.DRAFT


def test_a_ulsg_admin_sees_subscriptions_without_confirming_payments(client, ulsg_admin, make_order, servant, plans):
    make_order(servant, plan=plans["electronic"], paid=False)
    client.force_login(ulsg_admin)
    response = client.get(SUBSCRIPTIONS)
    assert response.status_code == 200
    assert "confirm_payment" not in response.context["cl"].model_admin.get_actions(response.wsgi_request)
    assert client.get(PAYMENTS).status_code == 403  # no view_payment


# --- the list ----------------------------------------------------------------------------------


def test_the_list_shows_issues_with_their_editions_and_contents(editor_client, make_issue, rubric):
    issue = make_issue(2026, 9, editions=("ru",), title_en="Water")
    Article.objects.create(issue=issue, slug="a", title_ru="Вода", rubric=rubric)
    Article.objects.create(issue=issue, slug="b", title_ru="Мусор", rubric=rubric)
    response = editor_client.get(ISSUES)
    assert response.status_code == 200
    (row,) = response.context["cl"].result_list
    assert (row.article_total, row.has_ky_edition, row.has_ru_edition) == (2, False, True)
    page = response.content.decode()
    assert "9\u00a0(159)" in page and "09.2026" in page and "Water" in page
    assert 'href="/en/magazine/2026/9/"' in page


def test_the_list_runs_a_fixed_number_of_queries(editor_client, make_issue):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(ISSUES).status_code == 200
        return len(queries)

    make_issue(2026, 1)
    few = count()
    for number in range(2, 8):
        make_issue(2026, number, editions=("ky",))
    assert count() == few


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status__exact=draft", ["10 (160)"]),
        ("year=2025", ["4 (142)"]),
        ("is_free__exact=1", ["4 (142)"]),
        ("q=160", ["10 (160)"]),
        ("q=Чыгарылыш 4/2025", ["4 (142)"]),
        ("q=Water", ["10 (160)"]),
    ],
)
def test_editors_filter_and_search_issues(editor_client, draft, make_issue, query, expected):
    make_issue(2025, 4, is_free=True)
    Article.objects.create(issue=draft, slug="w", title_ru="Water supply")
    response = editor_client.get(f"{ISSUES}?{query}")
    assert [issue.label for issue in response.context["cl"].result_list] == expected


# --- adding an issue ---------------------------------------------------------------------------


def test_an_editor_adds_an_issue_with_its_editions_and_contents(editor_client, rubric, theme, isolated_storage):
    response = editor_client.get(f"{ISSUES}add/")
    assert response.status_code == 200
    data = resubmit(
        response,
        year="2026",
        number="11",
        running_number="161",
        month="11",
        title_ky="Таза суу",
        title_ru="Чистая вода",
        **{
            "editions-0-language": "ky",
            "editions-0-file": files.pdf("municipality-11-ky.pdf"),
            "editions-1-language": "ru",
            "editions-1-file": files.upload("Муниципалитет-11.PDF", files.blank_pdf_bytes()),
            "articles-0-title_ru": "Как Кумбел наладил водоснабжение",
            "articles-0-rubric": str(rubric.pk),
            "articles-0-author": "А. Токтогулова",
            "articles-0-first_page": "4",
            "articles-0-last_page": "9",
            "articles-0-order": "1",
            "articles-0-themes": [str(theme.pk)],
            "articles-0-is_free": "on",
            "articles-1-title_ky": "Депутаттын күнү",
            "articles-1-order": "2",
        },
    )
    response = editor_client.post(f"{ISSUES}add/", data)
    assert response.status_code == 302, response.context and response.context["errors"]
    issue = Issue.objects.get(running_number=161)
    assert issue.status == Status.DRAFT and issue.title_ru == "Чистая вода"
    ky, ru = issue.editions.order_by("language")
    assert (ky.language, ky.content_type, ky.pages, ky.original_name) == (
        "ky",
        "application/pdf",
        1,
        "municipality-11-ky.pdf",
    )
    assert "Kumbel drinking water" in ky.text
    assert ru.original_name == "Муниципалитет-11.pdf" and ru.size > 0
    first, second = issue.articles.order_by("order")
    assert first.slug == "kak-kumbel-naladil-vodosnabzhenie"
    assert (first.rubric, first.author, first.pages, first.is_free) == (rubric, "А. Токтогулова", "4–9", True)
    assert list(first.themes.all()) == [theme]
    assert second.slug == "deputattyn-kunu"
    assert [path.name for path in isolated_storage[1].rglob("*.pdf")]  # stored in private storage


def test_a_new_issue_offers_both_editions_and_no_publication_fields(editor_client):
    response = editor_client.get(f"{ISSUES}add/")
    editions = response.context["inline_admin_formsets"][0].formset
    assert [form["language"].value() for form in editions.forms] == ["ky", "ru"]
    assert "Subscribers notified" not in response.content.decode()


def test_an_issue_with_one_edition_offers_the_other_language(editor_client, make_issue):
    issue = make_issue(2026, 7, editions=("ru",), status=Status.DRAFT)
    editions = editor_client.get(change_url(issue)).context["inline_admin_formsets"][0].formset
    assert [form["language"].value() for form in editions.forms] == ["ru", "ky"]


def test_a_new_issue_form_suggests_the_next_number(editor_client, make_issue):
    make_issue(2026, 12, running_number=162)
    initial = editor_client.get(f"{ISSUES}add/").context["adminform"].form.initial
    assert (initial["year"], initial["number"], initial["month"], initial["running_number"]) == (2027, 1, 1, 163)


@pytest.mark.parametrize(
    "upload",
    [
        files.upload("issue.docx", files.office_bytes()),
        files.upload("issue.pdf", b"<html>not a pdf</html>"),
        files.upload("cover.png", files.image_bytes()),
    ],
    ids=["docx", "fake-pdf", "png"],
)
def test_an_edition_that_is_not_a_pdf_is_refused(editor_client, draft, isolated_storage, upload):
    Edition.objects.filter(issue=draft).delete()
    response = editor_client.get(change_url(draft))
    data = resubmit(response, **{"editions-0-language": "ky", "editions-0-file": upload})
    response = editor_client.post(change_url(draft), data)
    assert response.status_code == 200
    errors = " ".join(str(error) for error in response.context["inline_admin_formsets"][0].formset.errors)
    assert "PDF" in errors
    assert not Edition.objects.filter(issue=draft).exists()
    assert files.stored_files(*isolated_storage) == []


def test_two_editions_in_the_same_language_are_refused(editor_client, draft, isolated_storage):
    Edition.objects.filter(issue=draft).delete()
    response = editor_client.get(change_url(draft))
    data = resubmit(
        response,
        **{
            "editions-0-language": "ru",
            "editions-0-file": files.pdf("a.pdf"),
            "editions-1-language": "ru",
            "editions-1-file": files.pdf("b.pdf"),
        },
    )
    assert editor_client.post(change_url(draft), data).status_code == 200
    assert not Edition.objects.filter(issue=draft).exists()


def test_an_article_needs_a_title_in_one_language(editor_client, draft):
    response = editor_client.get(change_url(draft))
    data = resubmit(response, **{"articles-TOTAL_FORMS": "1", "articles-0-author": "Someone", "articles-0-order": "1"})
    assert editor_client.post(change_url(draft), data).status_code == 200
    assert not draft.articles.exists()


def test_the_stored_edition_links_to_the_protected_download(editor_client, draft):
    page = editor_client.get(change_url(draft)).content.decode()
    assert 'href="/en/magazine/2026/10/pdf/ky/"' in page
    assert "/private" not in page and "magazine/editions/" not in page


def test_saving_the_form_cannot_change_the_status(editor_client, draft):
    response = editor_client.get(change_url(draft))
    assert editor_client.post(change_url(draft), resubmit(response, status="published")).status_code == 302
    assert Issue.objects.get(pk=draft.pk).status == Status.DRAFT


# --- publishing and scheduling ---------------------------------------------------------------------


@pytest.fixture
def subscriber(make_member, make_order, plans):
    member = make_member(email="reader@example.kg", preferred_language="ru")
    make_order(member, plan=plans["electronic"])
    return member


def test_the_issue_page_offers_the_steps_and_a_preview(editor_client, draft):
    response = editor_client.get(change_url(draft))
    assert [button["step"] for button in response.context["publication_buttons"]] == ["publish", "schedule"]
    assert "Preview on the site" in response.content.decode()
    assert 'href="/en/magazine/2026/10/"' in response.content.decode()


def test_publishing_with_the_button_asks_then_publishes_and_tells_subscribers(
    editor_client, draft, subscriber, django_capture_on_commit_callbacks
):
    url = f"{ISSUES}{draft.pk}/publish/"
    response = editor_client.get(url)
    assert response.status_code == 200
    assert "1 active subscriber is e-mailed" in response.content.decode()
    assert Issue.objects.get(pk=draft.pk).status == Status.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, follow=True)
    assert "is published" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED and draft.subscribers_notified_at
    assert [m.to for m in mail.outbox] == [["reader@example.kg"]]
    assert "/ru/magazine/2026/10/" in mail.outbox[0].body
    # Pressing again (a second tab, a double click) sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(url)
    assert len(mail.outbox) == 1
    assert editor_client.get(change_url(draft)).context["publication_buttons"] == []


def test_the_step_pages_refuse_other_methods(editor_client, draft):
    for step in ("publish", "schedule", "unschedule"):
        assert editor_client.put(f"{ISSUES}{draft.pk}/{step}/").status_code == 405
    assert editor_client.get(f"{ISSUES}999999/publish/").status_code in (302, 404)


def test_the_publish_page_warns_about_a_missing_edition(editor_client, make_issue):
    issue = make_issue(2026, 8, status=Status.DRAFT, editions=("ky",))
    page = editor_client.get(f"{ISSUES}{issue.pk}/publish/").content.decode()
    assert "has no Russian edition" in page and "has no articles" in page


def test_scheduling_with_the_button_asks_for_a_date_in_the_future(editor_client, draft, subscriber):
    url = f"{ISSUES}{draft.pk}/schedule/"
    response = editor_client.get(url)
    assert response.status_code == 200
    assert 'type="datetime-local"' in response.content.decode()

    past = timezone.localtime() - datetime.timedelta(days=1)
    response = editor_client.post(url, {"publish_at": past.strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 200
    assert "in the future" in response.content.decode()
    assert Issue.objects.get(pk=draft.pk).status == Status.DRAFT

    future = (timezone.localtime() + datetime.timedelta(days=3)).replace(second=0, microsecond=0)
    response = editor_client.post(url, {"publish_at": future.strftime("%Y-%m-%dT%H:%M")}, follow=True)
    assert "is scheduled: it appears on" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.SCHEDULED and draft.publish_at == future
    assert mail.outbox == []  # the subscribers hear on the date, from publish_due_issues
    steps = [button["step"] for button in editor_client.get(change_url(draft)).context["publication_buttons"]]
    assert steps == ["publish", "schedule", "unschedule"]


def test_a_scheduled_issue_goes_back_to_draft_with_the_button(editor_client, draft):
    Issue.objects.filter(pk=draft.pk).update(
        status=Status.SCHEDULED, publish_at=timezone.now() + datetime.timedelta(days=1)
    )
    url = f"{ISSUES}{draft.pk}/unschedule/"
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(url, follow=True)
    assert "is a draft again" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.publish_at is None


def test_the_schedule_action_asks_for_the_date_on_an_intermediate_page(
    editor_client, draft, make_issue, django_capture_on_commit_callbacks
):
    other = make_issue(2026, 11, status=Status.DRAFT)
    response = action(editor_client, ISSUES, "schedule", [draft, other], django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert response.templates[0].name == "admin/magazine/issue/bulk_step.html"
    assert Issue.objects.filter(status=Status.SCHEDULED).count() == 0

    when = (timezone.localtime() + datetime.timedelta(days=2)).replace(second=0, microsecond=0)
    response = action(
        editor_client,
        ISSUES,
        "schedule",
        [draft, other],
        django_capture_on_commit_callbacks,
        apply="1",
        publish_at=when.strftime("%Y-%m-%dT%H:%M"),
    )
    assert response.status_code == 200
    assert set(Issue.objects.filter(status=Status.SCHEDULED).values_list("publish_at", flat=True)) == {when}


def test_the_publish_action_publishes_and_notifies_once(
    editor_client, draft, make_issue, subscriber, django_capture_on_commit_callbacks
):
    published = make_issue(2026, 9)
    response = action(editor_client, ISSUES, "publish_now", [draft, published], django_capture_on_commit_callbacks)
    assert response.templates[0].name == "admin/magazine/issue/bulk_step.html"  # asked first
    assert "1 active subscriber today" in response.content.decode()
    assert Issue.objects.get(pk=draft.pk).status == Status.DRAFT and mail.outbox == []
    response = action(
        editor_client, ISSUES, "publish_now", [draft, published], django_capture_on_commit_callbacks, apply="1"
    )
    page = response.content.decode()
    assert "Issue 10 (160) is published" in page and "Issue 9 (159) was published already" in page
    assert Issue.objects.get(pk=draft.pk).status == Status.PUBLISHED
    assert len(mail.outbox) == 1


# --- orders and payments -----------------------------------------------------------------------


def test_confirming_payments_activates_subscriptions_and_marks_purchases_paid(
    editor_client, editor, servant, deputy, plans, make_order, make_issue, django_capture_on_commit_callbacks
):
    subscription = make_order(servant, plan=plans["combined"], paid=False, copies=2)
    purchase = make_order(deputy, issue=make_issue(2026, 5), paid=False)

    response = action(
        editor_client, SUBSCRIPTIONS, "confirm_payment", [subscription], django_capture_on_commit_callbacks
    )
    assert "1 payment confirmed" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.ACTIVE and subscription.starts_on and subscription.ends_on
    assert subscription.payment.status == Payment.Status.PAID and subscription.payment.confirmed_by == editor

    action(editor_client, PURCHASES, "confirm_payment", [purchase], django_capture_on_commit_callbacks)
    purchase.refresh_from_db()
    assert purchase.status == Purchase.Status.PAID and purchase.payment.paid_at

    assert sorted(m.to[0] for m in mail.outbox) == sorted([servant.email, deputy.email])
    response = action(
        editor_client, SUBSCRIPTIONS, "confirm_payment", [subscription], django_capture_on_commit_callbacks
    )
    assert "was confirmed already" in response.content.decode()
    assert len(mail.outbox) == 2


def test_payments_are_confirmed_from_the_payment_list_too(
    editor_client, servant, plans, make_order, django_capture_on_commit_callbacks
):
    subscription = make_order(servant, plan=plans["electronic"], paid=False)
    response = editor_client.get(PAYMENTS)
    assert response.status_code == 200 and subscription.payment.reference in response.content.decode()
    action(editor_client, PAYMENTS, "confirm_payment", [subscription.payment], django_capture_on_commit_callbacks)
    assert Subscription.objects.get(pk=subscription.pk).status == Subscription.Status.ACTIVE
    page = editor_client.get(f"{PAYMENTS}{subscription.payment.pk}/change/")
    assert page.status_code == 200 and b'name="reference"' not in page.content  # read only


def test_cancelled_orders_cannot_be_confirmed(
    editor_client, servant, plans, make_order, django_capture_on_commit_callbacks
):
    subscription = make_order(servant, plan=plans["electronic"], paid=False)
    action(editor_client, SUBSCRIPTIONS, "cancel_order", [subscription], django_capture_on_commit_callbacks)
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.CANCELLED
    response = action(
        editor_client, SUBSCRIPTIONS, "confirm_payment", [subscription], django_capture_on_commit_callbacks
    )
    assert "cannot be confirmed" in response.content.decode()
    assert Subscription.objects.get(pk=subscription.pk).status == Subscription.Status.CANCELLED


def test_confirming_payments_needs_the_permission(
    client, make_member, servant, plans, make_order, django_capture_on_commit_callbacks
):
    clerk = make_member(Role.SERVANT, email="clerk@example.kg")
    clerk.is_staff = True
    clerk.save()
    clerk.user_permissions.add(*Permission.objects.filter(codename__in=["view_subscription", "change_subscription"]))
    subscription = make_order(servant, plan=plans["electronic"], paid=False)
    client.force_login(clerk)
    response = client.get(SUBSCRIPTIONS)
    assert "confirm_payment" not in response.context["cl"].model_admin.get_actions(response.wsgi_request)
    action(client, SUBSCRIPTIONS, "confirm_payment", [subscription], django_capture_on_commit_callbacks)
    assert Subscription.objects.get(pk=subscription.pk).status == Subscription.Status.REQUESTED


def test_the_subscription_list_searches_and_filters(editor_client, servant, deputy, plans, make_order):
    electronic = make_order(servant, plan=plans["electronic"], paid=False)
    printed = make_order(deputy, plan=plans["print"])
    for query, expected in [
        (f"q={electronic.payment.reference.lower()}", [electronic]),
        (f"q={deputy.email}", [printed]),
        ("kind=print", [printed]),
        ("status__exact=requested", [electronic]),
        ("payment__status__exact=paid", [printed]),
    ]:
        response = editor_client.get(f"{SUBSCRIPTIONS}?{query}")
        assert list(response.context["cl"].result_list) == expected, query
    page = editor_client.get(SUBSCRIPTIONS).content.decode()
    assert "Print mailing list" in page and "/admin/magazine/subscription/report/" in page


def test_the_subscription_list_runs_a_fixed_number_of_queries(editor_client, make_member, plans, make_order):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(SUBSCRIPTIONS).status_code == 200
        return len(queries)

    make_order(make_member(email="m0@example.kg"), plan=plans["print"])
    few = count()
    for number in range(1, 6):
        make_order(make_member(email=f"m{number}@example.kg"), plan=plans["electronic"], paid=number % 2 == 0)
    assert count() == few


def test_editors_manage_plans(editor_client, plans):
    response = editor_client.get("/admin/magazine/plan/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "1\u00a0200" in page or "1,200" in page
    response = editor_client.get(f"/admin/magazine/plan/{plans['print'].pk}/change/")
    data = resubmit(response, price="1900", is_active="")
    del data["is_active"]
    assert editor_client.post(f"/admin/magazine/plan/{plans['print'].pk}/change/", data).status_code == 302
    plans["print"].refresh_from_db()
    assert plans["print"].price == 1900 and plans["print"].is_active is False


def test_the_magazine_page_of_the_admin_links_the_tools(editor_client, client, ulsg_admin):
    page = editor_client.get("/admin/magazine/").content.decode()
    assert "/admin/magazine/subscription/mailing-list/" in page and "/admin/magazine/subscription/report/" in page
    client.force_login(ulsg_admin)
    page = client.get("/admin/magazine/").content.decode()
    assert "mailing-list" not in page and "/admin/magazine/subscription/report/" in page


def test_the_payment_list_runs_a_fixed_number_of_queries(editor_client, make_member, plans, make_order, make_issue):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(PAYMENTS).status_code == 200
        return len(queries)

    issue = make_issue(2026, 3)
    make_order(make_member(email="m0@example.kg"), plan=plans["print"])
    few = count()
    for number in range(1, 5):
        member = make_member(email=f"m{number}@example.kg")
        make_order(member, plan=plans["electronic"], paid=False)
        make_order(member, issue=issue)
    assert count() == few


# --- articles and the search ---------------------------------------------------------------------


def test_the_full_text_of_an_article_is_edited_on_its_own_page(editor_client, make_issue):
    issue = make_issue(2026, 6)
    article = Article.objects.create(issue=issue, slug="water", title_ru="Вода", is_free=True)
    page = editor_client.get(change_url(issue)).content.decode()
    assert f"/admin/magazine/article/{article.pk}/change/" in page
    response = editor_client.get(f"/admin/magazine/article/{article.pk}/change/")
    assert response.status_code == 200
    assert "body_ru" in response.context["adminform"].form.fields
    assert "/admin/magazine/article/" not in editor_client.get("/admin/magazine/").content.decode()


def test_an_article_removed_from_a_published_issue_leaves_the_search(editor_client, make_issue):
    from portal.models import SearchEntry

    issue = make_issue(2026, 6)
    article = Article.objects.create(issue=issue, slug="water", title_ru="Водоснабжение")
    response = editor_client.get(change_url(issue))
    assert editor_client.post(change_url(issue), resubmit(response)).status_code == 302
    entries = SearchEntry.objects.filter(kind=SearchEntry.Kind.ARTICLE, object_id=article.pk)
    assert entries.exists()
    response = editor_client.get(change_url(issue))
    assert editor_client.post(change_url(issue), resubmit(response, **{"articles-0-DELETE": "on"})).status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not entries.exists()


def test_the_schedule_action_without_a_date_asks_again(editor_client, draft, django_capture_on_commit_callbacks):
    response = action(editor_client, ISSUES, "schedule", [draft], django_capture_on_commit_callbacks, apply="1")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Issue.objects.get(pk=draft.pk).status == Status.DRAFT
