"""The print mailing list of a month: a CSV for the post with the name, organization, address and
copies of every print or combined subscription covering that month, safe to open in a spreadsheet."""

import csv
import datetime
import io

import pytest

from accounts.roles import Role
from magazine.models import Subscription
from magazine.reports import mailing_list, neutralize

pytestmark = pytest.mark.django_db

URL = "/admin/magazine/subscription/mailing-list/"
OCTOBER = datetime.date(2026, 10, 1)


@pytest.fixture
def editor_client(client, editor, settings):
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def print_subscriber(make_member, make_order, plans):
    """make_print_subscriber(email, plan="print", starts_on=2026-01-01, **subscription fields)."""

    def make(email, plan="print", starts_on=datetime.date(2026, 1, 1), status=None, user_fields=None, **fields):
        member = make_member(Role.SERVANT, email=email, **(user_fields or {}))
        fields.setdefault("delivery_address", "Кумбел айылы, Ленин көчөсү 5")
        return make_order(member, plan=plans[plan], starts_on=starts_on, status=status, **fields)

    return make


def read_csv(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith(b"\xef\xbb\xbf")  # the byte-order mark: Excel reads UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_it_downloads_the_month_as_csv_with_its_columns(editor_client, print_subscriber, municipality):
    print_subscriber("aigul@example.kg", user_fields={"first_name": "Айгүл", "last_name": "Осмонова"}, copies=3)
    response = editor_client.get(URL, {"month": "2026-10"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="mailing-list-2026-10.csv"'
    assert "no-store" in response["Cache-Control"]
    header, row = read_csv(response)
    assert header == ["Name", "Organization", "Address", "Copies"]
    assert row == ["Айгүл Осмонова", municipality.name_en, "Кумбел айылы, Ленин көчөсү 5", "3"]


def test_the_header_and_organization_follow_the_editors_language(client, editor, print_subscriber, settings):
    print_subscriber("aigul@example.kg")
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    header, row = read_csv(client.get(URL, {"month": "2026-10"}))
    assert row[1] == "айылный аймак Кумбел"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ky"
    header, row = read_csv(client.get(URL, {"month": "2026-10"}))
    assert row[1] == "Кумбел айыл аймагы"


def test_the_recipient_on_the_envelope_and_the_organization_of_a_national_body(editor_client, print_subscriber):
    print_subscriber(
        "ministry@example.kg",
        plan="combined",
        recipient="Отдел кадров",
        user_fields={"municipality": None, "organization": "Государственное агентство"},
    )
    (_header, row) = read_csv(editor_client.get(URL, {"month": "2026-10"}))
    assert row[:2] == ["Отдел кадров", "Государственное агентство"]


def test_only_print_and_combined_subscriptions_covering_the_month_are_listed(
    editor_client, print_subscriber, make_member, make_order, plans
):
    print_subscriber("print@example.kg", user_fields={"last_name": "Print"})
    print_subscriber("combined@example.kg", plan="combined", user_fields={"last_name": "Combined"})
    print_subscriber(  # expired now, but it paid for October
        "expired@example.kg",
        starts_on=datetime.date(2025, 11, 1),
        status=Subscription.Status.EXPIRED,
        user_fields={"last_name": "Expired"},
    )
    print_subscriber("electronic@example.kg", plan="electronic", user_fields={"last_name": "Electronic"})
    print_subscriber("ended@example.kg", starts_on=datetime.date(2025, 1, 1), user_fields={"last_name": "Ended"})
    print_subscriber("later@example.kg", starts_on=datetime.date(2026, 11, 1), user_fields={"last_name": "Later"})
    print_subscriber(
        "cancelled@example.kg", status=Subscription.Status.CANCELLED, user_fields={"last_name": "Cancelled"}
    )
    make_order(make_member(email="requested@example.kg", last_name="Requested"), plan=plans["print"], paid=False)

    rows = read_csv(editor_client.get(URL, {"month": "2026-10"}))[1:]
    assert sorted(row[0].split()[-1] for row in rows) == ["Combined", "Expired", "Print"]
    assert len(read_csv(editor_client.get(URL, {"month": "2026-11"}))[1:]) == 3  # "later" in, "expired" out


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("  =1+2", "'=1+2"),
        ("Бишкек, 1-линия", "Бишкек, 1-линия"),
    ],
)
def test_cells_that_would_start_a_formula_are_neutralized(editor_client, print_subscriber, value, written):
    print_subscriber("x@example.kg", recipient=value, delivery_address=value)
    (_header, row) = read_csv(editor_client.get(URL, {"month": "2026-10"}))
    assert row[0] == written and row[2] == written


def test_the_organization_is_neutralized_too(editor_client, print_subscriber):
    print_subscriber("x@example.kg", user_fields={"municipality": None, "organization": "=cmd|' /C calc'!A0"})
    (_header, row) = read_csv(editor_client.get(URL, {"month": "2026-10"}))
    assert row[1] == "'=cmd|' /C calc'!A0"


@pytest.mark.parametrize("value", ["\tTab", "\rCR", "=1", "+1", "-1", "@A1"])
def test_a_tab_or_carriage_return_first_is_neutralized_like_a_formula(value):
    assert neutralize(value) == "'" + value
    assert neutralize(3) == 3  # numbers (copies) stay numbers


def test_an_address_over_several_lines_is_one_cell_and_formulas_in_it_are_neutralized(editor_client, print_subscriber):
    print_subscriber("x@example.kg", delivery_address="=1+2\nКумбел\r\nЛенин 5")
    (_header, row) = read_csv(editor_client.get(URL, {"month": "2026-10"}))
    assert row[2] == "'=1+2 Кумбел Ленин 5"


def test_rows_are_sorted_by_organization_then_name_in_the_kyrgyz_alphabet(make_member, make_order, plans):
    for last, organization in [("Ясное", "Өзгөн"), ("Абдыкадыров", "Өзгөн"), ("Борбиев", "Ясное"), ("Уулу", "Ат-Башы")]:
        member = make_member(email=f"{last}@example.kg", last_name=last, municipality=None, organization=organization)
        make_order(member, plan=plans["print"], starts_on=datetime.date(2026, 1, 1))
    # Ө comes after О in the Kyrgyz alphabet, not after Я as in Unicode.
    assert [(row.organization, row.name.split()[-1]) for row in mailing_list(OCTOBER)] == [
        ("Ат-Башы", "Уулу"),
        ("Өзгөн", "Абдыкадыров"),
        ("Өзгөн", "Ясное"),
        ("Ясное", "Борбиев"),
    ]


def test_the_list_is_one_query_whatever_its_length(django_assert_num_queries, print_subscriber):
    for number in range(5):
        print_subscriber(f"m{number}@example.kg")
    # The subscriptions with their members and municipalities, joined.
    with django_assert_num_queries(1):
        assert len(mailing_list(OCTOBER)) == 5


def test_the_page_asks_for_the_month(editor_client, print_subscriber):
    print_subscriber("aigul@example.kg", copies=4)
    response = editor_client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'type="month"' in page and "4 copies" in page
    response = editor_client.get(URL, {"month": "October"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert response.context["form"].errors


def test_it_needs_the_publish_permission(client, ulsg_admin, servant, print_subscriber):
    print_subscriber("aigul@example.kg")
    client.force_login(ulsg_admin)  # may view subscriptions, not export their addresses
    assert client.get(URL, {"month": "2026-10"}).status_code == 403
    client.force_login(servant)
    response = client.get(URL, {"month": "2026-10"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.logout()
    assert client.get(URL).status_code == 302


def test_it_refuses_other_methods(editor_client):
    assert editor_client.post(URL, {"month": "2026-10"}).status_code == 405
