"""Benchmark data at national scale (`manage.py generate_bench_data`, used by `make bench`).

Writes practices in every theme and municipality, magazine issues with both editions and
their tables of contents, learning materials and members, with what the real code would
write: translated fields in Kyrgyz, Russian and (mostly) English built from word lists so
that searches in each language find things, rich text through the same sanitizer (the
RichTextField's pre_save runs in bulk_create too), published items with a publication date,
some for members or deputies only, and a search index equal to what portal.search writes.

It is fast because it writes in bulk: bulk_create in batches (no per-object save() or
signals), one cover image per theme shared by the practices of that theme (thumbnails made
once), one PDF per edition language shared by the paid issues, and the practices' search
entries built from the generated text in Python and their tsvectors computed by one UPDATE
per language (portal.search's own writer is used for the few items with PDF text and for
the magazine and learning materials). tests/portal/test_generate_bench_data.py checks that
the practices' entries equal what practices.indexing would write.

Every member shares one password hash (BENCH_PASSWORD), hashed once: the data are for a
benchmark database only, never a real site.
"""

import datetime as dt
import html
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from accounts.roles import Role
from accounts.visibility import Visibility
from magazine.models import Article, Edition, Issue, Payment, Plan, Subscription
from portal import search
from portal.models import Municipality, SearchEntry
from practices.models import Attachment, Practice, Resource, ReviewEvent, Tag, Theme

BENCH_PASSWORD = "bench-portal-2026"  # noqa: S105 (published on purpose: benchmark databases only)
# Named members for the benchmark and the load test (all share BENCH_PASSWORD).
BENCH_SERVANT = "bench-servant@bench.kg"
BENCH_DEPUTY = "bench-deputy@bench.kg"
BENCH_SUBSCRIBER = "bench-subscriber@bench.kg"
BENCH_EDITOR = "bench-editor@bench.kg"
LOAD_MEMBERS = 200  # member00001..member00200: approved servants the load test signs in as

BATCH = 1000
LANGUAGES = ("ky", "ru", "en")
DIRECTORY_CSV = Path(settings.BASE_DIR) / "portal" / "data" / "municipalities.csv"
PRACTICE_FILES = Path(settings.BASE_DIR) / "practices" / "demo" / "files"
MAGAZINE_FILES = Path(settings.BASE_DIR) / "magazine" / "demo" / "files"
PRACTICES_WITH_FILES = 30
RESOURCES = 40
ARTICLES_PER_ISSUE = 8
FREE_ARTICLES_PER_ISSUE = 2

