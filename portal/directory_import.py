"""Read the municipality directory from a CSV file, check it, then write it.

Every row is checked before anything is written, so a file with a single bad
row leaves the directory exactly as it was. The format is described in
portal/README.md; `manage.py import_municipalities` is the way in.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import models, transaction

from portal.models import District, Municipality, Region

COLUMNS = (
    "region_code",
    "district_code",
    "district_name_ky",
    "district_name_ru",
    "district_name_en",
    "code",
    "kind",
    "name_ky",
    "name_ru",
    "name_en",
    "population",
    "is_ulsg_member",
)
BOOLEANS = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}
MAX_POPULATION = 2_147_483_647  # PositiveIntegerField's ceiling on every database


class DirectoryFileError(Exception):
    """The file cannot be imported; `problems` says where and why, one line each."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class Plan:
    """What the file asks for, keyed by code, ready to be written."""

    districts: dict = field(default_factory=dict)
    municipalities: dict = field(default_factory=dict)


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self):
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


def read_rows(data):
    """Decode the bytes of a CSV file into (line number, row dict) pairs; checks the header."""
    try:
        text = data.decode("utf-8-sig")  # also strips the BOM that Excel writes
    except UnicodeDecodeError as error:
        raise DirectoryFileError([f"the file is not UTF-8 text (byte {error.start})"]) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    problems = [f"line 1 (header): missing column '{name}'" for name in COLUMNS if name not in header]
    problems += [f"line 1 (header): unknown column '{name}'" for name in header if name not in COLUMNS]
    problems += [
        f"line 1 (header): column '{name}' appears twice" for name in sorted(set(header)) if header.count(name) > 1
    ]
    if problems:
        raise DirectoryFileError(problems)
    reader.fieldnames = header
    rows = []
    for row in reader:
        if None in row:
            problems.append(f"line {reader.line_num}: more values than the header has columns")
        elif None in row.values():
            problems.append(f"line {reader.line_num}: fewer values than the header has columns")
        else:
            rows.append((reader.line_num, {key: value.strip() for key, value in row.items()}))
    if problems:
        raise DirectoryFileError(problems)
    return rows


def build_plan(rows):
    """Check every row against the others and against the database; return the Plan or raise."""
    regions = {region.code: region for region in Region.objects.all()}
    stored_districts = dict(District.objects.values_list("code", "region__code"))
    plan, problems = Plan(), []
    district_lines, code_lines = {}, {}

    for line, row in rows:

        def problem(column, message, line=line):
            problems.append(f"line {line}, column {column}: {message}")

        region = regions.get(row["region_code"])
        if region is None:
            problem("region_code", f"unknown region code '{row['region_code']}' (known: {', '.join(regions)})")
        kind = row["kind"]
        if kind not in Municipality.Kind.values:
            problem("kind", f"'{kind}' is not one of {', '.join(Municipality.Kind.values)}")

        district_code = row["district_code"]
        if district_code:
            _check_district(line, row, region, stored_districts, plan, district_lines, problem)
        else:
            for column in ("district_name_ky", "district_name_ru", "district_name_en"):
                if row[column]:
                    problem(column, "a district name is given but district_code is empty")
            if kind == Municipality.Kind.AIYL_AIMAK:
                problem("district_code", "an aiyl aimak must name its district")

        code = row["code"]
        if not code:
            problem("code", "the municipality code is empty")
        elif not _is_slug(code, 80):
            problem("code", f"'{code}' is not a Latin slug of at most 80 characters (letters, digits, - and _)")
        elif code in code_lines:
            problem("code", f"duplicate municipality code '{code}' (first on line {code_lines[code]})")
        else:
            code_lines[code] = line
        names = _names(row, "name_", 150, problem, "municipality")
        population = _population(row["population"], problem)
        member = BOOLEANS.get(row["is_ulsg_member"].lower())
        if member is None:
            problem("is_ulsg_member", f"'{row['is_ulsg_member']}' is not one of 1, 0, true, false, yes, no")
        plan.municipalities[code] = {
            **names,
            "kind": kind,
            "region": region,
            "district_code": district_code or None,
            "population": population,
            "is_ulsg_member": member,
        }

    if problems:
        raise DirectoryFileError(problems)
    return plan


