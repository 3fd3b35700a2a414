"""The shared partials later pages build on: pagination and breadcrumbs."""

from django.core.paginator import Paginator
from django.template import Context, RequestContext, Template
from django.test import RequestFactory
from django.utils import translation


def render(source, **context):
    return Template("{% load portal_tags %}" + source).render(Context(context))


def test_pagination_keeps_the_filters_and_marks_the_current_page():
    request = RequestFactory().get("/ru/practices/", {"theme": "water", "page": "5"})
    page = Paginator(list(range(200)), 10).page(5)
    with translation.override("en"):
        html = Template('{% include "includes/pagination.html" with page=page %}').render(
            RequestContext(request, {"page": page})
        )
    assert 'href="?theme=water&amp;page=4" rel="prev"' in html
    assert 'href="?theme=water&amp;page=6" rel="next"' in html
    assert '<span aria-current="page">5</span>' in html
    assert "…" in html  # 1 … 4 5 6 … 20
    assert "Page 5 of 20" in html


def test_pagination_is_absent_for_a_single_page():
    page = Paginator([1, 2], 10).page(1)
    html = Template('{% include "includes/pagination.html" with page=page %}').render(Context({"page": page}))
    assert "pagination" not in html


def test_breadcrumbs_link_every_step_but_the_current_page(db):
    with translation.override("en"):
        html = render('{% breadcrumbs "Practices" "/en/practices/" "Water supply" %}')
    assert '<a href="/en/">Home</a>' in html
    assert '<a href="/en/practices/">Practices</a>' in html
    assert '<span aria-current="page">Water supply</span>' in html
