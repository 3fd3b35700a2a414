"""Write the magazine's demo content into the database (called by `manage.py load_demo`).

Issues sit relative to today (magazine.demo.months): fourteen published months, the
current month's issue scheduled for next week, next month's a draft. Rows are written
directly, never through magazine.publishing, so loading e-mails nobody; published issues
are marked as notified, and the scheduled one notifies its subscribers when
publish_due_issues publishes it.

Idempotent: an issue whose year and number exist already is left alone (with its files,
and whatever an editor changed), rubrics are kept up to date by slug, a plan of a kind and
length that exists is kept, and orders are made only for members who have none.
"""

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import User
from magazine.demo.covers import COVER_FONT, draw_issue_cover
from magazine.demo.issues import ISSUES
from magazine.demo.months import edition_file_name, month_label, running_number, shift_month
from magazine.demo.orders import ORDERS, OrderReport, load_orders
from magazine.demo.rubrics import PLANS, RUBRICS
from magazine.models import Article, Edition, Issue, Plan, Rubric
from practices.demo.loader import to_html
from practices.models import Theme

FILES_DIR = Path(__file__).resolve().parent / "files"
LANGUAGES = ("ky", "ru", "en")
DEFAULT_EDITIONS = ("ky", "ru")


@dataclass
class Report:
    issues_created: int = 0
    issues_existing: int = 0
    articles_created: int = 0
    plans_created: int = 0
    orders: OrderReport = field(default_factory=OrderReport)


def check_content():
    """Problems in the demo data (unknown theme or rubric, missing file, pages out of order), as lines."""
    themes = set(Theme.objects.values_list("slug", flat=True))
    problems = []
    if not COVER_FONT.exists():
        problems.append(f"no cover font {COVER_FONT.name} (run scripts/make_demo_magazine.py)")
    for issue in ISSUES:
        name = f"issue {issue['offset']:+d}"
        if issue["theme"] not in themes:
            problems.append(f"{name}: no theme {issue['theme']!r}")
        for language in issue.get("editions", DEFAULT_EDITIONS):
            if not (FILES_DIR / edition_file_name(issue["offset"], language)).exists():
                problems.append(f"{name}: no {language} PDF (run scripts/make_demo_magazine.py)")
        problems += _article_problems(name, issue["articles"], themes)
    return problems


def _article_problems(name, articles, themes):
    problems, last_page, slugs = [], 0, set()
    for article in articles:
        where = f"{name}, {article['slug']}"
        problems += [f"{where}: no theme {slug!r}" for slug in article["themes"] if slug not in themes]
        if article["rubric"] not in RUBRICS:
            problems.append(f"{where}: no rubric {article['rubric']!r}")
        first, last = article["pages"]
        if not last_page < first <= last:
            problems.append(f"{where}: pages {first}–{last} out of order")
        last_page = last
        if article["slug"] in slugs:
            problems.append(f"{where}: slug used twice")
        slugs.add(article["slug"])
    if not any(article.get("body", {}).keys() >= {"ky", "ru"} for article in articles):
        problems.append(f"{name}: no free article with its text in ky and ru")
    return problems


def load_magazine(*, editor, now=None):
    """Create the rubrics, plans, issues and orders that are not there yet; return a Report."""
    now = now or timezone.now()
    report = Report()
    rubrics = ensure_rubrics()
    plans = ensure_plans(report)
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    current = timezone.localdate(now)
    issues = {}
    for data in ISSUES:
        year, month = shift_month(current.year, current.month, data["offset"])
        issue = Issue.objects.filter(year=year, number=month).first()
        if issue is not None:
            report.issues_existing += 1
        else:
            with transaction.atomic():
                issue = create_issue(data, year=year, month=month, rubrics=rubrics, themes=themes, now=now)
            report.issues_created += 1
            report.articles_created += len(data["articles"])
        issues[data["offset"]] = issue
    users = {user.email: user for user in User.objects.filter(email__in={order["user"] for order in ORDERS})}
    report.orders = load_orders(users=users, plans=plans, issues=issues, editor=editor, now=now)
    return report


def ensure_rubrics():
    rubrics = {}
    for order, (slug, (ky, ru, en)) in enumerate(RUBRICS.items()):
        rubrics[slug], _ = Rubric.objects.update_or_create(
            slug=slug, defaults={"name_ky": ky, "name_ru": ru, "name_en": en, "order": order}
        )
    return rubrics