def _check_district(line, row, region, stored_districts, plan, district_lines, problem):
    """Collect the district a row names; the same code must mean the same district everywhere."""
    code = row["district_code"]
    if not _is_slug(code, 60):
        problem("district_code", f"'{code}' is not a Latin slug of at most 60 characters")
        return
    if region is not None and region.kind == Region.Kind.CITY:
        problem("district_code", f"{region.code} is a city of republican significance and has no districts")
        return
    names = _names(row, "district_name_", 100, problem, "district")
    first_line = district_lines.setdefault(code, line)
    if first_line == line:
        stored_region = stored_districts.get(code)
        if region is not None and stored_region not in (None, region.code):
            problem("region_code", f"district '{code}' lies in {stored_region} in the directory, not in {region.code}")
        plan.districts[code] = {**names, "region": region}
        return
    known = plan.districts[code]
    if None not in (known["region"], region) and known["region"] != region:
        problem("region_code", f"district '{code}' is in {known['region'].code} on line {first_line}, not here")
    for column, value in names.items():
        if value != known[column]:
            problem(f"district_{column}", f"differs from line {first_line} for district '{code}'")


def _names(row, prefix, max_length, problem, what):
    names = {}
    for language in ("ky", "ru", "en"):
        column = f"{prefix}{language}"
        value = row[column]
        if not value and language != "en":
            problem(column, f"the {what}'s {'Kyrgyz' if language == 'ky' else 'Russian'} name is missing")
        elif len(value) > max_length:
            problem(column, f"longer than {max_length} characters")
        # An empty English name stays NULL so modeltranslation falls back to Russian or Kyrgyz.
        names[f"name_{language}"] = value or None
    return names


def _population(value, problem):
    if not value:
        return None
    if not value.isdigit() or not value.isascii():
        problem("population", f"'{value}' is not a whole number of people (digits only, no sign or spaces)")
        return None
    if int(value) > MAX_POPULATION:
        problem("population", f"'{value}' is too large")
        return None
    return int(value)


def _is_slug(value, max_length):
    try:
        validate_slug(value)
    except ValidationError:
        return False
    return len(value) <= max_length and value.isascii()


def write_plan(plan):
    """Create or update every district, then every municipality, by code. Returns (districts, municipalities)."""
    district_counts = _upsert(District, plan.districts)
    districts = {d.code: d for d in District.objects.filter(code__in=plan.districts)}
    municipalities = {}
    for code, values in plan.municipalities.items():
        values = dict(values)
        district_code = values.pop("district_code")
        municipalities[code] = {**values, "district": districts.get(district_code)}
    return district_counts, _upsert(Municipality, municipalities)


def _upsert(model, wanted):
    counts = Counts()
    existing = {obj.code: obj for obj in model.objects.filter(code__in=wanted)}
    for code, values in wanted.items():
        current = existing.get(code)
        if current is not None and all(_same(current, key, value) for key, value in values.items()):
            counts.unchanged += 1
            continue
        _, created = model.objects.update_or_create(code=code, defaults=values)
        if created:
            counts.created += 1
        else:
            counts.updated += 1
    return counts


def _same(obj, attribute, value):
    if isinstance(value, models.Model):  # compare foreign keys by id, without a query each
        return getattr(obj, f"{attribute}_id") == value.pk
    return getattr(obj, attribute) == value


def import_directory(data, *, dry_run=False):
    """Check and import a whole file in one transaction; with dry_run, roll everything back."""
    plan = build_plan(read_rows(data))
    with transaction.atomic():
        counts = write_plan(plan)
        if dry_run:
            transaction.set_rollback(True)
    return counts
