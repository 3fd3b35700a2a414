"""Write the library's demo content into the database (called by `manage.py load_demo`).

Idempotent by slug: a practice or material that is already there is left alone
(with its files and history), so running the command twice duplicates nothing and
an editor's changes to a demo practice survive a reload. Each practice is written
in its own transaction, so an interrupted load completes on the next run.
"""

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from portal.models import Municipality
from practices.demo.cases import PRACTICES
from practices.demo.covers import draw_cover
from practices.demo.documents import DOCUMENTS
from practices.demo.resources import RESOURCES
from practices.demo.tags import TAGS
from practices.models import Attachment, Practice, PracticeImage, Resource, ReviewEvent, Tag, Theme

FILES_DIR = Path(__file__).resolve().parent / "files"
LANGUAGES = ("ky", "ru", "en")
# demo key -> translated Practice field
PRACTICE_TEXTS = {
    "title": "title",
    "summary": "summary",
    "problem": "problem",
    "actions": "actions",
    "results": "results",
    "partners": "partners",
    "position": "contact_position",
}
RICH_TEXTS = {"problem", "actions", "results"}
STATES = {
    "published": Practice.Status.PUBLISHED,
    "submitted": Practice.Status.SUBMITTED,
    "in_review": Practice.Status.IN_REVIEW,
    "returned": Practice.Status.DRAFT,
    "archived": Practice.Status.ARCHIVED,
}
PUBLISHED_SPAN_DAYS = 720  # published practices are spread over the last two years


@dataclass
class Report:
    practices_created: int = 0
    practices_existing: int = 0
    resources_created: int = 0
    resources_existing: int = 0


def to_html(lines):
    """Demo markup to the rich text the site stores: "- " lines make a list, other lines paragraphs."""
    parts, items = [], []
    for line in lines:
        if line.startswith("- "):
            items.append(f"<li>{html.escape(line[2:])}</li>")
            continue
        if items:
            parts.append(f"<ul>{''.join(items)}</ul>")
            items = []
        parts.append(f"<p>{html.escape(line)}</p>")
    if items:
        parts.append(f"<ul>{''.join(items)}</ul>")
    return "".join(parts)


def check_content():
    """Problems in the demo data (unknown theme, municipality, tag or file), as readable lines."""
    themes = set(Theme.objects.values_list("slug", flat=True))
    codes = {data["municipality"] for data in PRACTICES if data["municipality"]}
    known_codes = set(Municipality.objects.filter(code__in=codes).values_list("code", flat=True))
    problems = []
    for data in PRACTICES + RESOURCES:
        slug = data["slug"]
        wanted_themes = ([data["theme"]] if "theme" in data else []) + data.get("themes", [])
        problems += [f"{slug}: no theme {theme!r}" for theme in wanted_themes if theme not in themes]
        problems += [f"{slug}: no tag {tag!r}" for tag in data.get("tags", []) if tag not in TAGS]
        for name in data.get("files", []) + ([data["file"]] if data.get("file") else []):
            if name not in DOCUMENTS or not (FILES_DIR / name).exists():
                problems.append(f"{slug}: no document {name!r} (run scripts/make_demo_pdfs.py)")
    problems += [
        f"{data['slug']}: no municipality {data['municipality']!r}"
        for data in PRACTICES
        if data["municipality"] and data["municipality"] not in known_codes
    ]
    return problems


