"""Make the demo PDFs in practices/demo/files/ from the texts in practices/demo/documents/.

Run once, by hand, when the texts change; the PDFs are committed so that
`load_demo` needs neither this script nor a font. Dev-only tools:

    .venv/bin/pip install fpdf2          # not in requirements: nothing else needs it
    apt-get install -y fonts-dejavu-core # DejaVu Sans, for Cyrillic with ң ө ү
    .venv/bin/python scripts/make_demo_pdfs.py

The font is stripped of hinting before fpdf2 subsets it, which keeps each PDF at a
few KB; the creation date is fixed, so running the script again without changes
gives the same bytes.
"""

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fpdf import FPDF

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from practices.demo.documents import DOCUMENTS  # noqa: E402  (needs BASE_DIR on the path)

OUTPUT_DIR = BASE_DIR / "practices" / "demo" / "files"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
CREATED = dt.datetime(2025, 1, 15, 9, 0, tzinfo=dt.UTC)
# Latin, Latin-1, Cyrillic with its supplement (ң ө ү), general punctuation, №.
UNICODES = [*range(0x20, 0x7F), *range(0xA0, 0x100), *range(0x400, 0x530), *range(0x2010, 0x2070), 0x2116]
HEADER = {
    "ky": "Демонстрациялык документ · ЖӨБ союзунун порталы",
    "ru": "Демонстрационный документ · портал Союза МСУ",
}
ACCENT = (22, 105, 122)
GREY = (110, 110, 110)


def stripped_font(directory):
    """DejaVu Sans without hinting and limited to the scripts we use: a third of the size."""
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.drop_tables += ["FFTM"]  # a FontForge timestamp fontTools cannot subset
    font = TTFont(FONT)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    path = Path(directory) / "DejaVuSans-demo.ttf"
    font.save(path)
    return path


class DemoPDF(FPDF):
    def __init__(self, font_path, language):
        super().__init__(format="A4")
        self.language = language
        self.add_font("DejaVu", "", str(font_path))
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(True, margin=18)
        self.set_creation_date(CREATED)
        self.set_lang(language)
        self.previous = None

    def header(self):
        self.set_font("DejaVu", size=8)
        self.set_text_color(*GREY)
        self.cell(0, 5, HEADER[self.language], new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def footer(self):
        self.set_y(-14)
        self.set_font("DejaVu", size=8)
        self.set_text_color(*GREY)
        self.cell(0, 5, str(self.page_no()), align="C")

    def write_line(self, line):
        kind = "heading" if line.startswith("## ") else "item" if line.startswith("- ") else "paragraph"
        if kind != "item" and self.previous == "item":
            self.ln(1.5)
        self.previous = kind
        if kind == "heading":
            self.ln(2)
            self.set_font("DejaVu", size=12)
            self.set_text_color(*ACCENT)
            self.multi_cell(0, 6.5, line[3:], align="L", new_x="LMARGIN", new_y="NEXT")
            self.ln(1)
            return
        self.set_font("DejaVu", size=10.5)
        self.set_text_color(30, 30, 30)
        if kind == "item":
            # A hanging indent: wrapped lines start under the text, not under the bullet.
            margin = self.l_margin
            self.set_x(margin + 3)
            self.cell(5, 5.6, "•")
            self.set_left_margin(margin + 8)
            self.multi_cell(0, 5.6, line[2:], align="L", new_x="LMARGIN", new_y="NEXT")
            self.set_left_margin(margin)
            self.set_x(margin)
        else:
            self.multi_cell(0, 5.6, line, align="L", new_x="LMARGIN", new_y="NEXT")
            self.ln(1.2)


def make_pdf(font_path, name, document):
    language = document["language"]
    title = document["title"][language]
    pdf = DemoPDF(font_path, language)
    pdf.set_title(title)
    pdf.set_author("ULSG portal demo")
    pdf.add_page()
    pdf.set_font("DejaVu", size=16)
    pdf.set_text_color(20, 20, 20)
    pdf.multi_cell(0, 8, title, align="L", new_x="LMARGIN", new_y="NEXT")
    if document.get("subtitle"):
        pdf.set_font("DejaVu", size=10)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(0, 5.5, document["subtitle"], align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.6)
    pdf.line(pdf.l_margin, pdf.get_y() + 2, pdf.w - pdf.r_margin, pdf.get_y() + 2)
    pdf.ln(6)
    for line in document["body"]:
        pdf.write_line(line)
    return bytes(pdf.output())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="Only these files (default: all).")
    args = parser.parse_args()
    unknown = set(args.names) - set(DOCUMENTS)
    if unknown:
        parser.error(f"unknown document(s): {', '.join(sorted(unknown))}")
    if not FONT.exists():
        parser.error(f"{FONT} is missing: apt-get install -y fonts-dejavu-core")
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    # fontTools stamps the fonts it writes with this date instead of "now": same bytes on every run.
    os.environ["SOURCE_DATE_EPOCH"] = str(int(CREATED.timestamp()))
    total = 0
    with tempfile.TemporaryDirectory() as directory:
        font_path = stripped_font(directory)
        for name in args.names or sorted(DOCUMENTS):
            data = make_pdf(font_path, name, DOCUMENTS[name])
            (OUTPUT_DIR / name).write_bytes(data)
            total += len(data)
    print(f"{len(args.names or DOCUMENTS)} PDFs, {total / 1024:.0f} KB in {OUTPUT_DIR.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
