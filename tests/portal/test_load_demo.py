"""`manage.py load_demo`: idempotent demo content, refused on a real site.

Loading the whole demo (covers, thumbnails, PDFs) takes several seconds, so the
module loads it once (`demo`) and commits it; each test runs in its own
transaction on top, and the demo is removed when the module is done, so no other
test module ever sees it.
"""

import csv
import re
import time
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from portal.management.commands.load_demo import DEMO_PASSWORD, DIRECTORY_CSV
from portal.models import District, Municipality, Region, SearchEntry
from practices.demo.cases import PRACTICES
from practices.demo.documents import DOCUMENTS
from practices.demo.loader import FILES_DIR, check_content, to_html
from practices.demo.resources import RESOURCES
from practices.demo.tags import TAGS
from practices.models import Attachment, Practice, PracticeImage, Resource, ReviewEvent, Tag, Theme
from tests.events.demo_cleanup import remove_demo_news_events
from tests.magazine.demo_cleanup import remove_demo_magazine

pytestmark = pytest.mark.django_db

DEMO = {
    "servant@demo.kg": (Role.SERVANT, User.Status.APPROVED),
    "deputy@demo.kg": (Role.DEPUTY, User.Status.APPROVED),
    "editor@demo.kg": (Role.EDITOR, User.Status.APPROVED),
    "ulsgadmin@demo.kg": (Role.ULSG_ADMIN, User.Status.APPROVED),
    "pending@demo.kg": (None, User.Status.PENDING),
}
KYRGYZ_LETTERS = re.compile("[ңөүҢӨҮ]")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        output = StringIO()
        started = time.monotonic()
        call_command("load_demo", "--yes", stdout=output)
        yield SimpleNamespace(output=output.getvalue(), seconds=time.monotonic() - started)
        _remove_demo()


def _delete_files(*fields):
    for field in fields:
        if field:
            field.storage.delete(field.name)