# (ky, ru, en) noun phrases: what a practice is about. Searched by bench/run.py and bench/locustfile.py.
TOPICS = [
    ("ичүүчү суу", "питьевая вода", "drinking water"),
    ("суу түтүгү", "водопровод", "water pipeline"),
    ("жол оңдоо", "ремонт дорог", "road repair"),
    ("мектеп", "школа", "school"),
    ("балдар бакчасы", "детский сад", "kindergarten"),
    ("көчө жарыгы", "уличное освещение", "street lighting"),
    ("таштанды чыгаруу", "вывоз мусора", "waste collection"),
    ("жергиликтүү бюджет", "местный бюджет", "local budget"),
    ("коомдук угуулар", "общественные слушания", "public hearings"),
    ("жаштар борбору", "молодёжный центр", "youth centre"),
    ("саламаттык сактоо", "здравоохранение", "health care"),
    ("муниципалдык мүлк", "муниципальное имущество", "municipal property"),
    ("жер участоктору", "земельные участки", "land plots"),
    ("сугат суусу", "поливная вода", "irrigation water"),
    ("туризм", "туризм", "tourism"),
    ("базар", "рынок", "market"),
    ("спорт аянтчасы", "спортивная площадка", "sports ground"),
    ("аялдар кеңеши", "женский совет", "women's council"),
    ("электрондук кызматтар", "электронные услуги", "e-services"),
    ("автобус аялдамасы", "автобусная остановка", "bus stop"),
    ("көпүрө", "мост", "bridge"),
    ("маданият үйү", "дом культуры", "house of culture"),
    ("жайыт", "пастбище", "pasture"),
    ("өрт коопсуздугу", "пожарная безопасность", "fire safety"),
]
# Words the benchmark searches for: each occurs in many generated practices and articles.
SEARCH_WORDS = {
    "ru": ["водопровод", "ремонт дорог", "детский сад", "вывоз мусора", "местный бюджет", "пастбище"],
    "ky": ["суу түтүгү", "мектеп", "көчө жарыгы", "жайыт", "жергиликтүү бюджет", "базар"],
}
APPROACHES = [
    ("жаңы мамиле", "новый подход", "a new approach"),
    ("тургундар менен бирге", "вместе с жителями", "together with residents"),
    ("ачык бюджет", "открытый бюджет", "an open budget"),
    ("санариптик чечим", "цифровое решение", "a digital solution"),
    ("жамааттык демилге", "инициатива сообщества", "a community initiative"),
    ("өнөктөштүк", "партнёрство", "a partnership"),
]
PROBLEM = {
    "ky": [
        "{place} айыл аймагында {topic} маселеси көп жылдан бери чечилбей келген.",
        "Тургундар {topic} боюнча даттанууларын айыл өкмөтүнө бир нече жолу жиберишкен.",
        "Жергиликтүү бюджеттин каражаты {topic} үчүн жетишсиз болгон.",
    ],
    "ru": [
        "В муниципалитете {place} проблема «{topic}» годами оставалась нерешённой.",
        "Жители не раз обращались в айыл окмоту с жалобами: {topic}.",
        "Средств местного бюджета на направление «{topic}» не хватало.",
    ],
    "en": [
        "In {place}, {topic} had been a problem for years.",
        "Residents complained to the local administration about {topic} many times.",
        "The local budget could not pay for {topic} alone.",
    ],
}
ACTIONS = {
    "ky": [
        "Айыл өкмөтү {topic} боюнча коомдук угууларды өткөрдү.",
        "Жергиликтүү кеңештин депутаттары {topic} программасын бекитишти.",
        "Тургундар салымын кошуп, {topic} долбоору ишке ашырылды.",
        "Донорлор менен бирге {topic} үчүн каражат табылды.",
    ],
    "ru": [
        "Айыл окмоту провёл общественные слушания по теме «{topic}».",
        "Депутаты местного кенеша утвердили программу: {topic}.",
        "Проект «{topic}» выполнен с вкладом жителей.",
        "Вместе с донорами найдены средства на направление «{topic}».",
    ],
    "en": [
        "The local administration held public hearings on {topic}.",
        "Council deputies approved a programme for {topic}.",
        "The {topic} project was carried out with the residents' contribution.",
        "Funds for {topic} were found together with donors.",
    ],
}
RESULTS = {
    "ky": [
        "{people} тургун {topic} жаатында жакшыруу сезишти.",
        "Долбоордун натыйжасында {topic} боюнча чыгымдар {share} пайызга кыскарды.",
        "Башка айыл аймактары да {topic} тажрыйбасын колдоно башташты.",
    ],
    "ru": [
        "Улучшения по направлению «{topic}» почувствовали {people} жителей.",
        "Расходы на направление «{topic}» сократились на {share} процентов.",
        "Опыт («{topic}») переняли соседние айыл аймаки.",
    ],
    "en": [
        "{people} residents felt the change in {topic}.",
        "Spending on {topic} fell by {share} percent.",
        "Neighbouring municipalities took up the {topic} experience.",
    ],
}
SUMMARY = {
    "ky": "{place}: {topic} маселеси {approach} аркылуу чечилди; {people} тургун пайда көрдү.",
    "ru": "{place}: {topic} — {approach}; пользу получили {people} жителей.",
    "en": "{place}: {topic} through {approach}; {people} residents benefit.",
}
TITLE = {
    "ky": "{place}: {topic} — {approach}",
    "ru": "{place}: {topic} — {approach}",
    "en": "{place}: {topic}, {approach}",
}
PARTNERS = {"ky": "ЖӨБ Союзу, ГИЗ, ПРООН", "ru": "Союз МСУ, GIZ, ПРООН", "en": "ULSG, GIZ, UNDP"}
POSITION = {"ky": "Айыл өкмөтүнүн башчысы", "ru": "Глава айыл окмоту", "en": "Head of the local administration"}
FIRST_NAMES = ["Айгүл", "Нурлан", "Бакыт", "Жылдыз", "Елена", "Азамат", "Гүлнара", "Ольга", "Тимур", "Мээрим"]
LAST_NAMES = ["Осмонова", "Токтогулов", "Жумабаев", "Эсенбаева", "Петрова", "Садыков", "Абдыкадырова", "Иванова"]
TAG_WORDS = [
    ("ачыктык", "прозрачность", "transparency"),
    ("жаштар", "молодёжь", "youth"),
    ("аялдар", "женщины", "women"),
    ("инфраструктура", "инфраструктура", "infrastructure"),
    ("санариптештирүү", "цифровизация", "digitalisation"),
    ("айыл чарба", "сельское хозяйство", "agriculture"),
    ("экология", "экология", "ecology"),
    ("билим берүү", "образование", "education"),
    ("грант", "грант", "grant"),
    ("өнөктөштүк", "партнёрство", "partnership"),
]
ISSUE_TITLES = [
    ("Жергиликтүү бюджет жана тургундар", "Местный бюджет и жители"),
    ("Суу менен камсыз кылуу", "Водоснабжение"),
    ("Депутаттын иши", "Работа депутата"),
    ("Муниципалдык кызматтар", "Муниципальные услуги"),
    ("Жаштар жана өнүгүү", "Молодёжь и развитие"),
    ("Жер жана мүлк", "Земля и имущество"),
]
ARTICLE_AUTHORS = ["Айгүл Осмонова", "Нурлан Токтогулов", "Елена Петрова", "Бакыт Жумабаев", "Мээрим Садыкова"]


