"""One issue's page: cover, number and month, editorial, editions, contents, and what the reader may do."""

import datetime

import pytest
from django.utils import timezone, translation

from accounts.models import User
from accounts.roles import Role
from magazine.models import Article, Issue, Rubric, Subscription
from practices.models import Theme

pytestmark = pytest.mark.django_db

JAN_2026 = datetime.date(2026, 1, 1)


def add_article(issue, slug, *, rubric=None, themes=(), **fields):
    fields.setdefault("title_ru", f"Статья {slug}")
    fields.setdefault("title_en", f"Article {slug}")
    article = Article.objects.create(issue=issue, slug=slug, rubric=rubric, **fields)
    article.themes.set(themes)
    return article


def page(client, issue, lang="en"):
    return client.get(f"/{lang}/magazine/{issue.year}/{issue.number}/")


def actions(html):
    return html.split('class="issue-actions"')[1].split("</section>")[0]


@pytest.fixture
def issue(make_issue):
    return make_issue(
        2026,
        10,
        running_number=156,
        title_en="Clean water",
        editorial_en="<p>Dear readers, <strong>water</strong> is this month's subject.</p>",
    )


def test_it_shows_the_issue_with_its_contents(client, issue, theme):
    rubric = Rubric.objects.create(slug="hot", name_en="Hot topic")
    add_article(
        issue,
        "kumbel",
        rubric=rubric,
        themes=[theme],
        title_en="Kumbel's water service",
        author="A. Sydykova",
        first_page=4,
        last_page=7,
        summary_en="How an aiyl aimak set up its water service.",
        is_free=True,
        order=1,
    )
    add_article(issue, "roads", title_en="Roads", first_page=8, order=2)
    response = page(client, issue)
    assert response.status_code == 200
    html = response.content.decode()
    assert "No. 10 (156)" in html and "October 2026" in html
    assert "<h1" in html and "Clean water" in html
    assert "<strong>water</strong>" in html  # the editorial's rich text
    contents = html.split('id="contents-title"')[1]
    assert contents.index("Kumbel&#x27;s water service") < contents.index("Roads")
    assert "Hot topic" in contents and "A. Sydykova" in contents and "p. 4–7" in contents and "p. 8" in contents
    assert "How an aiyl aimak set up its water service." in contents
    assert f'href="/en/practices/themes/{theme.slug}/"' in contents
    assert 'href="/en/magazine/2026/10/kumbel/"' in contents  # free: a page of its own
    assert 'href="/en/magazine/2026/10/roads/"' not in contents


def test_it_lists_the_editions_with_language_size_and_pages(client, make_issue):
    issue = make_issue(2026, 3, editions=("ru",))
    issue.editions.update(pages=48)
    html = actions(page(client, issue).content.decode())
    assert "Русский" in html and "Кыргызча" not in html
    assert "48 pages" in html and "PDF · " in html


def test_breadcrumbs_lead_back_to_the_magazine_and_the_year(client, issue):
    html = page(client, issue).content.decode()
    crumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert 'href="/en/magazine/"' in crumbs and 'href="/en/magazine/?year=2026#archive"' in crumbs
    assert 'aria-current="page">No. 10 (156)<' in crumbs


def test_it_links_the_previous_and_next_issues(client, make_issue, issue):
    make_issue(2026, 9)
    make_issue(2026, 11, status=Issue.Status.DRAFT)
    make_issue(2027, 1)
    html = page(client, issue).content.decode()
    assert 'rel="prev" href="/en/magazine/2026/9/"' in html
    assert 'rel="next" href="/en/magazine/2027/1/"' in html


# What the reader may do


def test_a_visitor_may_sign_in_subscribe_or_buy(client, issue):
    html = actions(page(client, issue).content.decode())
    assert "/pdf/" not in html
    assert 'href="/en/accounts/login/?next=/en/magazine/2026/10/"' in html
    assert 'href="/en/magazine/subscribe/"' in html and 'href="/en/magazine/2026/10/buy/"' in html
    assert "/en/accounts/signup/" in html


def test_a_subscriber_downloads_each_edition(client, servant, issue, make_order, plans):
    make_order(servant, plan=plans["combined"], starts_on=JAN_2026)
    client.force_login(servant)
    html = actions(page(client, issue).content.decode())
    assert 'href="/en/magazine/2026/10/pdf/ky/"' in html and 'href="/en/magazine/2026/10/pdf/ru/"' in html
    assert "/buy/" not in html and "/subscribe/" not in html


def test_a_member_without_a_subscription_may_subscribe_or_buy(client, servant, issue):
    client.force_login(servant)
    html = actions(page(client, issue).content.decode())
    assert "/pdf/" not in html and "accounts/login" not in html
    assert 'href="/en/magazine/subscribe/"' in html and 'href="/en/magazine/2026/10/buy/"' in html
    assert "electronic subscription" in html


def test_a_pending_member_is_told_their_membership_awaits_approval(client, pending_member, issue):
    client.force_login(pending_member)
    html = actions(page(client, issue).content.decode())
    assert "Your membership awaits approval" in html
    assert "/pdf/" not in html


def test_a_print_subscriber_is_told_the_pdf_needs_an_electronic_subscription(client, servant, issue, make_order, plans):
    make_order(servant, plan=plans["print"], starts_on=JAN_2026)
    client.force_login(servant)
    html = actions(page(client, issue).content.decode())
    assert "Your subscription brings the printed magazine" in html
    assert "/pdf/" not in html


