"""Month arithmetic shared by the loader and scripts/make_demo_magazine.py (no Django here).

The demo issues were written for November 2026 (ANCHOR): offset 0 is that month's issue,
-1 the one before. The loader places them relative to today instead, so the demo always
has the same shape (fourteen published months, the current one scheduled, the next a
draft); the committed PDFs print the anchor's months, which match when loaded in the
anchor month.
"""

ANCHOR = (2026, 11)
# The magazine's running number is fixed to the calendar: October 2026 is issue 156.
KNOWN_ISSUE = (2026, 10, 156)

MONTHS = {
    "ky": ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
           "ноябрь", "декабрь"],
    "ru": ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
           "ноябрь", "декабрь"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}  # fmt: skip


def shift_month(year, month, offset):
    """(year, month) moved by `offset` months."""
    index = year * 12 + month - 1 + offset
    return index // 12, index % 12 + 1


def running_number(year, month):
    """The running number of the monthly issue for (year, month): one per month since 2013."""
    known_year, known_month, known_number = KNOWN_ISSUE
    return known_number + (year * 12 + month) - (known_year * 12 + known_month)


def month_label(year, month, language):
    """ "Октябрь 2026": the month as printed on a cover."""
    return f"{MONTHS[language][month - 1].capitalize()} {year}"


def anchor_month(offset):
    """The month an issue of the demo was written for."""
    return shift_month(*ANCHOR, offset)


def edition_file_name(offset, language):
    """The committed PDF of an issue's edition, named by the month it was written for."""
    year, month = anchor_month(offset)
    return f"{year}-{month:02d}-{language}.pdf"
