"""Load demo content for a local portal: the municipality directory, one user
per role, the library (practices in every theme, learning materials, their files
and covers; see practices/demo/) and the magazine (issues with covers and PDFs,
plans, and the demo members' subscriptions; see magazine/demo/), the news (news/demo/)
and events with their materials and registrations (events/demo/), then the search
index. Safe to run again: nothing is duplicated."""

import time
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import BaseCommand, CommandError, call_command
from django.db import transaction

from accounts.models import User
from accounts.roles import Role
from events.demo import loader as events_demo
from magazine.demo import loader as magazine_demo
from news.demo import loader as news_demo
from portal import search
from portal.models import Municipality
from practices.demo.loader import check_content, load_library

DEMO_PASSWORD = "demo-portal-2026"  # noqa: S105 (published on purpose; local demo only)
DIRECTORY_CSV = Path(settings.BASE_DIR) / "portal" / "data" / "municipalities.csv"

# email, role, status, first name, last name, municipality code, position, language
DEMO_USERS = [
    ("servant@demo.kg", Role.SERVANT, User.Status.APPROVED, "Айгүл", "Осмонова", "kumbel-aa", "Башкы адис", "ky"),
    (
        "deputy@demo.kg",
        Role.DEPUTY,
        User.Status.APPROVED,
        "Нурлан",
        "Токтогулов",
        "toktogul-city",
        "Шаардык кеңештин депутаты",
        "ky",
    ),
    (
        "editor@demo.kg",
        Role.EDITOR,
        User.Status.APPROVED,
        "Елена",
        "Петрова",
        None,
        "Редактор журнала «Муниципалитет»",
        "ru",
    ),
    (
        "ulsgadmin@demo.kg",
        Role.ULSG_ADMIN,
        User.Status.APPROVED,
        "Бакыт",
        "Жумабаев",
        None,
        "Специалист Союза МСУ",
        "ru",
    ),
    (
        "pending@demo.kg",
        Role.SERVANT,
        User.Status.PENDING,
        "Бактыгүл",
        "Сыдыкова",
        "kumbel-aa",
        "Айыл өкмөтүнүн адиси",
        "ky",
    ),
    # The magazine's readers: an active electronic subscription, and one that ended (magazine/demo/orders.py).
    (
        "subscriber@demo.kg",
        Role.SERVANT,
        User.Status.APPROVED,
        "Жылдыз",
        "Эсенбаева",
        "at-bashy-aa",
        "Финансы-экономика бөлүмүнүн башкы адиси",
        "ky",
    ),
    (
        "expired@demo.kg",
        Role.DEPUTY,
        User.Status.APPROVED,
        "Ольга",
        "Семенова",
        "kara-balta-city",
        "Депутат городского кенеша",
        "ru",
    ),
]


class Command(BaseCommand):
    help = (
        "Load demo content (directory, one user per role with password demo-portal-2026, "
        "practices and learning materials, magazine issues and subscriptions, news and events). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--yes", action="store_true", help="Load even though DEBUG is off (never on a real site).")

    def handle(self, *args, yes=False, **options):
        if not settings.DEBUG and not yes:
            raise CommandError(
                "DEBUG is off: this looks like a real deployment. The demo accounts have a published password; "
                "run with --yes only on a machine nobody else can reach."
            )
        call_command("import_municipalities", str(DIRECTORY_CSV), verbosity=options.get("verbosity", 1))
        with transaction.atomic():
            created = sum(self.ensure_user(*row) for row in DEMO_USERS)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo users: {created} created, {len(DEMO_USERS) - created} already there "
                f"(password {DEMO_PASSWORD}, local use only)."
            )
        )
        self.load_library()
        self.load_magazine()
        self.load_news_and_events()
        # Once, after all of them, so practices, materials, articles, news and events are found; rebuilt even
        # when nothing was created: a fresh machine's index may be empty.
        started = time.monotonic()
        search.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt ({time.monotonic() - started:.1f} s)."))

    def load_library(self):
        problems = check_content()
        if problems:
            raise CommandError("The demo library content has problems:\n" + "\n".join(problems))
        started = time.monotonic()
        report = load_library(
            editor=User.objects.get(email="editor@demo.kg"), servant=User.objects.get(email="servant@demo.kg")
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Library: {report.practices_created} practices created, {report.practices_existing} already there; "
                f"{report.resources_created} learning materials created, {report.resources_existing} already there "
                f"({time.monotonic() - started:.1f} s)."
            )
        )

    def load_magazine(self):
        problems = magazine_demo.check_content()
        if problems:
            raise CommandError("The demo magazine content has problems:\n" + "\n".join(problems))
        started = time.monotonic()
        report = magazine_demo.load_magazine(editor=User.objects.get(email="editor@demo.kg"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Magazine: {report.issues_created} issues created ({report.articles_created} articles), "
                f"{report.issues_existing} already there; {report.plans_created} plans and "
                f"{report.orders.created} orders created ({time.monotonic() - started:.1f} s)."
            )
        )

    def load_news_and_events(self):
        problems = news_demo.check_content() + events_demo.check_content()
        if problems:
            raise CommandError("The demo news and events have problems:\n" + "\n".join(problems))
        started = time.monotonic()
        news = news_demo.load_news()
        events = events_demo.load_events()
        self.stdout.write(
            self.style.SUCCESS(
                f"News: {news.created} items created, {news.existing} already there. "
                f"Events: {events.created} created ({events.materials} materials, {events.registrations} "
                f"registrations), {events.existing} already there ({time.monotonic() - started:.1f} s)."
            )
        )

    def ensure_user(self, email, role, status, first_name, last_name, municipality_code, position, language):
        municipality = Municipality.objects.filter(code=municipality_code).first() if municipality_code else None
        staff = role in (Role.EDITOR, Role.ULSG_ADMIN)
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "status": status,
                "applied_role": Role.SERVANT if staff else role,
                "municipality": municipality,
                "organization": "" if municipality else "Союз местных самоуправлений КР",
                "position": position,
                "preferred_language": language,
                "is_staff": staff,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            if status == User.Status.APPROVED:
                user.groups.add(Group.objects.get(name=role))
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        return created
