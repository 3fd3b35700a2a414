"""CSV files editors open in a spreadsheet (the magazine's mailing list, an event's participants).

A spreadsheet reads a cell starting with "=", "+", "-", "@", a tab or a carriage return as a
formula ("=HYPERLINK(...)" in a name or an address would run when the file is opened): such a
cell is written with a leading quote. The text carries a byte-order mark, so that Excel reads
Cyrillic as UTF-8.
"""

import csv
import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value):
    """A cell a spreadsheet will not take for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(header, rows):
    """`rows` (sequences of cells) under `header` as CSV text: CRLF, BOM, every text cell neutralized."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralize(str(title)) for title in header])
    for row in rows:
        writer.writerow([neutralize(cell) for cell in row])
    return "\ufeff" + buffer.getvalue()
