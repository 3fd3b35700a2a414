"""Page weight: each main page's HTML, gzipped as served, plus every CSS and JS file it links,
compressed as WhiteNoise serves them, stays under 100 KB together (images excluded)."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

BUDGET = 100 * 1024
# Stylesheets, scripts and preloaded styles or scripts; icons and images are not counted.
LINKED = re.compile(
    r"""<link\b[^>]*\brel=["']?(?:stylesheet|preload|modulepreload)["']?[^>]*\bhref=["']?([^"' >]+)"""
    r"""|<link\b[^>]*\bhref=["']?([^"' >]+)["']?[^>]*\brel=["']?(?:stylesheet|preload|modulepreload)"""
    r"""|<script\b[^>]*\bsrc=["']?([^"' >]+)""",
    re.IGNORECASE,
)


def served_size(data):
    """What WhiteNoise sends to a browser that accepts gzip: the .gz file when it saves 5% or more."""
    compressed = gzip.compress(data, compresslevel=9, mtime=0)
    return len(compressed) if len(compressed) < len(data) * 0.95 else len(data)


def assets(html):
    for match in LINKED.finditer(html):
        href = next(group for group in match.groups() if group)
        if href.endswith((".css", ".js", ".mjs")) or ".css?" in href or ".js?" in href:
            yield href


@pytest.fixture
def pages(make_practice, make_issue, theme):
    from magazine.models import Article

    body = "<p>" + "The municipality repaired the water pipes with the residents' help. " * 40 + "</p>"
    practices = [
        make_practice(f"Practice number {number}", problem_ky=body, actions_ky=body, results_ky=body)
        for number in range(1, 25)
    ]
    issue = make_issue(2026, 3)
    for number in range(1, 13):
        Article.objects.create(
            issue=issue,
            slug=f"article-{number}",
            title_ky=f"Макала {number}",
            title_ru=f"Статья {number}",
            summary_ru="Кратко о статье. " * 10,
            order=number,
            first_page=number * 2,
            last_page=number * 2 + 1,
        )
    for number in range(1, 12):
        make_issue(2025, number)
    with translation.override("ky"):
        return {
            "home": reverse("portal:home"),
            "library": reverse("practices:index"),
            "practice": reverse("practices:detail", kwargs={"slug": practices[0].slug}),
            "magazine": reverse("magazine:index"),
            "issue": reverse("magazine:issue", kwargs={"year": 2026, "number": 3}),
        }


@pytest.mark.parametrize("page", ["home", "library", "practice", "magazine", "issue"])
def test_it_keeps_a_page_with_its_css_and_js_under_100_kb_compressed(client, pages, page, settings):
    response = client.get(pages[page], headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content).decode()
    weights = {"HTML": len(response.content)}
    for href in assets(html):
        assert href.startswith(settings.STATIC_URL), f"{href} is not a static file"
        path = finders.find(href[len(settings.STATIC_URL) :].split("?")[0])
        assert path, f"{href} not found among the static files"
        with open(path, "rb") as file:
            weights[href] = served_size(file.read())
    assert "/static/css/portal.css" in weights
    total = sum(weights.values())
    assert total < BUDGET, f"{page}: {total} bytes: {weights}"