def load_library(*, editor, servant, now=None):
    """Create the tags, practices and learning materials that are not there yet; return a Report."""
    now = now or timezone.now()
    report = Report()
    tags = ensure_tags()
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    municipalities = {m.code: m for m in Municipality.objects.all()}
    dates = publication_dates(now)
    existing = set(Practice.objects.filter(slug__in=[p["slug"] for p in PRACTICES]).values_list("slug", flat=True))
    for index, data in enumerate(PRACTICES):
        if data["slug"] in existing:
            report.practices_existing += 1
            continue
        context = {"themes": themes, "tags": tags, "municipalities": municipalities, "editor": editor}
        with transaction.atomic():
            create_practice(data, context, servant=servant, published_at=dates.get(data["slug"]), now=now, index=index)
        report.practices_created += 1
    existing = set(Resource.objects.filter(slug__in=[r["slug"] for r in RESOURCES]).values_list("slug", flat=True))
    for index, data in enumerate(RESOURCES):
        if data["slug"] in existing:
            report.resources_existing += 1
            continue
        with transaction.atomic():
            create_resource(data, themes, published_at=now - dt.timedelta(days=9 + index * 38, hours=index))
        report.resources_created += 1
    return report


def ensure_tags():
    tags = {}
    for slug, (ky, ru, en) in TAGS.items():
        tags[slug], _ = Tag.objects.update_or_create(slug=slug, defaults={"name_ky": ky, "name_ru": ru, "name_en": en})
    return tags


def publication_dates(now):
    """slug -> published_at: newest first for the most recent years, one every ~18 days back to two years ago."""
    published = [p for p in PRACTICES if p.get("state", "published") == "published"]
    published.sort(key=lambda p: -p["year"])  # stable: keeps the file order within a year
    step = PUBLISHED_SPAN_DAYS / max(len(published), 1)
    dates = {}
    for i, data in enumerate(published):
        moment = now - dt.timedelta(days=3 + i * step)
        dates[data["slug"]] = moment.replace(hour=4 + i % 9, minute=(i * 7) % 60, second=0, microsecond=0)
    for data in PRACTICES:
        if data.get("state") == "archived":
            dates[data["slug"]] = now - dt.timedelta(days=PUBLISHED_SPAN_DAYS + 40)
    return dates


def create_practice(data, context, *, servant, published_at, now, index):
    state = data.get("state", "published")
    beneficiaries, total_cost, own = (data.get(key) for key in ("beneficiaries", "total_cost", "own_contribution"))
    practice = Practice(
        slug=data["slug"],
        theme=context["themes"][data["theme"]],
        municipality=context["municipalities"][data["municipality"]] if data["municipality"] else None,
        year=data["year"],
        beneficiaries=beneficiaries,
        total_cost=total_cost,
        own_contribution=own,
        contact_name=data["contact"][0],
        contact_phone=data["contact"][1],
        contact_email=data.get("email", ""),
        video_url=data.get("video_url", ""),
        is_sigr=data.get("sigr", False),
        for_deputies=data.get("for_deputies", False),
        gender_budgeting=data.get("gender_budgeting", False),
        visibility=data.get("visibility", "public"),
        status=STATES[state],
        submitted_by=servant if data.get("submitted_by_servant") else None,
        published_at=published_at if state in ("published", "archived") else None,
    )
    for language in LANGUAGES:
        for key, field in PRACTICE_TEXTS.items():
            value = data.get(language, {}).get(key)
            if value:
                setattr(practice, f"{field}_{language}", to_html(value) if key in RICH_TEXTS else value)
    if data.get("cover", True):
        # A named ContentFile: Django reads an image's width and height only from a file with a name.
        name = f"{data['slug']}.jpg"
        practice.cover.save(name, ContentFile(draw_cover(data["theme"], data["slug"]), name=name), save=False)
    practice.save()  # imagekit makes the WebP thumbnails now (Optimistic strategy)
    practice.themes.set(context["themes"][slug] for slug in data.get("themes", []))
    practice.tags.set(context["tags"][slug] for slug in data.get("tags", []))
    for order, captions in enumerate(data.get("gallery", [])):
        add_gallery_image(practice, data, order, captions)
    for order, name in enumerate(data.get("files", [])):
        attach(practice, name, order)
    record_history(practice, data, editor=context["editor"], servant=servant, now=now, index=index)
    return practice


