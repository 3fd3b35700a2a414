"""`manage.py load_demo`, the magazine's part: issues, editions, covers, plans and the readers' orders.

The module loads the demo once (`demo`) and commits it, like tests/portal/test_load_demo.py,
whose clean-up it reuses so the rows and files are gone when the module is done. The library
is left out here (it has its own module and takes most of the loading time): the command
runs with the library's loader replaced by a no-op.
"""

import datetime as dt
import re
import time
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from magazine.demo import loader
from magazine.demo.issues import ISSUES
from magazine.demo.months import running_number, shift_month
from magazine.demo.rubrics import RUBRICS
from magazine.entitlement import may_download
from magazine.models import Article, Edition, Issue, Payment, Plan, Purchase, Rubric, Subscription
from portal.management.commands.load_demo import DEMO_PASSWORD
from portal.models import OutboxEmail, SearchEntry
from practices.demo.loader import Report as LibraryReport
from practices.models import private_storage
from tests.magazine.demo_cleanup import demo_issues
from tests.portal.test_load_demo import _remove_demo

pytestmark = pytest.mark.django_db

KYRGYZ_LETTERS = re.compile("[ңөүҢӨҮ]")
REFERENCE = re.compile(r"^MUN-\d{4}-[2-9A-HJ-NP-Z]{4}$")  # magazine.payments.new_reference's form


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.setattr("portal.management.commands.load_demo.check_content", lambda: [])
        patch.setattr("portal.management.commands.load_demo.load_library", lambda **kwargs: LibraryReport())
        output = StringIO()
        started = time.monotonic()
        call_command("load_demo", "--yes", stdout=output)
        yield SimpleNamespace(output=output.getvalue(), seconds=time.monotonic() - started)
        _remove_demo()


def _this_month():
    today = timezone.localdate()
    return today.year, today.month


def _issue_at(offset):
    year, month = shift_month(*_this_month(), offset)
    return Issue.objects.get(year=year, number=month)


def _counts():
    models = (Issue, Edition, Article, Rubric, Plan, Payment, Subscription, Purchase, User)
    return {model.__name__: model.objects.count() for model in models} | {"search": SearchEntry.objects.count()}


# The command --------------------------------------------------------------------------------


def test_it_reports_what_it_loaded(demo):
    articles = sum(len(issue["articles"]) for issue in ISSUES)
    assert f"Magazine: {len(ISSUES)} issues created ({articles} articles), 0 already there" in demo.output
    assert "5 plans and 4 orders created" in demo.output
    assert demo.output.count("Search index rebuilt") == 1


def test_it_is_idempotent(demo):
    before = _counts()
    output = StringIO()
    call_command("load_demo", "--yes", stdout=output)
    assert _counts() == before
    assert f"Magazine: 0 issues created (0 articles), {len(ISSUES)} already there" in output.getvalue()
    assert "0 plans and 0 orders created" in output.getvalue()


def test_it_sends_no_mail_while_loading(demo, mailoutbox):
    assert OutboxEmail.objects.count() == 0
    assert mailoutbox == []


def test_it_refuses_demo_content_that_names_unknown_things(demo, monkeypatch):
    article = {**ISSUES[0]["articles"][1], "rubric": "no-such-rubric", "themes": ["no-such-theme"], "pages": (9, 3)}
    broken = {**ISSUES[0], "offset": -40, "theme": "nowhere", "articles": [article]}
    monkeypatch.setattr("magazine.demo.loader.ISSUES", [broken])
    problems = loader.check_content()
    assert "issue -40: no theme 'nowhere'" in problems
    assert "issue -40: no ky PDF (run scripts/make_demo_magazine.py)" in problems
    assert "issue -40, citizens-budget: no rubric 'no-such-rubric'" in problems
    assert "issue -40, citizens-budget: no theme 'no-such-theme'" in problems
    assert "issue -40, citizens-budget: pages 9–3 out of order" in problems
    assert "issue -40: no free article with its text in ky and ru" in problems
    with pytest.raises(CommandError, match="demo magazine content has problems"):
        call_command("load_demo", "--yes", stdout=StringIO())


def test_the_committed_content_has_no_problems(demo):
    assert loader.check_content() == []


# Issues ---------------------------------------------------------------------------------------