def ensure_plans(report):
    """(kind, months) -> Plan: an existing plan of that kind and length is kept as editors left it."""
    plans = {}
    for order, (kind, months, price, texts) in enumerate(PLANS):
        plan = Plan.objects.filter(kind=kind, months=months).order_by("-is_active", "pk").first()
        if plan is None:
            plan = Plan(kind=kind, months=months, price=price, order=order)
            for language, (name, description) in texts.items():
                setattr(plan, f"name_{language}", name)
                setattr(plan, f"description_{language}", description)
            plan.save()
            report.plans_created += 1
        plans[(kind, months)] = plan
    return plans


def _publication(data, *, year, month, now):
    """status, publish_at, published_at, created_at of an issue of the demo."""
    state = data.get("state", "published")
    if state == "scheduled":
        publish_at = timezone.localtime(now).replace(hour=9, minute=0, second=0, microsecond=0) + dt.timedelta(days=6)
        return Issue.Status.SCHEDULED, publish_at, None, now - dt.timedelta(days=12)
    if state == "draft":
        return Issue.Status.DRAFT, None, None, now - dt.timedelta(days=3)
    # Out in the middle of its month, on a day that differs from one issue to the next.
    published_at = timezone.make_aware(dt.datetime(year, month, 8 + running_number(year, month) % 9, 10, 30))
    return Issue.Status.PUBLISHED, None, published_at, published_at - dt.timedelta(days=14)


def create_issue(data, *, year, month, rubrics, themes, now):
    running = running_number(year, month)
    status, publish_at, published_at, created_at = _publication(data, year=year, month=month, now=now)
    issue = Issue(
        year=year,
        number=month,
        month=month,
        running_number=running,
        is_free=data.get("free", False),
        status=status,
        publish_at=publish_at,
        published_at=published_at,
        # Published before the portal knew its subscribers: nobody is to be told again.
        subscribers_notified_at=published_at + dt.timedelta(minutes=20) if published_at else None,
    )
    for language in LANGUAGES:
        texts = data.get(language, {})
        if texts:
            setattr(issue, f"title_{language}", texts["title"])
            setattr(issue, f"editorial_{language}", to_html(texts["editorial"]))
    cover = draw_issue_cover(
        theme=data["theme"],
        seed=f"magazine-{running}",
        number=f"№ {issue.label}",
        month=month_label(year, month, "ru"),
        headline=data["ky"]["title"],
        subtitle=data["ru"]["title"],
    )
    name = f"municipalitet-{year}-{month:02d}.jpg"
    issue.cover.save(name, ContentFile(cover, name=name), save=False)  # named: Django reads the size
    issue.save()  # imagekit makes the WebP thumbnails now (Optimistic strategy)
    for order, article in enumerate(data["articles"]):
        create_article(issue, article, order=order, rubrics=rubrics, themes=themes)
    for language in data.get("editions", DEFAULT_EDITIONS):
        attach_edition(issue, data["offset"], language)
    Issue.objects.filter(pk=issue.pk).update(created_at=created_at, updated_at=published_at or created_at)
    return issue


def create_article(issue, data, *, order, rubrics, themes):
    first_page, last_page = data["pages"]
    article = Article(
        issue=issue,
        slug=data["slug"],
        rubric=rubrics[data["rubric"]],
        author=data["author"],
        first_page=first_page,
        last_page=last_page,
        is_free="body" in data,
        order=order,
    )
    for language in ("ky", "ru"):
        title, summary = data[language]
        setattr(article, f"title_{language}", title)
        setattr(article, f"summary_{language}", summary)
    if data.get("en"):
        article.title_en = data["en"]
    for language, paragraphs in data.get("body", {}).items():
        setattr(article, f"body_{language}", to_html(paragraphs))
    article.save()
    article.themes.set(themes[slug] for slug in data["themes"])
    return article


def attach_edition(issue, offset, language):
    """The committed PDF, saved under the issue's own month: the name a download keeps."""
    content = (FILES_DIR / edition_file_name(offset, language)).read_bytes()
    upload = ContentFile(content, name=f"municipalitet-{issue.year}-{issue.month:02d}-{language}.pdf")
    edition = Edition(issue=issue, language=language, pages=len(PdfReader(io.BytesIO(content)).pages))
    edition.file.save(upload.name, upload, save=False)
    edition.fill_file_metadata(upload)
    edition.save()
    return edition
