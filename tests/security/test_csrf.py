"""CSRF is enforced on every form: every URL of the site (found by walking portal.urls, the language
prefixed patterns and the admin included, so a new view is covered without editing this file) refuses
a POST without a valid token, anonymously and for every role, and nothing in the database changes.

Django's CsrfViewMiddleware checks before the view runs, so a view that only accepts GET answers 403
too (not 405): a POST that reaches any view without a token means a csrf_exempt view, which must be
listed in EXEMPT with the reason."""

import hashlib
import re

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import NoReverseMatch, get_resolver, reverse
from django.utils import translation

from accounts.roles import Role
from practices.models import Attachment, Practice
from tests.events.conftest import make_event, make_material  # noqa: F401 (fixtures)
from tests.news.conftest import make_news  # noqa: F401 (fixtures)
from tests.roles import sign_in

pytestmark = pytest.mark.django_db

# URL name -> why it may be posted to without a token. Empty: no view of the portal is csrf_exempt.
EXEMPT = {}
# Sessions are written by signing the test clients in; nothing else may change.
UNWATCHED_TABLES = {"django_session"}


def url_names(resolver, namespace=""):
    """(name, parameter names) of every named URL, through every include and namespace."""
    for key in resolver.reverse_dict:
        if isinstance(key, str):
            params = set()
            for possibilities, *_ in resolver.reverse_dict.getlist(key):
                for _format, names in possibilities:
                    params |= set(names)
            yield namespace + key, sorted(params)
    for name, (_prefix, sub) in resolver.namespace_dict.items():
        yield from url_names(sub, f"{namespace}{name}:")


def unnamed_routes(patterns, prefix=""):
    """The routes of patterns with no name (the admin's "<object_id>/" redirects and its catch-all):
    they cannot be reversed, so they are written out with "1" for each parameter."""
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from unnamed_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif not pattern.name:
            yield prefix + str(pattern.pattern)


