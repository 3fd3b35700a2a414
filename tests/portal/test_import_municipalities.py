"""`manage.py import_municipalities`: the shipped directory, idempotence, and every kind of bad row."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from portal.directory_import import COLUMNS
from portal.models import District, Municipality, Region

pytestmark = pytest.mark.django_db

SHIPPED = Path(settings.BASE_DIR) / "portal" / "data" / "municipalities.csv"
HEADER = ",".join(COLUMNS)
GOOD = {
    "region_code": "KG-T",
    "district_code": "talas",
    "district_name_ky": "Талас району",
    "district_name_ru": "Таласский район",
    "district_name_en": "Talas District",
    "code": "bekmoldo-aa",
    "kind": "aiyl_aimak",
    "name_ky": "Бекмолдо айыл аймагы",
    "name_ru": "Бекмолдинский айылный аймак",
    "name_en": "Bekmoldo aiyl aimak",
    "population": "",
    "is_ulsg_member": "1",
}
# Line 2 of every bad file is this valid row: it must not be imported either.
SECOND = {**GOOD, "code": "berdike-baatyr-aa", "name_ky": "Бердике Баатыр айыл аймагы", "name_ru": "Бердике Баатыр"}


def row(**changes):
    return ",".join({**GOOD, **changes}[column] for column in COLUMNS)


def csv_file(tmp_path, *rows, header=HEADER, prefix="", newline="\n"):
    path = tmp_path / "directory.csv"
    path.write_bytes((prefix + newline.join([header, *rows]) + newline).encode())
    return path


def run(path, *args):
    out = StringIO()
    call_command("import_municipalities", str(path), *args, stdout=out)
    return out.getvalue()


def assert_rejected(path, *expected):
    with pytest.raises(CommandError, match="nothing was imported") as excinfo:
        run(path)
    for text in expected:
        assert text in str(excinfo.value)
    assert District.objects.count() == 0
    assert Municipality.objects.count() == 0


def bad_file(tmp_path, **changes):
    return csv_file(tmp_path, row(**SECOND), row(**changes))


# The shipped directory


def test_the_regions_migration_creates_the_nine_regions():
    regions = {region.code: region for region in Region.objects.all()}
    assert set(regions) == {"KG-B", "KG-C", "KG-Y", "KG-J", "KG-N", "KG-O", "KG-T", "KG-GB", "KG-GO"}
    assert {code for code, region in regions.items() if region.kind == Region.Kind.CITY} == {"KG-GB", "KG-GO"}
    assert (regions["KG-C"].name_ky, regions["KG-C"].name_ru, regions["KG-C"].name_en) == (
        "Чүй облусу",
        "Чуйская область",
        "Chuy Oblast",
    )
    assert regions["KG-GB"].name_ru == "город Бишкек"


def test_it_imports_the_shipped_directory():
    output = run(SHIPPED)
    assert "Districts: 40 created" in output
    assert District.objects.count() == 40
    assert set(Municipality.objects.values_list("region__code", flat=True)) == set(
        Region.objects.values_list("code", flat=True)
    )
    bishkek = Municipality.objects.get(code="bishkek-city")
    assert (bishkek.region.code, bishkek.district, bishkek.name_ky) == ("KG-GB", None, "Бишкек шаары")
    assert Municipality.objects.get(code="osh-city").region.code == "KG-GO"
    toktogul = Municipality.objects.get(code="toktogul-city")
    assert (toktogul.kind, toktogul.district.code, toktogul.region.code) == ("city", "toktogul", "KG-J")
    kumbel = Municipality.objects.get(code="kumbel-aa")
    assert (kumbel.kind, kumbel.region.code) == ("aiyl_aimak", "KG-Y")
    assert kumbel.name_en == "Kumbel aiyl aimak"
    assert Municipality.objects.get(code="uzgen-city").name_ky == "Өзгөн шаары"


def test_the_shipped_directory_puts_every_district_in_its_municipalities_region():
    run(SHIPPED)
    for municipality in Municipality.objects.exclude(district=None).select_related("district"):
        assert municipality.district.region_id == municipality.region_id, municipality.code
    assert not Municipality.objects.filter(kind="aiyl_aimak", district=None).exists()
    assert Municipality.objects.filter(kind="city").count() == 31


def test_it_is_idempotent():
    run(SHIPPED)
    counts = (District.objects.count(), Municipality.objects.count())
    output = run(SHIPPED)
    assert "Districts: 0 created, 0 updated, 40 unchanged" in output
    assert f"Municipalities: 0 created, 0 updated, {counts[1]} unchanged" in output
    assert (District.objects.count(), Municipality.objects.count()) == counts


def test_it_updates_changed_rows_by_code(tmp_path):
    run(csv_file(tmp_path, row()))
    output = run(csv_file(tmp_path, row(population="5200", is_ulsg_member="no")))
    assert "Municipalities: 0 created, 1 updated, 0 unchanged" in output
    municipality = Municipality.objects.get(code="bekmoldo-aa")
    assert (municipality.population, municipality.is_ulsg_member) == (5200, False)


def test_dry_run_writes_nothing():
    output = run(SHIPPED, "--dry-run")
    assert "Dry run" in output
    assert "Districts: 40 created" in output
    assert District.objects.count() == 0
    assert Municipality.objects.count() == 0


def test_it_accepts_a_file_with_a_bom_and_windows_line_ends(tmp_path):
    run(csv_file(tmp_path, row(), prefix="\ufeff", newline="\r\n"))
    assert Municipality.objects.get(code="bekmoldo-aa").district.name_ky == "Талас району"


def test_it_accepts_every_spelling_of_yes_and_no(tmp_path):
    spellings = ["1", "0", "true", "FALSE", "Yes", "no"]
    rows = [row(code=f"aa-{index}", is_ulsg_member=value) for index, value in enumerate(spellings)]
    run(csv_file(tmp_path, *rows))
    members = dict(Municipality.objects.values_list("code", "is_ulsg_member"))
    assert [members[f"aa-{index}"] for index in range(6)] == [True, False, True, False, True, False]


def test_an_empty_english_name_falls_back_to_russian(tmp_path):
    run(csv_file(tmp_path, row(name_en="")))
    municipality = Municipality.objects.get(code="bekmoldo-aa")
    assert municipality.name_en is None
    with translation.override("en"):
        assert municipality.name == "Бекмолдинский айылный аймак"


# Bad files: each names the line and the column, and imports nothing


def test_it_rejects_unknown_region_code(tmp_path):
    assert_rejected(bad_file(tmp_path, region_code="KG-X"), "line 3, column region_code: unknown region code 'KG-X'")


def test_it_rejects_a_bad_kind(tmp_path):
    assert_rejected(bad_file(tmp_path, kind="village"), "line 3, column kind: 'village' is not one of city, aiyl_aimak")


def test_it_rejects_a_district_slug_reused_in_another_region(tmp_path):
    path = bad_file(tmp_path, region_code="KG-N", code="other-aa")
    assert_rejected(path, "line 3, column region_code: district 'talas' is in KG-T on line 2")


def test_it_rejects_a_district_that_lies_in_another_region_in_the_directory(tmp_path):
    District.objects.create(region=Region.objects.get(code="KG-C"), code="talas", name_ky="Талас", name_ru="Талас")
    path = csv_file(tmp_path, row())
    with pytest.raises(CommandError, match="line 2, column region_code: district 'talas' lies in KG-C"):
        run(path)
    assert Municipality.objects.count() == 0


def test_it_rejects_a_district_in_a_city_of_republican_significance(tmp_path):
    path = bad_file(tmp_path, region_code="KG-GB", district_code="lenin", code="lenin-aa")
    assert_rejected(path, "line 3, column district_code: KG-GB is a city of republican significance")


def test_it_rejects_an_aiyl_aimak_without_a_district(tmp_path):
    path = bad_file(
        tmp_path, district_code="", district_name_ky="", district_name_ru="", district_name_en="", code="lone-aa"
    )
    assert_rejected(path, "line 3, column district_code: an aiyl aimak must name its district")


def test_it_rejects_district_names_that_differ_between_rows(tmp_path):
    path = bad_file(tmp_path, district_name_ru="Талаский район", code="other-aa")
    assert_rejected(path, "line 3, column district_name_ru: differs from line 2 for district 'talas'")


@pytest.mark.parametrize("population", ["many", "-5", "1.5", "12 000"])
def test_it_rejects_a_population_that_is_not_a_whole_number(tmp_path, population):
    assert_rejected(bad_file(tmp_path, population=population), "line 3, column population:")


@pytest.mark.parametrize("value", ["", "2", "ja", "member"])
def test_it_rejects_is_ulsg_member_outside_yes_and_no(tmp_path, value):
    assert_rejected(bad_file(tmp_path, is_ulsg_member=value), "line 3, column is_ulsg_member:")


def test_it_rejects_a_missing_kyrgyz_name(tmp_path):
    assert_rejected(bad_file(tmp_path, name_ky=""), "line 3, column name_ky: the municipality's Kyrgyz name is missing")


def test_it_rejects_a_missing_russian_name(tmp_path):
    assert_rejected(
        bad_file(tmp_path, name_ru=""), "line 3, column name_ru: the municipality's Russian name is missing"
    )


def test_it_rejects_a_district_without_its_kyrgyz_name(tmp_path):
    path = csv_file(tmp_path, row(district_name_ky=""))
    assert_rejected(path, "line 2, column district_name_ky: the district's Kyrgyz name is missing")


def test_it_rejects_a_duplicate_municipality_code(tmp_path):
    path = bad_file(tmp_path, code="berdike-baatyr-aa")
    assert_rejected(path, "line 3, column code: duplicate municipality code 'berdike-baatyr-aa' (first on line 2)")


@pytest.mark.parametrize("code", ["Кумбел", "kumbel aa", ""])
def test_it_rejects_a_code_that_is_not_a_latin_slug(tmp_path, code):
    assert_rejected(bad_file(tmp_path, code=code), "line 3, column code:")


def test_it_rejects_a_header_with_a_missing_column(tmp_path):
    header = HEADER.replace(",population", "")
    path = csv_file(tmp_path, row().rsplit(",", 2)[0] + ",1", header=header)
    assert_rejected(path, "line 1 (header): missing column 'population'")


def test_it_rejects_a_header_with_an_unknown_column(tmp_path):
    path = csv_file(tmp_path, row() + ",x", header=HEADER + ",notes")
    assert_rejected(path, "line 1 (header): unknown column 'notes'")


def test_it_rejects_a_row_with_too_many_values(tmp_path):
    assert_rejected(csv_file(tmp_path, row(), row(code="x-aa") + ",extra"), "line 3: more values than")


def test_it_reports_every_problem_at_once(tmp_path):
    path = csv_file(tmp_path, row(region_code="KG-X"), row(code="two-aa", kind="town", population="-1"))
    assert_rejected(
        path,
        "3 problem(s)",
        "line 2, column region_code:",
        "line 3, column kind:",
        "line 3, column population:",
    )


def test_it_rejects_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "directory.csv"
    path.write_bytes((HEADER + "\n" + row() + "\n").encode("cp1251"))
    assert_rejected(path, "not UTF-8")


def test_it_says_when_the_file_cannot_be_read(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run(tmp_path / "missing.csv")