def _remove_demo():
    """Delete what load_demo wrote (rows and files), leaving what migrations made."""
    remove_demo_news_events()  # first: they refer to the demo members and municipalities
    remove_demo_magazine()  # first: its orders and readers refer to the demo members and municipalities
    for practice in Practice.objects.filter(slug__in=[p["slug"] for p in PRACTICES]):
        if practice.cover:
            _delete_files(practice.cover_card, practice.cover_large, practice.cover)
        for image in practice.images.all():
            _delete_files(image.thumbnail, image.large, image.image)
        _delete_files(*(attachment.file for attachment in practice.attachments.all()))
        practice.delete()
    for resource in Resource.objects.filter(slug__in=[r["slug"] for r in RESOURCES]):
        _delete_files(resource.file)
        resource.delete()
    Tag.objects.filter(slug__in=TAGS).delete()
    SearchEntry.objects.all().delete()
    User.objects.filter(email__in=DEMO).delete()
    with open(DIRECTORY_CSV, encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    Municipality.objects.filter(code__in=[row["code"] for row in rows]).delete()
    District.objects.filter(code__in=[row["district_code"] for row in rows if row["district_code"]]).delete()


def _counts():
    models = (User, Municipality, District, Practice, Resource, Attachment, PracticeImage, ReviewEvent, Tag)
    return {model.__name__: model.objects.count() for model in models} | {"search entries": SearchEntry.objects.count()}


# The command ---------------------------------------------------------------------


def test_it_refuses_when_debug_is_off_without_yes(settings):
    settings.DEBUG = False
    users = User.objects.count()
    with pytest.raises(CommandError, match="--yes"):
        call_command("load_demo")
    assert User.objects.count() == users


def test_it_loads_the_directory_and_one_user_per_role(demo):
    assert Region.objects.count() == 9
    assert District.objects.count() == 40
    assert Municipality.objects.filter(code__in=["kumbel-aa", "toktogul-city"]).count() == 2
    for email, (role, status) in DEMO.items():
        user = User.objects.get(email=email)
        assert user.role == role
        assert user.status == status
        assert user.check_password(DEMO_PASSWORD)


def test_it_reports_what_it_loaded(demo):
    assert f"Library: {len(PRACTICES)} practices created, 0 already there" in demo.output
    assert f"{len(RESOURCES)} learning materials created" in demo.output


def test_it_is_idempotent(demo):
    before = _counts()
    output = StringIO()
    call_command("load_demo", "--yes", stdout=output)
    assert _counts() == before
    assert f"0 practices created, {len(PRACTICES)} already there" in output.getvalue()


@pytest.mark.parametrize("email", list(DEMO))
def test_every_demo_user_can_sign_in(demo, client, email):
    response = client.post("/en/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/profile/"


def test_it_refuses_demo_content_that_names_unknown_things(demo, monkeypatch):
    broken = {**PRACTICES[0], "slug": "broken", "theme": "no-such-theme", "municipality": "no-such-place"}
    monkeypatch.setattr("practices.demo.loader.PRACTICES", [broken])
    problems = check_content()
    assert "broken: no theme 'no-such-theme'" in problems
    assert "broken: no municipality 'no-such-place'" in problems


# The practices ---------------------------------------------------------------------


def test_it_loads_practices_in_every_theme_and_region(demo):
    published = Practice.objects.published()
    assert Practice.objects.count() >= 40
    for theme in Theme.objects.all():
        assert published.filter(theme=theme).count() >= 3, theme.slug
    for region in Region.objects.all():
        assert published.filter(municipality__region=region).exists(), region.code
    assert published.filter(municipality=None).exists()  # national level


def test_every_practice_is_in_kyrgyz_and_russian_and_a_third_in_english(demo):
    for practice in Practice.objects.all():
        for language in ("ky", "ru"):
            for field in ("title", "summary", "problem", "actions", "results"):
                assert getattr(practice, f"{field}_{language}"), (practice.slug, field, language)
        assert KYRGYZ_LETTERS.search(practice.title_ky + practice.summary_ky), practice.slug
    in_english = Practice.objects.exclude(title_en=None).exclude(title_en="").count()
    assert 10 <= in_english <= Practice.objects.count() // 2


def test_rich_text_is_stored_as_paragraphs_and_lists(demo):
    practice = Practice.objects.get(slug="kumbel-drinking-water-service")
    assert practice.problem_ru.startswith("<p>")
    assert "<ul><li>" in practice.actions_ky
    assert to_html(["Intro & more:", "- one", "- two", "After"]) == (
        "<p>Intro &amp; more:</p><ul><li>one</li><li>two</li></ul><p>After</p>"
    )


def test_practices_are_in_every_workflow_state_with_their_history(demo):
    states = {state: Practice.objects.filter(status=state) for state in Practice.Status.values}
    assert states["published"].count() >= 35
    assert states["submitted"].count() == 2
    assert states["in_review"].count() == 1
    assert states["draft"].count() == 1
    assert states["archived"].count() == 1
    servant = User.objects.get(email="servant@demo.kg")
    editor = User.objects.get(email="editor@demo.kg")
    assert all(practice.submitted_by == servant for practice in states["submitted"])
    returned = states["draft"].get()
    steps = list(returned.review_events.values_list("from_status", "to_status", "actor"))
    assert steps == [
        ("draft", "submitted", servant.pk),
        ("submitted", "in_review", editor.pk),
        ("in_review", "draft", editor.pk),
    ]
    assert returned.review_events.last().comment
    for practice in Practice.objects.all():
        events = list(practice.review_events.all())
        assert events[-1].to_status == practice.status, practice.slug
        assert events == sorted(events, key=lambda event: event.created_at)
        assert practice.created_at < events[0].created_at


def test_published_practices_are_spread_over_two_years(demo):
    dates = sorted(Practice.objects.published().values_list("published_at", flat=True))
    assert dates[-1] <= timezone.now()
    assert (dates[-1] - dates[0]).days >= 600


def test_figures_are_consistent(demo):
    with_costs = Practice.objects.exclude(total_cost=None).exclude(own_contribution=None)
    assert with_costs.count() >= 30
    assert all(practice.own_contribution <= practice.total_cost for practice in with_costs)
    assert sum(practice.own_share == 26 for practice in with_costs) >= 5


def test_flags_and_visibilities_are_varied(demo):
    practices = Practice.objects.all()
    assert practices.filter(is_sigr=True).count() >= 5
    assert practices.filter(for_deputies=True).count() >= 5
    assert practices.filter(gender_budgeting=True).count() >= 3
    assert practices.filter(visibility="members").count() >= 2
    assert 1 <= practices.filter(visibility="deputies").count() <= 2
    assert Tag.objects.filter(slug__in=TAGS).exclude(name_ru="").count() == len(TAGS)
    assert practices.filter(tags__isnull=False).distinct().count() == practices.count()


def test_pdfs_are_attached_with_type_size_language_and_text(demo):
    assert Practice.objects.filter(attachments__isnull=False).distinct().count() >= 30
    for attachment in Attachment.objects.all():
        assert attachment.content_type == "application/pdf"
        assert attachment.size == attachment.file.size == (FILES_DIR / attachment.original_name).stat().st_size
        assert attachment.language == DOCUMENTS[attachment.original_name]["language"]
        assert attachment.title_ky and attachment.title_ru
        heading = DOCUMENTS[attachment.original_name]["title"][attachment.language]
        assert heading.split()[0] in attachment.text
        if attachment.language == "ky":
            assert KYRGYZ_LETTERS.search(attachment.text), attachment.original_name


def test_covers_and_gallery_have_webp_thumbnails(demo):
    with_cover = Practice.objects.exclude(cover="")
    assert with_cover.count() >= 35
    for practice in with_cover:
        assert (practice.cover_width, practice.cover_height) == (1600, 1000)
        assert practice.cover_card.url.endswith(".webp")
        assert practice.cover_card.storage.exists(practice.cover_card.name), practice.slug
        assert practice.cover_large.storage.exists(practice.cover_large.name), practice.slug
    images = PracticeImage.objects.all()
    assert images.count() >= 8
    assert all(image.thumbnail.storage.exists(image.thumbnail.name) and image.caption_ru for image in images)


# The learning materials and search ----------------------------------------------


def test_it_loads_learning_materials_for_every_audience(demo):
    resources = Resource.objects.published()
    assert resources.count() >= 15
    assert set(resources.values_list("kind", flat=True)) == set(Resource.Kind.values)
    assert resources.filter(visibility="deputies").count() >= 3
    assert resources.filter(visibility="members").exists()
    assert resources.filter(for_deputies=True).count() >= 5
    assert resources.filter(gender_budgeting=True).count() >= 4
    assert set(resources.values_list("audience", flat=True)) == set(Resource.Audience.values)
    for resource in resources:
        assert resource.title_ky and resource.title_ru and resource.description_ru
        assert resource.themes.exists()
        if resource.kind == Resource.Kind.VIDEO:
            assert resource.video_url.startswith("https://video.example.org/") and not resource.file
        else:
            assert resource.content_type == "application/pdf" and resource.text


def test_search_index_is_rebuilt(demo):
    indexed = set(SearchEntry.objects.filter(kind="practice").values_list("object_id", flat=True))
    assert indexed == set(Practice.objects.published().values_list("pk", flat=True))
    assert SearchEntry.objects.filter(kind="resource").exists()


def test_images_record_their_size_so_pages_never_open_them(demo):
    """Width and height are stored: loading a practice must not read its image from the storage."""
    from practices.models import Practice, PracticeImage

    assert Practice.objects.exclude(cover="").exists()
    assert not Practice.objects.exclude(cover="").filter(cover_width__isnull=True).exists()
    assert not PracticeImage.objects.filter(width__isnull=True).exists()
