"""The page cache for anonymous readers (portal/pagecache.py): hits without SQL, per language and
encoding, never for signed-in readers, emptied by every content change, 304 on If-None-Match."""

import gzip
import math
import socket
import uuid
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from accounts.roles import Role
from events.models import Event
from events.services import event_register
from magazine.models import Issue
from magazine.publishing import issue_publish
from news.models import News
from portal import pagecache
from practices.models import Practice
from practices.services import practice_publish

pytestmark = pytest.mark.django_db


# Models of the content apps that no page shows, so a change to them leaves the cache alone.
NOT_SHOWN = {
    "magazine.Payment",  # a member's own order, on signed-in pages only
    "magazine.Subscription",  # ditto
    "magazine.Purchase",  # ditto
    "portal.SearchEntry",  # rewritten with the content it indexes, which bumps the version itself
    "portal.OutboxEmail",  # e-mail waiting to be sent
}


def url(name, language="ky", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def practice_url(practice, language="ky"):
    return url("practices:detail", language, slug=practice.slug)


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def anonymous():
    """A new anonymous reader for each call: no cookies at all."""
    return lambda: Client()


def get_twice(client, path, **headers):
    first, second = client.get(path, headers=headers), client.get(path, headers=headers)
    return first, second


# --- hits -----------------------------------------------------------------------------------------


def test_it_serves_the_second_anonymous_request_from_the_cache_without_queries(
    client, make_practice, django_assert_num_queries
):
    practice = make_practice("Clean water for Kumbel")
    first = client.get(practice_url(practice))
    assert first.status_code == 200
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = client.get(practice_url(practice))
    assert second.status_code == 200
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == "ky"


@pytest.mark.parametrize("name", ["portal:home", "practices:index", "magazine:index", "news:index", "events:index"])
def test_it_caches_the_public_pages(client, name, django_assert_num_queries):
    assert client.get(url(name))["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        assert client.get(url(name))["X-Cache"] == "HIT"


def test_it_caches_each_language_separately(client, make_practice):
    practice = make_practice("Clean water for Kumbel")
    for language in ("ky", "ru", "en"):
        response = client.get(practice_url(practice, language))
        assert response["X-Cache"] == "MISS", language
        assert f'lang="{language}"' in response.content.decode()
    for language in ("ky", "ru", "en"):
        response = client.get(practice_url(practice, language))
        assert response["X-Cache"] == "HIT", language
        assert f'lang="{language}"' in response.content.decode()
    assert "Clean water for Kumbel (ru)" in client.get(practice_url(practice, "ru")).content.decode()


def test_it_keeps_pages_with_different_query_strings_apart(client, make_practice, theme):
    make_practice("Clean water for Kumbel")
    library = url("practices:index")
    assert client.get(library)["X-Cache"] == "MISS"
    assert client.get(f"{library}?page=1")["X-Cache"] == "MISS"
    assert client.get(f"{library}?theme={theme.slug}")["X-Cache"] == "MISS"
    assert client.get(f"{library}?theme={theme.slug}")["X-Cache"] == "HIT"


def test_it_answers_head_requests_from_the_cache(client):
    index = url("events:index")
    head = client.head(index)
    assert head.status_code == 200
    assert head["X-Cache"] == "MISS"
    # A HEAD is answered but not stored: its response carries no body to keep.
    assert client.get(index)["X-Cache"] == "MISS"
    head = client.head(index)
    assert head.status_code == 200
    assert head["X-Cache"] == "HIT"
    assert head["Content-Type"].startswith("text/html")
    assert head.content == b""
    # Every public page answers HEAD (require_safe), cached or not.
    assert client.head(url("portal:home")).status_code == 200
    assert client.head(url("practices:index")).status_code == 200


def test_it_is_off_when_page_cache_seconds_is_zero(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    first, second = get_twice(client, url("portal:home"))
    assert "X-Cache" not in first and "X-Cache" not in second


def test_it_keeps_pages_at_most_page_cache_seconds(client, settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 42
    stored = []
    cache = caches["default"]
    original = cache.set

    def spy(key, value, timeout=None, **kwargs):
        if key.startswith("page:"):
            stored.append(timeout)
        return original(key, value, timeout, **kwargs)

    monkeypatch.setattr(cache, "set", spy)
    client.get(url("portal:home"))
    assert stored == [42]


# --- signed-in readers --------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.SERVANT, Role.EDITOR])
def test_it_never_serves_a_cached_page_to_signed_in_readers(client, anonymous, make_member, role):
    home = url("portal:home")
    reader = anonymous()
    reader.get(home)
    assert reader.get(home)["X-Cache"] == "HIT"
    client.force_login(make_member(role))
    for _ in range(2):
        response = client.get(home)
        assert "X-Cache" not in response
        assert "Sign out" in response.content.decode() or "Чыгуу" in response.content.decode()
        assert "csrfmiddlewaretoken" in response.content.decode()


def test_signed_in_readers_never_poison_the_cache(client, anonymous, servant, make_practice):
    practice = make_practice("Clean water for Kumbel", visibility="members")
    public = make_practice("Street lighting")
    client.force_login(servant)
    for path in (url("portal:home"), url("practices:index"), practice_url(public)):
        assert client.get(path).status_code == 200
    for path in (url("portal:home"), url("practices:index"), practice_url(public)):
        response = anonymous().get(path)
        assert response["X-Cache"] == "MISS", path
        html = response.content.decode()
        assert practice.title_ky not in html
        assert "csrfmiddlewaretoken" not in html
        assert servant.email not in html
    assert anonymous().get(practice_url(practice)).status_code in (302, 403, 404)


def test_it_does_not_use_the_cache_for_a_reader_with_a_messages_cookie(client):
    home = url("portal:home")
    client.get(home)
    client.cookies["messages"] = "anything"
    assert "X-Cache" not in client.get(home)


# --- what is never kept -------------------------------------------------------------------------


def test_it_never_stores_set_cookie_csrf_tokens_or_messages(client, anonymous, make_practice, settings):
    practice = make_practice("Clean water for Kumbel")
    path = practice_url(practice)
    miss = client.get(path)
    assert miss.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ky"
    hit = anonymous().get(path)
    assert hit["X-Cache"] == "HIT"
    # The language cookie is set again for this reader, not replayed from the cache.
    assert list(hit.cookies) == [settings.LANGUAGE_COOKIE_NAME]
    assert hit.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ky"
    assert list(client.get(path).cookies) == []  # already remembered
    assert list(client.get(practice_url(practice, "ru")).cookies) == [settings.LANGUAGE_COOKIE_NAME]
    # And the stored entry itself holds no cookie, token or message.
    cache = caches["default"]
    key = pagecache.page_key(hit.wsgi_request, pagecache.content_version(cache), gzipped=False)
    headers, content, etag = cache.get(key)
    assert not [name for name, _ in headers if name.lower() in ("set-cookie", "x-cache")]
    assert b"csrfmiddlewaretoken" not in content
    assert b'class="messages' not in content


def test_it_does_not_cache_a_page_with_a_form(client):
    # Anonymous readers see forms only on the sign-in pages; the propose page asks them to sign in.
    for path in (url("account_login"), url("account_signup"), url("account_reset_password")):
        first, second = get_twice(client, path)
        assert b"csrfmiddlewaretoken" in second.content
        assert "X-Cache" not in second, path


def test_it_does_not_cache_a_page_that_used_the_csrf_token(rf, settings):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    def view(request):
        return HttpResponse(f"<form>{get_token(request)}</form>", content_type="text/html")

    request = rf.get("/ky/somewhere/")
    middleware = pagecache.PageCacheMiddleware(view)
    assert middleware(request)["X-Cache"] == "MISS"
    assert middleware(rf.get("/ky/somewhere/"))["X-Cache"] == "MISS"


@pytest.mark.parametrize(
    ("status", "headers", "content_type"),
    [
        (404, {}, "text/html"),
        (200, {"Cache-Control": "private"}, "text/html"),
        (200, {"Cache-Control": "no-store"}, "text/html"),
        (200, {"Cache-Control": "no-cache"}, "text/html"),
        (200, {"Vary": "Accept-Language"}, "text/html"),
        (200, {}, "application/pdf"),
        (200, {}, "image/png"),
    ],
)
def test_it_stores_only_public_text_pages(rf, status, headers, content_type):
    from django.http import HttpResponse

    def view(request):
        response = HttpResponse("<p>hello</p>", status=status, content_type=content_type)
        for name, value in headers.items():
            response[name] = value
        return response

    middleware = pagecache.PageCacheMiddleware(view)
    middleware(rf.get("/ky/somewhere/"))
    assert middleware(rf.get("/ky/somewhere/"))["X-Cache"] == "MISS"


def test_it_does_not_store_a_page_that_sets_a_cookie(rf):
    from django.http import HttpResponse

    def view(request):
        response = HttpResponse("<p>hello</p>")
        response.set_cookie("tracking", "1")
        return response

    middleware = pagecache.PageCacheMiddleware(view)
    middleware(rf.get("/ky/somewhere/"))
    assert middleware(rf.get("/ky/somewhere/"))["X-Cache"] == "MISS"


def test_it_does_not_cache_searches_with_words(client):
    search = url("portal:search")
    for path in (f"{search}?q=water", f"{url('practices:index')}?q=water"):
        first, second = get_twice(client, path)
        assert first.status_code == 200
        assert "X-Cache" not in first and "X-Cache" not in second
    first, second = get_twice(client, f"{search}?q=+")
    assert second["X-Cache"] == "HIT"
    first, second = get_twice(client, f"{search}?kind=practice")
    assert second["X-Cache"] == "HIT"


def test_it_never_caches_the_admin_accounts_or_healthz(client):
    for path in ("/admin/login/", url("account_login"), url("account_signup"), "/healthz"):
        first, second = get_twice(client, path)
        assert "X-Cache" not in second, path


def test_it_never_caches_downloads(client, make_resource):
    resource = make_resource()
    path = url("practices:resource_download", slug=resource.slug)
    first, second = get_twice(client, path)
    assert second.status_code == 200
    assert second.get("X-Cache") == "MISS"


def test_it_serves_pages_uncached_when_the_cache_is_away(client, settings, monkeypatch, caplog):
    # Nothing listens on 8219 (H1's port range): every cache call fails at once.
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", 8219)) == 0:
            pytest.skip("port 8219 is in use")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:8219/0"}
    }
    monkeypatch.setattr(pagecache, "_last_warning", -math.inf)
    for _ in range(3):
        response = client.get(url("portal:home"))
        assert response.status_code == 200
        assert "X-Cache" not in response
    # Said once, not on every request.
    assert [record.getMessage() for record in caplog.records if record.name == "portal.pagecache"] == [
        "page cache: the cache is unavailable; serving pages uncached"
    ]
    pagecache.bump_content_version()  # logged, not raised


# --- invalidation -------------------------------------------------------------------------------


def assert_cached(client, path):
    client.get(path)
    response = client.get(path)
    assert response["X-Cache"] == "HIT"
    return response.content.decode()


def fresh(client, path):
    response = client.get(path)
    assert response["X-Cache"] == "MISS"
    return response.content.decode()


def test_publishing_a_practice_through_the_workflow_shows_it(client, editor, make_practice):
    practice = make_practice("Clean water for Kumbel", status=Practice.Status.IN_REVIEW)
    library = url("practices:index")
    assert practice.title_ky not in assert_cached(client, library)
    practice_publish(practice=practice, by=editor)
    assert practice.title_ky in fresh(client, library)


def test_editing_a_practice_in_the_admin_shows_the_change(client, editor, make_practice):
    practice = make_practice("Clean water for Kumbel")
    path = practice_url(practice, "en")
    assert "Clean water for Kumbel" in assert_cached(client, path)
    admin = Client()
    admin.force_login(editor)
    change = f"/admin/practices/practice/{practice.pk}/change/"
    response = admin.post(change, resubmit(admin.get(change), title_en="Safe water for Kumbel"))
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    assert "Safe water for Kumbel" in fresh(client, path)


def test_deleting_a_practice_removes_it(client, make_practice):
    practice = make_practice("Clean water for Kumbel")
    library = url("practices:index")
    assert practice.title_ky in assert_cached(client, library)
    practice.delete()
    assert practice.title_ky not in fresh(client, library)
    assert client.get(practice_url(practice)).status_code == 404


def test_tagging_a_practice_empties_the_cache(client, make_practice):
    from practices.models import Tag

    practice = make_practice("Clean water for Kumbel")
    tag = Tag.objects.create(slug="water", name_ky="Таза суу", name_ru="Чистая вода")
    path = practice_url(practice)
    assert "Таза суу" not in assert_cached(client, path)
    practice.tags.add(tag)
    assert "Таза суу" in fresh(client, path)


def test_publishing_an_issue_shows_it(client, make_issue):
    issue = make_issue(2026, 5, status=Issue.Status.DRAFT)
    index = url("magazine:index")
    assert "Выпуск 5/2026" not in assert_cached(client, url("magazine:index", "ru"))
    assert_cached(client, index)
    issue_publish(issue=issue)
    assert "Выпуск 5/2026" in fresh(client, url("magazine:index", "ru"))


def test_a_new_news_item_shows(client):
    index = url("news:index")
    assert "Fresh news (ky)" not in assert_cached(client, index)
    News.objects.create(
        slug="fresh", title_ky="Fresh news (ky)", title_ru="Fresh news (ru)", is_published=True, date=timezone.now()
    )
    assert "Fresh news (ky)" in fresh(client, index)


def test_registering_for_an_event_shows_the_seats_left(client, servant):
    starts = timezone.now() + timedelta(days=3)
    event = Event.objects.create(
        slug="water-forum",
        title_ky="Water forum (ky)",
        title_ru="Water forum (ru)",
        title_en="Water forum",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        is_published=True,
        capacity=10,
    )
    path = url("events:detail", "en", slug=event.slug)
    assert "10 left of 10" in assert_cached(client, path)
    event_register(event=event, user=servant)
    assert "9 left of 10" in fresh(client, path)


def test_a_directory_change_empties_the_cache(client, municipality):
    path = url("portal:municipalities", "en")
    assert "Kumbel aiyl aimak" in assert_cached(client, path)
    municipality.name_en = "Kumbel rural municipality"
    municipality.save()
    assert "Kumbel rural municipality" in fresh(client, path)


def test_member_changes_do_not_empty_the_cache(client, servant):
    home = url("portal:home")
    assert_cached(client, home)
    servant.last_login = timezone.now()
    servant.save()
    assert client.get(home)["X-Cache"] == "HIT"


def test_it_bumps_once_more_when_the_transaction_commits(make_practice):
    practice = make_practice("Clean water for Kumbel")
    before = pagecache.content_version()
    practice.save()
    practice.save()
    assert pagecache.content_version() == before + 2
    # A request between a save and the commit may store the old page under the new version, so
    # one more bump waits for the commit: one per transaction, however many saves it holds.
    pending = [entry[1] for entry in connection.run_on_commit if entry[1] is pagecache._bump_after_commit]
    assert len(pending) == 1
    pending[0]()
    assert pagecache.content_version() == before + 3


def test_it_starts_a_lost_version_above_every_earlier_one():
    cache = caches["default"]
    first = pagecache.content_version(cache)
    pagecache.bump_content_version()
    cache.delete(pagecache.VERSION_KEY)
    assert pagecache.content_version(cache) > first + 1


def test_every_model_of_the_content_apps_empties_the_cache_or_is_known_not_to_be_shown():
    models = {
        model._meta.label
        for app in ("practices", "magazine", "news", "events", "portal")
        for model in apps.get_app_config(app).get_models()
    }
    assert models == set(pagecache.CONTENT_MODELS) | NOT_SHOWN


# --- conditional requests and compression ---------------------------------------------------------


def test_it_answers_if_none_match_with_304_on_hits(client, make_practice):
    path = practice_url(make_practice("Clean water for Kumbel"))
    miss = client.get(path)
    etag = miss["ETag"]
    assert etag.startswith('"')  # strong: the stored body never changes under this key
    hit = client.get(path, headers={"if-none-match": etag})
    assert hit.status_code == 304
    assert hit["X-Cache"] == "HIT"
    assert hit["ETag"] == etag
    assert hit.content == b""
    assert client.head(path, headers={"if-none-match": etag}).status_code == 304
    assert client.get(path, headers={"if-none-match": '"something-else"'}).status_code == 200


def test_it_answers_if_none_match_with_304_on_uncached_pages(client, settings):
    search = f"{url('portal:search')}?q=water"
    for headers in ({}, {"accept-encoding": "gzip"}):
        first = client.get(search, headers=headers)
        assert "X-Cache" not in first
        second = client.get(search, headers=headers | {"if-none-match": first["ETag"]})
        assert second.status_code == 304
    settings.PAGE_CACHE_SECONDS = 0
    etag = client.get(url("portal:home"))["ETag"]
    assert client.get(url("portal:home"), headers={"if-none-match": etag}).status_code == 304


def test_it_stores_the_gzipped_page_for_clients_that_accept_gzip(client, make_practice):
    path = practice_url(make_practice("Clean water for Kumbel"))
    miss = client.get(path, headers={"accept-encoding": "gzip, deflate, br"})
    assert miss["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in miss["Vary"]
    hit = client.get(path, headers={"accept-encoding": "gzip"})
    assert hit["X-Cache"] == "HIT"
    assert hit["Content-Encoding"] == "gzip"
    assert hit.content == miss.content
    assert b"Clean water for Kumbel (ky)" in gzip.decompress(hit.content)
    # A client without gzip gets (and caches) the plain page.
    plain = client.get(path)
    assert plain["X-Cache"] == "MISS"
    assert "Content-Encoding" not in plain
    assert plain.content == gzip.decompress(hit.content)
    assert client.get(path)["X-Cache"] == "HIT"
    assert plain["ETag"] != hit["ETag"]


# --- with Redis ---------------------------------------------------------------------------------

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_cache(settings):
    with socket.socket() as probe:
        probe.settimeout(1)
        if probe.connect_ex(("127.0.0.1", 6379)) != 0:
            pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    prefix = f"h1-pagecache-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    cache = caches["default"]
    yield cache
    client = cache._cache.get_client()
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def test_it_works_with_redis(client, redis_cache, make_practice, editor, django_assert_num_queries):
    practice = make_practice("Clean water for Kumbel", status=Practice.Status.IN_REVIEW)
    library = url("practices:index")
    assert client.get(library, headers={"accept-encoding": "gzip"})["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        hit = client.get(library, headers={"accept-encoding": "gzip"})
    assert hit["X-Cache"] == "HIT"
    assert practice.title_ky.encode() not in gzip.decompress(hit.content)
    practice_publish(practice=practice, by=editor)
    miss = client.get(library, headers={"accept-encoding": "gzip"})
    assert miss["X-Cache"] == "MISS"
    assert practice.title_ky.encode() in gzip.decompress(miss.content)
    assert isinstance(redis_cache.get(pagecache.VERSION_KEY), int)


# --- helpers ------------------------------------------------------------------------------------


def resubmit(response, **changes):
    """The POST data of an admin change form as the page shows it (main form and inlines), with `changes`."""
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
            if value is None or value is False or name in {"file", "image", "cover"}:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    data.update(changes)
    return data
