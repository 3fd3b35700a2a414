"""The offered plans on /<lang>/magazine/subscribe/: only those offered, in the editors' order,
each with its kind, period, price in som and what it includes; in a fixed number of queries."""

import pytest
from django.utils import translation

from magazine.models import Plan

pytestmark = pytest.mark.django_db

URL = "/{lang}/magazine/subscribe/"


def plan_names(html):
    return [chunk.split("</span>")[0] for chunk in html.split('<span class="plan-name">')[1:]]


def test_it_lists_the_offered_plans_in_the_editors_order(client, plans):
    Plan.objects.create(name_ky="Old", name_ru="Old", kind="electronic", months=6, price=700, is_active=False)
    for order, kind in enumerate(["combined", "electronic", "print"]):
        plans[kind].order = order
        plans[kind].save()
    html = client.get(URL.format(lang="ky")).content.decode()
    assert plan_names(html) == ["combined 12", "electronic 12", "print 12"]


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_each_plan_shows_its_kind_months_and_price_in_som(client, plans, lang):
    plans["electronic"].months = 6
    plans["electronic"].save()
    html = client.get(URL.format(lang=lang)).content.decode()
    assert '<html lang="' + lang + '">' in html
    assert "<strong>1\u00a0200\u00a0сом</strong>" in html
    assert "<strong>2\u00a0400\u00a0сом</strong>" in html
    assert "200\u00a0сом" in html  # about 200 som a month for 1 200 over six months
    with translation.override(lang):
        for plan in plans.values():
            assert f'badge-plan-{plan.kind}">{plan.get_kind_display()}<' in html
        six = translation.ngettext("for %(months)s month", "for %(months)s months", 6) % {"months": 6}
        twelve = translation.ngettext("for %(months)s month", "for %(months)s months", 12) % {"months": 12}
        assert six in html
        assert twelve in html
        assert translation.gettext("per copy") in html  # print is priced per copy


def test_each_plan_says_what_it_includes(client, plans):
    plans["print"].description = "Delivered by Kyrgyz Pochtasy."
    plans["print"].save()
    html = client.get(URL.format(lang="en")).content.decode()
    pdf = "Every issue of the period as a PDF, in Kyrgyz and in Russian, to download on this site"
    post = "The printed magazine every month, delivered by post to your address"
    assert html.count(pdf) == 2  # electronic and combined
    assert html.count(post) == 2  # print and combined
    assert "Delivered by Kyrgyz Pochtasy." in html


def test_a_plan_is_shown_in_the_readers_language_with_the_fallback(client, plans):
    plans["electronic"].name_ky = "Электрондук жазылуу"
    plans["electronic"].name_ru = "Электронная подписка"
    plans["electronic"].save()
    assert "Электронная подписка" in client.get(URL.format(lang="ru")).content.decode()
    assert "Электрондук жазылуу" in client.get(URL.format(lang="ky")).content.decode()
    Plan.objects.create(name_ru="Только по-русски", description_ru="Описание", kind="print", months=6, price=900)
    html = client.get(URL.format(lang="ky")).content.decode()
    assert '<span lang="ru">Только по-русски</span> <small class="fallback-note">' in html
    assert '<span lang="ru">Описание</span>' in html


def test_without_offered_plans_it_says_so(client, servant):
    client.force_login(servant)
    html = client.get(URL.format(lang="en")).content.decode()
    assert 'data-testid="no-plans"' in html
    assert 'name="plan"' not in html


def test_a_member_chooses_among_the_plans_with_radio_buttons_and_labels(client, servant, plans):
    client.force_login(servant)
    html = client.get(URL.format(lang="en")).content.decode()
    for plan in plans.values():
        assert f'<input type="radio" name="plan" value="{plan.pk}" id="plan-{plan.pk}"' in html
        assert f'<label for="plan-{plan.pk}" class="plan-card"' in html
    assert '<label for="id_delivery_address">' in html
    assert 'name="copies"' in html and 'max="50"' in html and 'min="1"' in html


def test_the_page_runs_a_fixed_number_of_queries(client, servant, plans, django_assert_num_queries):
    # a visitor: 1 the plans
    with django_assert_num_queries(1):
        client.get(URL.format(lang="ky"))
    client.force_login(servant)
    for months in (6, 6, 12):
        Plan.objects.create(name_ru="More", kind="print", months=months, price=900)
    # a member: 1 session, 2 user, 3 their last delivery details, 4 the plans
    with django_assert_num_queries(4):
        html = client.get(URL.format(lang="ky")).content.decode()
    assert html.count('name="plan"') == 6
