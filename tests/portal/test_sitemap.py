"""sitemap.xml (every public page in every language, with hreflang alternates) and robots.txt."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from accounts.visibility import Visibility
from practices.models import Practice

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    urls = {}
    for url in root.findall("s:url", NS):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)}
        urls[url.find("s:loc", NS).text] = alternates
    return urls


@pytest.fixture
def content(make_practice, make_resource, municipality):
    return {
        "public": make_practice("Public water"),
        "members": make_practice("Members water", visibility=Visibility.MEMBERS),
        "deputies": make_practice("Deputies water", visibility=Visibility.DEPUTIES),
        "draft": make_practice("Draft water", status=Practice.Status.DRAFT),
        "submitted": make_practice("Proposed water", status=Practice.Status.SUBMITTED),
        "resource": make_resource("Public guide", content=None),
        "hidden_resource": make_resource("Members guide", content=None, visibility=Visibility.MEMBERS),
        "unpublished_resource": make_resource("Unpublished guide", content=None, is_published=False),
    }


def test_it_lists_every_public_page_in_every_language_with_alternates(client, content, municipality):
    urls = parse(client.get("/sitemap.xml"))
    base = "http://testserver"
    slug = content["public"].slug
    for language in ["ky", "ru", "en"]:
        for path in [
            "",
            "practices/",
            "resources/",
            "deputies/",
            "gender-budgeting/",
            "magazine/",
            "municipalities/",
            "news/",
            "events/",
            "practices/themes/utilities/",
            f"practices/{slug}/",
            f"resources/{content['resource'].slug}/",
            "municipalities/test-kumbel/",
        ]:
            assert f"{base}/{language}/{path}" in urls, path
    alternates = urls[f"{base}/ru/practices/{slug}/"]
    assert alternates == {
        "ky": f"{base}/ky/practices/{slug}/",
        "ru": f"{base}/ru/practices/{slug}/",
        "en": f"{base}/en/practices/{slug}/",
        # Without a prefix the portal sends the reader to their browser's language: the x-default.
        "x-default": f"{base}/practices/{slug}/",
    }
    response = client.get(f"/practices/{slug}/", headers={"accept-language": "ru"})
    assert response.status_code == 302 and response["Location"] == f"/ru/practices/{slug}/"
    assert len([url for url in urls if url.endswith("/practices/themes/utilities/")]) == 3


def test_it_leaves_out_restricted_and_unpublished_content(client, content):
    body = client.get("/sitemap.xml").content.decode()
    for key in ["members", "deputies", "draft", "submitted", "hidden_resource", "unpublished_resource"]:
        assert content[key].slug not in body, key
    assert "/search/" not in body and "/accounts/" not in body


def test_it_gives_the_date_a_practice_last_changed(client, content):
    body = client.get("/sitemap.xml").content.decode()
    assert f"<lastmod>{timezone.localtime(content['public'].updated_at):%Y-%m-%d}</lastmod>" in body  # in Bishkek time


def test_it_runs_one_query_per_section(client, content, django_assert_num_queries):
    # 1 themes, 2 practices, 3 resources, 4 municipalities, 5 news (the static pages need none)
    with django_assert_num_queries(5):
        client.get("/sitemap.xml")


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_private_parts(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for path in ["/admin/", "/accounts/", "/ky/accounts/", "/ru/accounts/", "/en/accounts/", "/ru/search/"]:
        assert f"Disallow: {path}" in lines
    assert "Disallow: /" not in lines


def test_robots_txt_refuses_post(client):
    assert client.post("/robots.txt").status_code == 405