def test_it_loads_fourteen_months_of_issues_and_the_next_two(demo):
    issues = list(demo_issues().order_by("year", "number"))
    assert len(issues) == len(ISSUES) >= 16
    months = [(issue.year, issue.month) for issue in issues]
    assert months == [shift_month(*_this_month(), offset) for offset in range(-14, 2)]
    for issue in issues:
        assert issue.number == issue.month
        assert issue.running_number == running_number(issue.year, issue.month)
        assert issue.title_ky and issue.title_ru and issue.editorial_ky.startswith("<p>") and issue.editorial_ru
        assert KYRGYZ_LETTERS.search(issue.title_ky + issue.editorial_ky), issue.label
    assert running_number(2026, 10) == 156
    assert 4 <= Issue.objects.exclude(title_en="").exclude(title_en=None).count() <= 8


def test_issues_are_published_in_their_month_but_the_scheduled_one_and_a_draft(demo):
    now = timezone.now()
    published = demo_issues().filter(status=Issue.Status.PUBLISHED)
    assert published.count() == 14
    for issue in published:
        moment = timezone.localtime(issue.published_at)
        assert (moment.year, moment.month) == (issue.year, issue.month) and moment < now
        assert issue.subscribers_notified_at > issue.published_at  # nobody is told again
    scheduled = _issue_at(0)
    assert scheduled.status == Issue.Status.SCHEDULED and scheduled.published_at is None
    assert now + dt.timedelta(days=1) < scheduled.publish_at < now + dt.timedelta(days=8)
    assert not scheduled.is_visible and scheduled.subscribers_notified_at is None
    assert _issue_at(1).status == Issue.Status.DRAFT
    assert list(Issue.objects.published()) == sorted(published, key=lambda issue: (-issue.year, -issue.number))
    assert 1 <= published.filter(is_free=True).count() <= 2


def test_most_issues_have_both_editions_as_real_pdfs_in_private_storage(demo):
    languages = [set(issue.editions.values_list("language", flat=True)) for issue in demo_issues()]
    assert sum(found == {"ky", "ru"} for found in languages) >= 14
    assert {"ky"} in languages and {"ru"} in languages
    for edition in Edition.objects.select_related("issue"):
        issue = edition.issue
        assert edition.file.storage is private_storage()  # served only through the entitlement check
        assert edition.content_type == "application/pdf" and edition.pages == 2
        assert edition.size == edition.file.size < 20_000
        assert edition.original_name == f"municipalitet-{issue.year}-{issue.month:02d}-{edition.language}.pdf"
        with edition.file.open("rb") as file:
            assert file.read(5) == b"%PDF-"
        assert "МУНИЦИПАЛИТЕТ" in edition.text
        assert getattr(issue, f"title_{edition.language}").split()[0] in edition.text
    assert all(KYRGYZ_LETTERS.search(edition.text) for edition in Edition.objects.filter(language="ky"))


def test_covers_are_portrait_with_webp_thumbnails(demo):
    for issue in demo_issues():
        assert (issue.cover_width, issue.cover_height) == (1200, 1700)
        for thumbnail in (issue.cover_card, issue.cover_large):
            assert thumbnail.url.endswith(".webp")
            assert thumbnail.storage.exists(thumbnail.name), issue.label


# Contents ---------------------------------------------------------------------------------------


def test_every_issue_has_five_to_eight_articles_with_rubric_author_pages_and_themes(demo):
    for issue in demo_issues().prefetch_related("articles__themes"):
        articles = list(issue.articles.all())
        assert 5 <= len(articles) <= 8, issue.label
        pages = [(article.first_page, article.last_page) for article in articles]
        assert pages == sorted(pages) and all(first <= last for first, last in pages)
        for article in articles:
            assert article.rubric_id and article.author and article.first_page >= 4
            assert article.title_ky and article.title_ru and article.summary_ky and article.summary_ru
            assert article.themes.all(), article.slug
    used = set(Article.objects.values_list("rubric__slug", flat=True))
    assert used == set(RUBRICS)


def test_every_issue_has_one_or_two_free_articles_with_their_text(demo):
    for issue in demo_issues():
        free = issue.articles.filter(is_free=True)
        assert 1 <= free.count() <= 2, issue.label
        for article in free:
            assert article.body_ky.startswith("<p>") and article.body_ru.startswith("<p>")
            assert KYRGYZ_LETTERS.search(article.body_ky)
    assert not Article.objects.filter(is_free=False).exclude(body_ru="").exclude(body_ru=None).exists()


def test_rubrics_are_named_in_three_languages(demo):
    rubrics = Rubric.objects.filter(slug__in=RUBRICS)
    assert [rubric.slug for rubric in rubrics] == list(RUBRICS)  # in their order
    assert Rubric.objects.get(slug="deputy").name_ky == "Мен депутатмын"
    assert Rubric.objects.get(slug="services").name_ru == "Услуги ОМСУ"
    assert all(rubric.name_ky and rubric.name_ru and rubric.name_en for rubric in rubrics)


