"""Write the demo news into the database (called by `manage.py load_demo`).

Idempotent by slug: an item that exists is left alone, with whatever an editor changed.
Dates sit relative to the day of loading (news.demo.items `days_ago`), so the list always
shows fresh news over the last ~18 months. Rows are written directly: nothing is e-mailed.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from news.demo.items import NEWS
from news.models import News
from portal.models import Municipality
from practices.demo.covers import MOTIFS, draw_cover
from practices.demo.loader import to_html
from practices.models import Theme

LANGUAGES = ("ky", "ru", "en")


@dataclass
class Report:
    created: int = 0
    existing: int = 0


def check_content():
    """Problems in the demo news (unknown theme, municipality or motif, a slug twice), as lines."""
    themes = set(Theme.objects.values_list("slug", flat=True))
    codes = {code for item in NEWS for code in item["municipalities"]}
    known = set(Municipality.objects.filter(code__in=codes).values_list("code", flat=True))
    problems, seen = [], set()
    for item in NEWS:
        slug = item["slug"]
        problems += [f"news {slug}: no theme {theme!r}" for theme in item["themes"] if theme not in themes]
        problems += [f"news {slug}: no municipality {code!r}" for code in item["municipalities"] if code not in known]
        if item["motif"] and item["motif"] not in MOTIFS:
            problems.append(f"news {slug}: no motif {item['motif']!r}")
        if not {"ky", "ru"} <= item.keys():
            problems.append(f"news {slug}: not in Kyrgyz and Russian")
        if slug in seen:
            problems.append(f"news {slug}: slug used twice")
        seen.add(slug)
    return problems


def news_date(item, now):
    """Mid-morning in Bishkek, `days_ago` days before `now` (never in the future)."""
    local = timezone.localtime(now) - dt.timedelta(days=item["days_ago"])
    moment = local.replace(hour=9 + item["days_ago"] % 7, minute=(item["days_ago"] * 13) % 60, second=0, microsecond=0)
    return min(moment, now)


def load_news(*, now=None):
    """Create the demo news items that are not there yet; return a Report."""
    now = now or timezone.now()
    report = Report()
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    codes = {code for item in NEWS for code in item["municipalities"]}
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
    existing = set(News.objects.filter(slug__in=[item["slug"] for item in NEWS]).values_list("slug", flat=True))
    for item in NEWS:
        if item["slug"] in existing:
            report.existing += 1
            continue
        with transaction.atomic():
            create_news(item, themes=themes, municipalities=municipalities, now=now)
        report.created += 1
    return report


def create_news(item, *, themes, municipalities, now):
    date = news_date(item, now)
    news = News(slug=item["slug"], date=date, is_published=item.get("published", True))
    for language in LANGUAGES:
        texts = item.get(language)
        if texts:
            setattr(news, f"title_{language}", texts["title"])
            setattr(news, f"lead_{language}", texts["lead"])
            setattr(news, f"body_{language}", to_html(texts["body"]))
    if item["motif"]:
        picture = draw_cover(item["themes"][0], f"news-{item['slug']}", motif=item["motif"])
        name = f"{item['slug']}.jpg"
        news.image.save(name, ContentFile(picture, name=name), save=False)  # named: Django reads the size
    news.save()  # imagekit makes the WebP thumbnails now (Optimistic strategy)
    news.themes.set(themes[slug] for slug in item["themes"])
    news.municipalities.set(municipalities[code] for code in item["municipalities"])
    # auto_now(_add) stamped "now": an item was written shortly before it appeared.
    News.objects.filter(pk=news.pk).update(created_at=date - dt.timedelta(hours=3), updated_at=date)
    return news