@dataclass
class Report:
    counts: dict = field(default_factory=dict)
    timings: list = field(default_factory=list)  # (step, seconds)

    def step(self, name, started):
        self.timings.append((name, time.monotonic() - started))


def _paragraphs(sentences):
    """Rich text as the editor writes it: paragraphs and a list (escaped; sanitized again on save)."""
    first, *rest = sentences
    items = "".join(f"<li>{html.escape(s)}</li>" for s in rest)
    return f"<p>{html.escape(first)}</p><ul>{items}</ul>" if items else f"<p>{html.escape(first)}</p>"


def _batched(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def has_content():
    return Practice.objects.exists() or Issue.objects.exists()


def reset():
    """Remove what a previous run wrote (and anything else of these kinds): practices, the magazine's
    issues and orders, learning materials, tags, search entries and members other than superusers."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        Subscription.objects.all().delete()
        from magazine.models import Purchase

        Purchase.objects.all().delete()
        Payment.objects.all().delete()
        Issue.objects.all().delete()
        Practice.objects.all().delete()
        Resource.objects.all().delete()
        Tag.objects.all().delete()
        EmailAddress.objects.filter(user__is_superuser=False).delete()
        User.objects.filter(is_superuser=False).delete()


def generate(*, practices=10_000, issues=200, members=20_000, seed=1, stdout=None, now=None):
    """Write the benchmark data into an empty database; return a Report."""
    now = now or timezone.now()
    rng = random.Random(seed)
    report = Report()

    def say(message):
        if stdout is not None:
            stdout.write(message)

    started = time.monotonic()
    if not Municipality.objects.exists():
        call_command("import_municipalities", str(DIRECTORY_CSV), verbosity=0)
    report.step("municipality directory", started)

    steps = [
        ("members", lambda: _members(rng, members, now, report)),
        ("practices", lambda: _practices(rng, practices, now, report)),
        ("learning materials", lambda: _resources(rng, now, report)),
        ("magazine", lambda: _magazine(rng, issues, now, report)),
        ("search index", lambda: _search_index(report)),
    ]
    for name, run in steps:
        started = time.monotonic()
        done = len(report.timings)
        with transaction.atomic():
            run()
        for step, seconds in report.timings[done:]:
            say(f"    {step}: {seconds:.1f} s")
        report.step(name, started)
        say(f"  {name}: {report.timings[-1][1]:.1f} s")
    return report


# Members ------------------------------------------------------------------------------


def _members(rng, count, now, report):
    municipalities = list(Municipality.objects.values_list("pk", flat=True))
    groups = {group.name: group.pk for group in Group.objects.filter(name__in=Role.values)}
    password = make_password(BENCH_PASSWORD)  # hashed once, shared (a benchmark database only)
    named = [
        (BENCH_SERVANT, Role.SERVANT, User.Status.APPROVED),
        (BENCH_DEPUTY, Role.DEPUTY, User.Status.APPROVED),
        (BENCH_SUBSCRIBER, Role.SERVANT, User.Status.APPROVED),
        (BENCH_EDITOR, Role.EDITOR, User.Status.APPROVED),
    ]
    rows = list(named)
    for i in range(1, max(count - len(named), 0) + 1):
        if i <= LOAD_MEMBERS:
            role, status = Role.SERVANT, User.Status.APPROVED
        else:
            role = Role.DEPUTY if rng.random() < 0.25 else Role.SERVANT
            roll = rng.random()
            status = (
                User.Status.APPROVED if roll < 0.9 else User.Status.PENDING if roll < 0.98 else User.Status.REJECTED
            )
        rows.append((f"member{i:05d}@bench.kg", role, status))
    users = []
    for email, role, status in rows:
        approved = status == User.Status.APPROVED
        users.append(
            User(
                email=email,
                password=password,
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                applied_role=role if role in (Role.SERVANT, Role.DEPUTY) else Role.SERVANT,
                status=status,
                municipality_id=rng.choice(municipalities) if role != Role.EDITOR else None,
                organization="" if role != Role.EDITOR else "ULSG",
                position="Адис" if role == Role.SERVANT else "Депутат",
                preferred_language=rng.choice(("ky", "ky", "ru")),
                is_staff=role == Role.EDITOR,
                decided_at=now - dt.timedelta(days=rng.randint(1, 900)) if approved else None,
                date_joined=now - dt.timedelta(days=rng.randint(1, 1500)),
            )
        )
    created = []
    for batch in _batched(users):
        created += User.objects.bulk_create(batch)
    memberships = [
        User.groups.through(user_id=user.pk, group_id=groups[role])
        for user, (_email, role, status) in zip(created, rows, strict=True)
        if status == User.Status.APPROVED
    ]
    for batch in _batched(memberships, 5000):
        User.groups.through.objects.bulk_create(batch)
    addresses = [EmailAddress(user_id=user.pk, email=user.email, verified=True, primary=True) for user in created]
    for batch in _batched(addresses, 5000):
        EmailAddress.objects.bulk_create(batch)
    report.counts["members"] = len(created)


# Practices ----------------------------------------------------------------------------


def _tags():
    tags = []
    for number, (ky, ru, en) in enumerate(TAG_WORDS, start=1):
        tags.append(Tag(slug=f"bench-tag-{number}", name_ky=ky, name_ru=ru, name_en=en))
    return Tag.objects.bulk_create(tags)


def _covers():
    """theme id -> (name, width, height) of a cover per theme, with its thumbnails made once."""
    from practices.demo.covers import draw_cover

    covers = {}
    for theme in Theme.objects.all():
        practice = Practice(slug=f"bench-cover-{theme.slug}", theme=theme)
        name = f"bench-{theme.slug}.jpg"
        practice.cover.save(name, ContentFile(draw_cover(theme.slug, f"bench-{theme.slug}"), name=name), save=False)
        practice.cover_card.generate()
        practice.cover_large.generate()
        covers[theme.pk] = (practice.cover.name, practice.cover_width, practice.cover_height)
    return covers


def practice_texts(rng, place_names, language_count=3):
    """{field_language: text} for one practice; English is left out when language_count is 2."""
    topic = rng.choice(TOPICS)
    approach = rng.choice(APPROACHES)
    people = rng.randint(50, 40_000)
    share = rng.randint(5, 60)
    texts = {}
    for index, language in enumerate(LANGUAGES[:language_count]):
        words = {
            "place": place_names[language] or place_names["ru"],
            "topic": topic[index],
            "approach": approach[index],
            "people": people,
            "share": share,
        }
        texts[f"title_{language}"] = TITLE[language].format(**words)[:255]
        texts[f"summary_{language}"] = SUMMARY[language].format(**words)
        for name, pool in (("problem", PROBLEM), ("actions", ACTIONS), ("results", RESULTS)):
            sentences = rng.sample(pool[language], 2) if name != "actions" else rng.sample(pool[language], 3)
            texts[f"{name}_{language}"] = _paragraphs([s.format(**words) for s in sentences])
        texts[f"partners_{language}"] = PARTNERS[language]
        texts[f"contact_position_{language}"] = POSITION[language]
    return texts


def _practices(rng, count, now, report):
    themes = list(Theme.objects.all())
    municipalities = list(Municipality.objects.all())
    tags = _tags()
    covers = _covers()
    editor = User.objects.filter(email=BENCH_EDITOR).first()
    servants = list(User.objects.filter(status=User.Status.APPROVED).values_list("pk", flat=True)[:500])
    statuses = [Practice.Status.PUBLISHED] * 92 + [Practice.Status.DRAFT] * 3 + [Practice.Status.SUBMITTED] * 3
    statuses += [Practice.Status.ARCHIVED] * 2
    visibilities = [Visibility.PUBLIC] * 85 + [Visibility.MEMBERS] * 10 + [Visibility.DEPUTIES] * 5
    year_now = timezone.localdate(now).year
    counts = {"practices": 0, "published practices": 0}
    hosts = []  # public published practices that get a real PDF
    # Written a batch at a time, so that 100,000 practices never sit in memory together.
    for start in range(0, count, BATCH):
        practices = []
        for i in range(start, min(start + BATCH, count)):
            # Every theme and every municipality has practices; a few are national (no municipality).
            theme = themes[i % len(themes)] if i < len(themes) else rng.choice(themes)
            if i < len(municipalities):
                municipality = municipalities[i]
            else:
                municipality = None if rng.random() < 0.02 else rng.choice(municipalities)
            places = {code: getattr(municipality, f"name_{code}") if municipality else "" for code in LANGUAGES}
            if not municipality:
                places = {"ky": "Кыргыз Республикасы", "ru": "Кыргызская Республика", "en": "Kyrgyz Republic"}
            status = Practice.Status.PUBLISHED if i < len(themes) else rng.choice(statuses)
            published = status in (Practice.Status.PUBLISHED, Practice.Status.ARCHIVED)
            total = rng.choice([None, rng.randint(100, 5000) * 1000])
            cover = covers[theme.pk] if rng.random() < 0.8 else ("", None, None)
            practices.append(
                Practice(
                    slug=f"bench-{i + 1:06d}",
                    theme=theme,
                    municipality=municipality,
                    year=rng.randint(year_now - 10, year_now),
                    beneficiaries=rng.randint(50, 40_000),
                    total_cost=total,
                    own_contribution=total * rng.randint(5, 50) // 100 if total else None,
                    contact_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    contact_phone=f"+996 {rng.randint(500, 799)} {rng.randint(100000, 999999)}",
                    cover=cover[0],
                    cover_width=cover[1],
                    cover_height=cover[2],
                    is_sigr=rng.random() < 0.15,
                    for_deputies=rng.random() < 0.1,
                    gender_budgeting=rng.random() < 0.05,
                    visibility=Visibility.PUBLIC if i < len(themes) else rng.choice(visibilities),
                    status=status,
                    submitted_by_id=rng.choice(servants) if servants and rng.random() < 0.3 else None,
                    published_at=now - dt.timedelta(minutes=rng.randint(60, 5 * 365 * 24 * 60)) if published else None,
                    **practice_texts(rng, places, language_count=3 if rng.random() < 0.7 else 2),
                )
            )
        created = Practice.objects.bulk_create(practices)
        _practice_relations(rng, created, themes=themes, tags=tags, editor=editor)
        counts["practices"] += len(created)
        published = [p for p in created if p.status == Practice.Status.PUBLISHED]
        counts["published practices"] += len(published)
        if len(hosts) < PRACTICES_WITH_FILES:
            hosts += [p for p in published if p.visibility == Visibility.PUBLIC][: PRACTICES_WITH_FILES - len(hosts)]
    _attachments(hosts)
    report.counts.update(counts)


def _practice_relations(rng, practices, *, themes, tags, editor):
    """Further themes, tags and the publication step of the review history."""
    further, tagged, events = [], [], []
    for practice in practices:
        if rng.random() < 0.3:
            other = rng.choice(themes)
            if other.pk != practice.theme_id:
                further.append(Practice.themes.through(practice_id=practice.pk, theme_id=other.pk))
        for tag in rng.sample(tags, rng.randint(0, 3)):
            tagged.append(Practice.tags.through(practice_id=practice.pk, tag_id=tag.pk))
        if practice.published_at:
            events.append(
                ReviewEvent(
                    practice_id=practice.pk,
                    actor=editor,
                    from_status=Practice.Status.IN_REVIEW,
                    to_status=Practice.Status.PUBLISHED,
                    created_at=practice.published_at,
                )
            )
    Practice.themes.through.objects.bulk_create(further)
    Practice.tags.through.objects.bulk_create(tagged)
    ReviewEvent.objects.bulk_create(events)


def _attachments(practices):
    """Real PDFs (the demo's documents) on the first public published practices: the load test downloads them."""
    from practices.demo.documents import DOCUMENTS

    names = sorted(name for name in DOCUMENTS if (PRACTICE_FILES / name).exists())[:PRACTICES_WITH_FILES]
    for practice, name in zip(practices, names, strict=False):
        document = DOCUMENTS[name]
        attachment = Attachment(practice=practice, language=document["language"], order=0)
        for language, title in document["title"].items():
            setattr(attachment, f"title_{language}", title)
        upload = ContentFile((PRACTICE_FILES / name).read_bytes(), name=name)
        attachment.file.save(name, upload, save=False)
        attachment.fill_file_metadata(upload)
        attachment.save()


# Learning materials ---------------------------------------------------------------------


def _resources(rng, now, report):
    from practices.demo.documents import DOCUMENTS

    themes = list(Theme.objects.all())
    documents = sorted(name for name in DOCUMENTS if (PRACTICE_FILES / name).exists())[-5:]
    kinds = [kind for kind in Resource.Kind if kind != Resource.Kind.VIDEO]
    for i in range(RESOURCES):
        topic = rng.choice(TOPICS)
        resource = Resource(
            slug=f"bench-resource-{i + 1:03d}",
            kind=kinds[i % len(kinds)],
            language=rng.choice(("ky", "ru")),
            year=rng.randint(2015, timezone.localdate(now).year),
            visibility=Visibility.PUBLIC if i % 4 else Visibility.MEMBERS,
            is_published=True,
            published_at=now - dt.timedelta(days=rng.randint(1, 1000)),
            title_ky=f"Колдонмо: {topic[0]}",
            title_ru=f"Руководство: {topic[1]}",
            title_en=f"Guide: {topic[2]}",
            description_ky=_paragraphs([f"Бул колдонмо {topic[0]} боюнча иштеген адистер үчүн."]),
            description_ru=_paragraphs([f"Руководство для специалистов по направлению «{topic[1]}»."]),
        )
        if i < len(documents):
            name = documents[i]
            upload = ContentFile((PRACTICE_FILES / name).read_bytes(), name=name)
            resource.file.save(name, upload, save=False)
            resource.fill_file_metadata(upload)
            resource.visibility = Visibility.PUBLIC
        resource.save()
        resource.themes.set(rng.sample(themes, 2))
    report.counts["learning materials"] = RESOURCES


# Magazine -------------------------------------------------------------------------------


def _shared_edition(language):
    """A stored PDF and its metadata, shared by the editions of that language (a benchmark needs no 400 PDFs)."""
    source = sorted(MAGAZINE_FILES.glob(f"*-{language}.pdf"))[-1]
    edition = Edition(language=language)
    upload = ContentFile(source.read_bytes(), name=source.name)
    edition.file.save(f"bench-{language}.pdf", upload, save=False)
    edition.fill_file_metadata(upload)
    return {
        "file": edition.file.name,
        "size": edition.size,
        "content_type": edition.content_type,
        "original_name": edition.original_name,
        "text": edition.text,
    }


def _shared_issue_cover():
    from magazine.demo.covers import draw_issue_cover

    issue = Issue(year=2000, number=1, running_number=0, month=1)
    content = draw_issue_cover(
        theme="planning", seed="bench", number="№ 1", month="2026", headline="Муниципалитет", subtitle="Бенчмарк"
    )
    issue.cover.save("bench-issue.jpg", ContentFile(content, name="bench-issue.jpg"), save=False)
    issue.cover_card.generate()
    issue.cover_large.generate()
    return issue.cover.name, issue.cover_width, issue.cover_height


def _magazine(rng, count, now, report):
    from magazine.demo.loader import Report as DemoReport
    from magazine.demo.loader import ensure_plans, ensure_rubrics
    from magazine.demo.months import shift_month

    rubrics = list(ensure_rubrics().values())
    plans = ensure_plans(DemoReport())
    themes = list(Theme.objects.all())
    cover = _shared_issue_cover() if count else ("", None, None)
    editions = {language: _shared_edition(language) for language in ("ky", "ru")} if count else {}
    today = timezone.localdate(now)
    issues = []
    for k in range(1, count + 1):  # last month's issue back to `count` months ago: all published
        year, month = shift_month(today.year, today.month, -k)
        title = rng.choice(ISSUE_TITLES)
        published_at = timezone.make_aware(dt.datetime(year, month, 10, 10, 30))
        issues.append(
            Issue(
                year=year,
                number=month,
                month=month,
                running_number=count - k + 1,
                title_ky=title[0],
                title_ru=title[1],
                editorial_ky=_paragraphs([f"Бул санда: {title[0]}.", "Окуп чыгыңыз!"]),
                editorial_ru=_paragraphs([f"В этом номере: {title[1]}.", "Приятного чтения!"]),
                cover=cover[0],
                cover_width=cover[1],
                cover_height=cover[2],
                is_free=k % 12 == 0 or k == count,
                status=Issue.Status.PUBLISHED,
                published_at=published_at,
                subscribers_notified_at=published_at,
            )
        )
    created = Issue.objects.bulk_create(issues)
    Edition.objects.bulk_create(
        Edition(issue=issue, language=language, pages=48, **editions[language])
        for issue in created
        for language in ("ky", "ru")
    )
    articles = []
    for issue in created:
        for order in range(ARTICLES_PER_ISSUE):
            topic = rng.choice(TOPICS)
            free = order < FREE_ARTICLES_PER_ISSUE
            words = {"ky": f"{topic[0]}: тажрыйба жана сабактар", "ru": f"{topic[1]}: опыт и уроки"}
            articles.append(
                Article(
                    issue=issue,
                    slug=f"article-{order + 1}",
                    rubric=rng.choice(rubrics),
                    author=rng.choice(ARTICLE_AUTHORS),
                    first_page=order * 6 + 2,
                    last_page=order * 6 + 6,
                    title_ky=words["ky"].capitalize(),
                    title_ru=words["ru"].capitalize(),
                    summary_ky=f"Айыл аймактары {topic[0]} маселесин кантип чечишет.",
                    summary_ru=f"Как айыл аймаки решают вопрос: {topic[1]}.",
                    body_ky=_paragraphs([f"{topic[0].capitalize()} — ар бир айылдын маселеси."] * 3) if free else "",
                    body_ru=_paragraphs([f"{topic[1].capitalize()} — вопрос каждого села."] * 3) if free else "",
                    is_free=free,
                    order=order,
                )
            )
    created_articles = []
    for batch in _batched(articles):
        created_articles += Article.objects.bulk_create(batch)
    Article.themes.through.objects.bulk_create(
        Article.themes.through(article_id=article.pk, theme_id=rng.choice(themes).pk) for article in created_articles
    )
    report.counts["issues"] = len(created)
    report.counts["articles"] = len(created_articles)
    _subscriptions(rng, plans, now, report)


def _subscriptions(rng, plans, now, report):
    """Active electronic subscriptions: the named subscriber and one approved member in twenty."""
    plan = plans.get(("electronic", 12)) or Plan.objects.filter(kind=Plan.Kind.ELECTRONIC).first()
    if plan is None:
        return
    members = list(
        User.objects.filter(status=User.Status.APPROVED).exclude(email=BENCH_EDITOR).values_list("pk", "email")
    )
    chosen = [pk for pk, email in members if email == BENCH_SUBSCRIBER or rng.random() < 0.05]
    today = timezone.localdate(now)
    payments = Payment.objects.bulk_create(
        Payment(reference=f"BENCH-{pk}", amount=plan.price, status=Payment.Status.PAID, paid_at=now) for pk in chosen
    )
    Subscription.objects.bulk_create(
        Subscription(
            user_id=pk,
            plan=plan,
            payment=payment,
            status=Subscription.Status.ACTIVE,
            starts_on=today - dt.timedelta(days=rng.randint(0, 300)),
            ends_on=today + dt.timedelta(days=rng.randint(30, 365)),
        )
        for pk, payment in zip(chosen, payments, strict=True)
    )
    report.counts["subscriptions"] = len(chosen)


# Search index -----------------------------------------------------------------------------


def _practice_urls():
    """language -> (prefix, suffix) of a practice's URL around its slug (one reverse() per language)."""
    urls = {}
    for language in LANGUAGES:
        with translation.override(language):
            url = reverse("practices:detail", kwargs={"slug": "SLUG"})
        urls[language] = url.split("SLUG")
    return urls


def practice_search_rows(practices, urls=None):
    """SearchEntry rows equal to those portal.search writes for these practices (no attachments)
    from practices.indexing.practice_entries, computed without a query per practice."""
    from practices import indexing

    urls = urls or _practice_urls()
    rows = []
    for practice in practices:
        source = search.Source(kind=SearchEntry.Kind.PRACTICE, queryset=None, entries=None)
        for entry in _practice_entries(practice, urls, indexing):
            rows.append(search._row(source, practice, entry))
    return rows


def _practice_entries(practice, urls, indexing):
    municipality = practice.municipality
    tags = practice.bench_tags
    entries = []
    for language in LANGUAGES:
        place = indexing._text(municipality, "name", language) if municipality else ""
        body = indexing._join(
            [
                indexing._rich(practice, "problem", language),
                indexing._rich(practice, "actions", language),
                indexing._rich(practice, "results", language),
                indexing._rich(practice, "body", language),
                indexing._text(practice, "partners", language),
                place,
                " ".join(indexing._text(tag, "name", language) for tag in tags),
            ]
        )
        prefix, suffix = urls[language]
        entries.append(
            {
                "language": language,
                "title": indexing._text(practice, "title", language) or practice.slug,
                "summary": indexing._text(practice, "summary", language),
                "body": body,
                "url": f"{prefix}{practice.slug}{suffix}",
                "visibility": practice.visibility,
                "theme_id": practice.theme_id,
                "region_id": municipality.region_id if municipality else None,
                "place": place,
                "year": practice.year,
                "date": practice.published_at,
            }
        )
    return entries


# The columns of a search entry the benchmark writes (all but the id and the tsvector).
STAGE_COLUMNS = ["kind", "object_id", "language", *search.ENTRY_FIELDS]


@contextmanager
def _search_indexes_dropped():
    """On PostgreSQL, drop the search table's secondary indexes (full-text GIN, trigrams, ...) while the
    practices' entries are loaded and create them again after, in one pass each: much faster than updating
    them row by row. The unique constraint stays (portal.search upserts on it). Inside the caller's
    transaction. Nothing may UPDATE the table in between: an index built over updated rows is marked
    indcheckxmin and stays unused while any older transaction is open anywhere on the server."""
    if connection.vendor != "postgresql":
        yield
        return
    table = SearchEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary AND NOT x.indisunique",
            [table],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the foreign keys' checks first: no index waits on them
        for _name, definition in indexes:
            cursor.execute(definition)


def _search_index(report):
    """The practices' entries in bulk, then the rest through portal.search."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # a new, empty file: no dead rows under the new indexes
            cursor.execute(f"TRUNCATE {SearchEntry._meta.db_table}")
    else:
        SearchEntry.objects.all().delete()
    with _search_indexes_dropped():
        _practice_search_entries(report)
        started = time.monotonic()
    report.step("search: indexes created", started)
    started = time.monotonic()
    with_files = Attachment.objects.values("practice_id")
    for practice in Practice.objects.published().filter(pk__in=with_files):
        search.index(practice)  # their PDFs' text too, as portal.search reads it
    for source in search.sources():
        if source.kind == SearchEntry.Kind.PRACTICE:
            continue
        items = list(source.queryset())
        for batch in _batched(items):
            search._write(source, batch)
    report.step("search: other items (portal.search)", started)
    report.counts["search entries"] = SearchEntry.objects.count()


def _practice_search_entries(report):
    """Entries of the published practices without files; on PostgreSQL copied into a staging table and
    inserted from it with their tsvectors computed by the INSERT (no UPDATE: see _search_indexes_dropped)."""
    started = time.monotonic()
    tags = {tag.pk: tag for tag in Tag.objects.all()}
    tag_ids = {}
    for practice_id, tag_id in Practice.tags.through.objects.values_list("practice_id", "tag_id").order_by("pk"):
        tag_ids.setdefault(practice_id, []).append(tags[tag_id])
    municipalities = {m.pk: m for m in Municipality.objects.all()}
    urls = _practice_urls()
    published = Practice.objects.published().exclude(pk__in=Attachment.objects.values("practice_id")).order_by("pk")
    postgres = connection.vendor == "postgresql"
    if postgres:
        _create_stage()
    last = 0
    while True:
        chunk = list(published.filter(pk__gt=last)[:BATCH])
        if not chunk:
            break
        last = chunk[-1].pk
        for practice in chunk:
            practice.bench_tags = sorted(tag_ids.get(practice.pk, []), key=lambda tag: tag.slug)
            if practice.municipality_id:
                practice.municipality = municipalities[practice.municipality_id]
        rows = practice_search_rows(chunk, urls)
        if postgres:
            _copy_to_stage(rows)
        else:
            SearchEntry.objects.bulk_create(rows)
    report.step("search: practice entries prepared", started)
    if postgres:
        started = time.monotonic()
        _insert_from_stage()
        report.step("search: practice entries and tsvectors inserted", started)


def _create_stage():
    columns = ", ".join(f'"{column}"' for column in STAGE_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE bench_search_stage ON COMMIT DROP AS "  # noqa: S608 (our own column names)
            f"SELECT {columns} FROM {SearchEntry._meta.db_table} WITH NO DATA"
        )


def _copy_to_stage(rows):
    columns = ", ".join(f'"{column}"' for column in STAGE_COLUMNS)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY bench_search_stage ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([getattr(row, column) for column in STAGE_COLUMNS])


def _insert_from_stage():
    """INSERT ... SELECT with the document portal.search's _vector() makes: title A, summary B, body C,
    in each language's text search configuration."""
    configs = " ".join(f"WHEN '{code}' THEN '{config}'" for code, config in search.CONFIGS.items())
    config = f"(CASE language {configs} ELSE 'simple' END)::regconfig"
    document = " || ".join(
        f"setweight(to_tsvector({config}, COALESCE({column}, '')), '{weight}')"
        for column, weight in (("title", "A"), ("summary", "B"), ("body", "C"))
    )
    columns = ", ".join(f'"{column}"' for column in STAGE_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {SearchEntry._meta.db_table} ({columns}, document) "  # noqa: S608 (our own names)
            f"SELECT {columns}, {document} FROM bench_search_stage"
        )
        cursor.execute("DROP TABLE bench_search_stage")