def test_published_articles_are_found_by_search(demo):
    published = Article.objects.filter(issue__status=Issue.Status.PUBLISHED)
    indexed = set(SearchEntry.objects.filter(kind="article").values_list("object_id", flat=True))
    assert indexed == set(published.values_list("pk", flat=True))


# Plans and orders ----------------------------------------------------------------------------------


def test_it_offers_five_plans_priced_in_som(demo):
    plans = {(plan.kind, plan.months): plan for plan in Plan.objects.all()}
    prices = {key: plan.price for key, plan in plans.items()}
    assert prices == {
        ("electronic", 6): 600,
        ("electronic", 12): 1100,
        ("print", 6): 900,
        ("print", 12): 1700,
        ("combined", 12): 2000,
    }
    for plan in plans.values():
        assert plan.is_active and plan.name_ky and plan.name_ru and plan.name_en and plan.description_ru


@pytest.mark.parametrize(
    ("email", "role", "language"),
    [("subscriber@demo.kg", Role.SERVANT, "ky"), ("expired@demo.kg", Role.DEPUTY, "ru")],
)
def test_the_magazine_readers_are_approved_members_who_can_sign_in(demo, client, email, role, language):
    user = User.objects.get(email=email)
    assert (user.role, user.status, user.preferred_language) == (role, User.Status.APPROVED, language)
    assert user.municipality is not None
    assert user.emailaddress_set.get().verified
    response = client.post("/en/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_the_subscriber_has_a_paid_electronic_subscription_covering_this_month(demo):
    subscriber = User.objects.get(email="subscriber@demo.kg")
    subscription = Subscription.objects.select_related("plan", "payment__confirmed_by").get(user=subscriber)
    assert subscription.status == Subscription.Status.ACTIVE
    assert (subscription.plan.kind, subscription.plan.months) == ("electronic", 12)
    assert subscription in Subscription.objects.active()
    assert subscription.starts_on.day == 1 and subscription.ends_on > timezone.localdate() + dt.timedelta(days=180)
    payment = subscription.payment
    assert payment.status == Payment.Status.PAID and payment.amount == 1100
    assert payment.confirmed_by.email == "editor@demo.kg" and payment.paid_at < timezone.now()
    latest = Issue.objects.published().first()
    assert latest == _issue_at(-1) and not latest.is_free
    assert may_download(subscriber, latest)
    scheduled = _issue_at(0)
    assert not may_download(subscriber, scheduled)  # not out yet
    scheduled.status = Issue.Status.PUBLISHED  # next week: this month's issue is covered
    assert may_download(subscriber, scheduled)
    assert not may_download(subscriber, _issue_at(-8))  # before the subscription


def test_the_expired_reader_keeps_the_months_paid_for_but_not_the_latest(demo):
    reader = User.objects.get(email="expired@demo.kg")
    subscription = Subscription.objects.select_related("plan").get(user=reader)
    assert subscription.status == Subscription.Status.EXPIRED
    assert subscription.plan.kind == "combined" and subscription.delivery_address and subscription.copies == 1
    assert subscription.ends_on < timezone.localdate() - dt.timedelta(days=60)
    assert subscription.reminder_sent_at is not None
    assert not Subscription.objects.active().filter(user=reader).exists()
    assert not may_download(reader, Issue.objects.published().first())
    assert may_download(reader, _issue_at(-8))


def test_the_servant_waits_to_pay_and_the_deputy_bought_one_issue(demo):
    request = Subscription.objects.select_related("payment", "plan").get(user__email="servant@demo.kg")
    assert request.status == Subscription.Status.REQUESTED and request.starts_on is None
    assert request.payment.status == Payment.Status.PENDING and request.payment.paid_at is None
    assert request.plan.kind == "print" and request.copies == 2 and request.payment.amount == 2 * request.plan.price
    deputy = User.objects.get(email="deputy@demo.kg")
    purchase = Purchase.objects.select_related("payment", "issue").get(user=deputy)
    assert purchase.status == Purchase.Status.PAID and purchase.payment.status == Payment.Status.PAID
    assert purchase.issue == _issue_at(-2) and not purchase.issue.is_free
    assert may_download(deputy, purchase.issue)
    assert not may_download(deputy, _issue_at(-1))


def test_payment_references_are_unique_and_look_like_the_real_ones(demo):
    references = list(Payment.objects.values_list("reference", flat=True))
    assert len(references) == len(set(references)) == 4
    assert all(REFERENCE.match(reference) for reference in references), references


def test_covers_record_their_size(demo):
    assert not Issue.objects.exclude(cover="").filter(cover_width__isnull=True).exists()