def add_gallery_image(practice, data, order, captions):
    image = PracticeImage(practice=practice, order=order)
    for language, caption in captions.items():
        setattr(image, f"caption_{language}", caption)
    # The first picture shows people at work on it (or, for a participation practice, its
    # further theme), the second the theme's own motif: a gallery that is not the cover twice.
    others = [slug for slug in ("participation", *data.get("themes", [])) if slug != data["theme"]]
    motif = others[0] if order == 0 and others else None
    content = draw_cover(data["theme"], f"{data['slug']}-{order + 1}", motif=motif)
    name = f"{data['slug']}-{order + 1}.jpg"
    image.image.save(name, ContentFile(content, name=name), save=False)
    image.save()


def document_file(name):
    """The committed PDF as an upload named like the original, so downloads keep a readable name."""
    return ContentFile((FILES_DIR / name).read_bytes(), name=name)


def attach(practice, name, order):
    document = DOCUMENTS[name]
    attachment = Attachment(practice=practice, language=document["language"], order=order)
    for language, title in document["title"].items():
        setattr(attachment, f"title_{language}", title)
    upload = document_file(name)
    attachment.file.save(name, upload, save=False)
    attachment.fill_file_metadata(upload)
    attachment.save()


def record_history(practice, data, *, editor, servant, now, index):
    """The ReviewEvents of the practice's state, and created/updated dates that precede them."""
    state = data.get("state", "published")
    submitter = servant if data.get("submitted_by_servant") else editor
    if state in ("published", "archived"):
        start = practice.published_at - dt.timedelta(days=6, hours=index % 5)
    else:
        start = now - dt.timedelta(days={"submitted": 2 + index % 4, "in_review": 12, "returned": 21}[state])
    steps = [(Practice.Status.DRAFT, Practice.Status.SUBMITTED, submitter, "", start)]
    if state != "submitted":
        steps.append((Practice.Status.SUBMITTED, Practice.Status.IN_REVIEW, editor, "", start + dt.timedelta(days=2)))
    if state == "returned":
        steps.append(
            (
                Practice.Status.IN_REVIEW,
                Practice.Status.DRAFT,
                editor,
                data["return_comment"],
                start + dt.timedelta(days=5),
            )
        )
    if state in ("published", "archived"):
        steps.append((Practice.Status.IN_REVIEW, Practice.Status.PUBLISHED, editor, "", practice.published_at))
    if state == "archived":
        archived_at = now - dt.timedelta(days=90)
        steps.append(
            (Practice.Status.PUBLISHED, Practice.Status.ARCHIVED, editor, data["archive_comment"], archived_at)
        )
    ReviewEvent.objects.bulk_create(
        ReviewEvent(practice=practice, actor=actor, from_status=old, to_status=new, comment=comment, created_at=when)
        for old, new, actor, comment, when in steps
    )
    # auto_now(_add) stamped "now"; the history says otherwise.
    Practice.objects.filter(pk=practice.pk).update(created_at=start - dt.timedelta(days=1), updated_at=steps[-1][4])


def create_resource(data, themes, *, published_at):
    document = DOCUMENTS.get(data.get("file", ""), {})
    resource = Resource(
        slug=data["slug"],
        kind=data["kind"],
        audience=data["audience"],
        language=data.get("language") or document["language"],
        video_url=data.get("video_url", ""),
        year=data["year"],
        for_deputies=data.get("for_deputies", False),
        gender_budgeting=data.get("gender_budgeting", False),
        visibility=data.get("visibility", "public"),
        is_published=True,
        published_at=published_at,
    )
    for language, title in (data.get("title") or document["title"]).items():
        setattr(resource, f"title_{language}", title)
    for language, lines in data["description"].items():
        setattr(resource, f"description_{language}", to_html(lines))
    if data.get("file"):
        upload = document_file(data["file"])
        resource.file.save(data["file"], upload, save=False)
        resource.fill_file_metadata(upload)
    resource.save()
    resource.themes.set(themes[slug] for slug in data["themes"])
    return resource