def test_an_ended_subscription_is_explained_and_offered_again(client, servant, issue, make_order, plans):
    make_order(servant, plan=plans["electronic"], starts_on=datetime.date(2025, 1, 1), status="expired")
    client.force_login(servant)
    html = actions(page(client, issue).content.decode())
    assert "Your electronic subscription ended on Dec. 31, 2025" in html
    assert "Renew the subscription" in html


def test_an_order_awaiting_payment_is_recalled_with_its_instructions(client, servant, issue, make_order, plans):
    subscription = make_order(servant, plan=plans["electronic"], paid=False)
    purchase = make_order(servant, issue=issue, paid=False)
    client.force_login(servant)
    html = actions(page(client, issue).content.decode())
    assert f'href="/en/magazine/orders/{subscription.payment.reference}/"' in html
    assert f'href="/en/magazine/orders/{purchase.payment.reference}/"' in html


def test_a_free_issue_is_for_everyone(client, make_issue):
    issue = make_issue(2026, 4, is_free=True)
    html = actions(page(client, issue).content.decode())
    assert 'href="/en/magazine/2026/4/pdf/ru/"' in html
    assert "This issue is free" in html


@pytest.mark.parametrize("role", [Role.EDITOR, Role.ULSG_ADMIN])
def test_magazine_staff_download_every_issue(client, make_member, issue, role):
    client.force_login(make_member(role))
    assert 'href="/en/magazine/2026/10/pdf/ru/"' in actions(page(client, issue).content.decode())


# Not out yet


@pytest.mark.parametrize("status", ["draft", "scheduled"])
def test_an_issue_not_yet_out_is_404_for_readers(client, servant, make_issue, status):
    fields = {"publish_at": timezone.now() + datetime.timedelta(days=1)} if status == "scheduled" else {}
    issue = make_issue(2026, 3, status=status, **fields)
    assert page(client, issue).status_code == 404
    client.force_login(servant)
    assert page(client, issue).status_code == 404


def test_magazine_staff_preview_an_issue_not_yet_out(client, editor, make_issue):
    issue = make_issue(2026, 3, status=Issue.Status.SCHEDULED, publish_at=timezone.now() + datetime.timedelta(days=1))
    client.force_login(editor)
    response = page(client, issue)
    assert response.status_code == 200
    html = response.content.decode()
    assert "notice-preview" in html and "scheduled to appear" in html
    assert '<meta name="robots" content="noindex">' in html


def test_an_unknown_issue_is_404(client, make_issue):
    make_issue(2026, 3)
    assert client.get("/en/magazine/2026/4/").status_code == 404
    assert client.get("/en/magazine/2025/3/").status_code == 404


def test_only_get_is_allowed(client, issue):
    assert client.post("/en/magazine/2026/10/").status_code == 405


def test_it_reads_in_kyrgyz_and_russian(client, make_issue):
    issue = make_issue(2026, 10, editorial_ru="<p>Дорогие читатели!</p>")
    with translation.override("ky"):
        ky = page(client, issue, "ky").content.decode()
    with translation.override("ru"):
        ru = page(client, issue, "ru").content.decode()
    assert "Чыгарылыш 10/2026" in ky and "Октябрь 2026" in ky
    assert 'lang="ru"' in ky.split('id="editorial-title"')[1]  # the Russian editorial, marked as such
    assert "Выпуск 10/2026" in ru and "Дорогие читатели!" in ru


# Speed


def fill(issue, how_many):
    rubric = Rubric.objects.create(slug="hot", name_ru="Актуальная тема")
    themes = list(Theme.objects.all()[:2])
    for position in range(how_many):
        add_article(issue, f"a{position}", rubric=rubric, themes=themes, is_free=position % 2 == 0, order=position)


@pytest.mark.parametrize("how_many", [1, 20])
def test_the_issue_page_runs_a_fixed_number_of_queries(client, issue, django_assert_num_queries, how_many):
    fill(issue, how_many)
    # 1 the issue, 2 its editions, 3 its articles with their rubrics, 4 their themes, 5 previous, 6 next issue
    with django_assert_num_queries(6):
        assert page(client, issue, "ru").status_code == 200


@pytest.mark.parametrize("how_many", [1, 20])
def test_the_issue_page_runs_a_fixed_number_of_queries_for_a_member(
    client, servant, issue, make_order, plans, django_assert_num_queries, how_many
):
    fill(issue, how_many)
    make_order(servant, plan=plans["print"], starts_on=JAN_2026)
    client.force_login(servant)
    # 1 session, 2 user, 3-6 the issue, editions, articles, themes; entitlement: 7 groups, 8 paid purchase,
    # 9 covering subscriptions; why not: 10 the member's subscriptions, 11 their unpaid purchase of this issue;
    # 12 previous, 13 next issue
    with django_assert_num_queries(13):
        assert page(client, issue, "ru").status_code == 200


def test_a_member_whose_subscription_was_cancelled_is_offered_to_subscribe(client, servant, issue, make_order, plans):
    make_order(servant, plan=plans["electronic"], starts_on=JAN_2026, status=Subscription.Status.CANCELLED)
    client.force_login(servant)
    html = actions(page(client, issue).content.decode())
    assert "/pdf/" not in html and 'href="/en/magazine/subscribe/"' in html


def test_a_rejected_applicant_is_not_offered_anything(client, make_member, issue):
    client.force_login(make_member(Role.SERVANT, status=User.Status.REJECTED, email="rejected@example.kg"))
    html = actions(page(client, issue).content.decode())
    assert "/subscribe/" not in html and "/pdf/" not in html