@pytest.fixture
def world(request, make_member, make_practice, make_resource, make_issue, make_order):
    """One of everything a URL can name, so each view would act if the token were not checked."""
    new_event, new_material, new_news = map(request.getfixturevalue, ("make_event", "make_material", "make_news"))
    proposer = make_member(Role.SERVANT, email="proposer@example.kg")
    practice = make_practice("Water", visibility="members")
    proposal = make_practice("Proposal", status=Practice.Status.DRAFT, submitted_by=proposer)
    attachment = Attachment(practice=practice, title="Report", language="ru")
    attachment.file.save("report.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    attachment.fill_file_metadata()
    attachment.save()
    issue = make_issue(2026, 3)
    order = make_order(proposer, issue=issue, paid=False)
    event = new_event()
    material = new_material(event)
    article = issue.articles.create(slug="article", title_ru="Статья", title_ky="Макала", order=1)
    return {
        "proposer": proposer,  # a servant with a proposal and an order of their own
        "practices:edit_proposal": {"slug": proposal.slug},
        "practices:attachment": {"slug": practice.slug, "pk": attachment.pk},
        "practices:theme": {"slug": practice.theme.slug},
        "practices:theme_feed": {"slug": practice.theme.slug},
        "practices:resource": {"slug": make_resource().slug},
        "practices:resource_download": {"slug": make_resource().slug},
        "events:material": {"slug": event.slug, "pk": material.pk},
        "news:detail": {"slug": new_news().slug},
        "magazine:article": {"year": issue.year, "number": issue.number, "slug": article.slug},
        "magazine:order": {"reference": order.payment.reference},
        "portal:municipality": {"code": practice.municipality.code},
        # Defaults by parameter name.
        "slug": practice.slug,
        "events:slug": event.slug,
        "year": issue.year,
        "number": issue.number,
        "language": "ru",
        "pk": attachment.pk,
        "key": "MQ:1tXyZa:abcdefghijklmnopqrstuvwxyz0123456789",
        "uidb36": "1",
        "app_label": "practices",
        "content_type_id": 1,
        "path": "x",
    }


def admin_object_id(name):
    """admin:<app>_<model>_<view> -> the primary key of an object of that model, if any."""
    match = re.fullmatch(r"admin:(\w+?)_(\w+)_\w+", name)
    for model in apps.get_models():
        if match and f"{model._meta.app_label}_{model._meta.model_name}" == f"{match[1]}_{match[2]}":
            first = model._default_manager.order_by("pk").first()
            return str(first.pk) if first else "1"
    return "1"


def every_url(world):
    urls = {}
    for name, params in url_names(get_resolver()):
        kwargs = dict(world.get(name, {}))
        for param in params:
            if param in kwargs:
                continue
            if param in ("object_id", "id", "to"):
                kwargs[param] = admin_object_id(name)
            elif param.startswith("_"):
                kwargs[param] = "1"
            else:
                kwargs[param] = world.get(f"{name.split(':')[0]}:{param}", world.get(param, "1"))
        try:
            urls[name] = reverse(name, kwargs=kwargs) if params else reverse(name)
        except NoReverseMatch as error:  # pragma: no cover - tells how to extend `world`
            pytest.fail(f"{name}: add a sample value for {params} to world ({error})")
    for route in unnamed_routes(get_resolver().url_patterns):
        path = re.sub(r"\(\?P<\w+>[^)]*\)|<[^>]+>", "1", route).replace("^", "").replace("$", "")
        assert not re.search(r"[\\()[\]*+?]", path), f"unnamed pattern {route}: give it a name"
        urls[f"unnamed {route}"] = "/" + path
    return urls


def snapshot():
    """A digest of the rows of each table the portal owns, by table (in one language: modeltranslation
    reads a translated field in the active one)."""
    digests = {}
    with translation.override("en"):
        for model in apps.get_models():
            if model._meta.db_table in UNWATCHED_TABLES or not model._meta.managed:
                continue
            rows = model._base_manager.order_by("pk").values_list()
            digests[model._meta.db_table] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    return digests


def assert_refused(response, what):
    assert response.status_code == 403, f"{what} answered {response.status_code}"
    assert response.context is not None and response.context.get("csrf_failed"), f"{what}: not a CSRF refusal"


# Anonymous, a member (proposals, orders, profile), an editor and a ULSG admin (the admin, its users):
# a deputy posts to the same forms as a servant, a member awaiting approval to fewer.
@pytest.mark.parametrize("who", ["anonymous", "servant", "editor", "ulsg_admin"])
def test_every_url_refuses_a_post_without_a_token(who, world, make_member):
    client = Client(enforce_csrf_checks=True)
    if who == "servant":
        client.force_login(world["proposer"])
    else:
        sign_in(client, make_member, who)
    with translation.override("ky"):
        urls = every_url(world)
    assert len(urls) > 150  # the walk found the admin and every app
    before = snapshot()
    for name, url in urls.items():
        if name in EXEMPT:
            continue
        response = client.post(url, {"title": "changed", "status": "published", "language": "ru", "next": "/"})
        assert_refused(response, f"POST {url} ({name}) as {who}")
    assert snapshot() == before


def test_every_url_refuses_a_forged_token(world, editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    client.cookies["csrftoken"] = "a" * 32
    with translation.override("ru"):
        urls = every_url(world)
    before = snapshot()
    for name, url in urls.items():
        if name in EXEMPT:
            continue
        response = client.post(url, {"csrfmiddlewaretoken": "b" * 32}, HTTP_X_CSRFTOKEN="b" * 32)
        assert_refused(response, f"POST {url} ({name}) with a forged token")
    assert snapshot() == before


def test_no_view_is_exempt_from_the_check_unless_listed(world):
    from django.urls import resolve

    with translation.override("ky"):
        urls = every_url(world)
    exempt = {name for name, url in urls.items() if getattr(resolve(url).func, "csrf_exempt", False)}
    assert exempt == set(EXEMPT)


def test_with_its_token_the_same_client_gets_through(client, servant):
    """The control: the refusals above are the token's doing, not the test's."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(servant)
    form = client.get("/ky/accounts/profile/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode())[1]
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/ru/", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert response.cookies["portal_language"].value == "ru"
