"""Rich text is sanitized whenever it is saved, in every language's column, whoever wrote it."""

import pytest

from practices.models import Practice, Resource
from practices.richtext import html_to_text, sanitize_html

pytestmark = pytest.mark.django_db

PAYLOADS = [
    ("<p>ok</p><script>alert(1)</script>", "<p>ok</p>"),
    ('<img src="x" onerror="alert(1)">', ""),
    ('<p onclick="alert(1)">click</p>', "<p>click</p>"),
    ('<a href="javascript:alert(1)">link</a>', '<a rel="noopener noreferrer nofollow">link</a>'),
    ('<a href="jav&#x09;ascript:alert(1)">tab</a>', '<a rel="noopener noreferrer nofollow">tab</a>'),
    ('<a href="JaVaScRiPt:alert(1)">case</a>', '<a rel="noopener noreferrer nofollow">case</a>'),
    ('<a href="&#106;avascript:alert(1)">entity</a>', '<a rel="noopener noreferrer nofollow">entity</a>'),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">data</a>', '<a rel="noopener noreferrer nofollow">data</a>'),
    ('<svg onload="alert(1)"><circle r="5"/></svg>', ""),
    ('<iframe src="https://evil.example"></iframe>', ""),
    ('<p style="background:url(javascript:alert(1))">styled</p>', "<p>styled</p>"),
    ("<style>p{color:red}</style><p>x</p>", "<p>x</p>"),
    ('<form action="/x"><input name="a"></form>', ""),
    ("<object data='x.swf'></object><embed src='x'>", ""),
    ("<!-- hidden --><p>visible</p>", "<p>visible</p>"),
    ('<math><mi xlink:href="javascript:alert(1)">x</mi></math>', ""),
]

KEPT = [
    "<h2>Heading</h2>",
    "<h3>Sub-heading</h3>",
    "<p><strong>bold</strong> <em>italic</em> <u>under</u> <s>struck</s></p>",
    "<ul><li>one</li></ul>",
    '<ol start="3"><li>three</li></ol>',
    "<blockquote><p>quote</p></blockquote>",
    '<table><thead><tr><th scope="col">Year</th></tr></thead><tbody><tr><td colspan="2">2023</td></tr></tbody></table>',
    "<p>line<br>break</p>",
    "<hr>",
]


@pytest.mark.parametrize(("dirty", "clean"), PAYLOADS)
def test_it_strips_dangerous_html_on_save(dirty, clean, make_practice):
    practice = make_practice(problem_ru=dirty, results_ky=dirty, body_en=dirty)
    practice.refresh_from_db()
    assert practice.problem_ru == clean
    assert practice.results_ky == clean
    assert practice.body_en == clean


@pytest.mark.parametrize("html", KEPT)
def test_it_keeps_what_the_editor_offers(html, make_practice):
    practice = make_practice(actions_ru=html)
    practice.refresh_from_db()
    assert practice.actions_ru == html


def test_safe_links_are_kept_and_marked(make_practice):
    practice = make_practice(results_ru='<a href="https://ulsg.kg/x" target="_blank" title="ULSG">site</a>')
    practice.refresh_from_db()
    assert practice.results_ru == '<a href="https://ulsg.kg/x" title="ULSG" rel="noopener noreferrer nofollow">site</a>'


@pytest.mark.parametrize("href", ["mailto:info@ulsg.kg", "tel:+996312000000", "/ru/practices/"])
def test_mail_phone_and_relative_links_are_kept(href, make_practice):
    practice = make_practice(body_ru=f'<a href="{href}">x</a>')
    practice.refresh_from_db()
    assert f'href="{href}"' in practice.body_ru


def test_it_sanitizes_on_every_save_not_only_on_creation(make_practice):
    practice = make_practice()
    practice.problem_ru = "<p>edited</p><script>steal()</script>"
    practice.save()
    assert Practice.objects.get(pk=practice.pk).problem_ru == "<p>edited</p>"


def test_it_sanitizes_a_save_with_update_fields(make_practice):
    practice = make_practice()
    practice.summary_ru = "plain"
    practice.problem_ru = '<p onmouseover="x()">p</p>'
    practice.save(update_fields=["problem_ru"])
    assert Practice.objects.get(pk=practice.pk).problem_ru == "<p>p</p>"


def test_resource_descriptions_are_sanitized_too(make_resource):
    resource = make_resource(description_ru='<p>guide</p><script>alert(1)</script><svg onload="x()"></svg>')
    assert Resource.objects.get(pk=resource.pk).description_ru == "<p>guide</p>"


def test_empty_text_stays_empty():
    assert sanitize_html("") == ""
    assert sanitize_html(None) is None


def test_plain_text_for_search_has_no_tags_and_real_characters():
    assert html_to_text("<p>Ичүүчү&nbsp;суу</p><p>&lt;b&gt; &amp; ң</p>") == "Ичүүчү суу <b> & ң"
