"""Make the demo magazine's files in magazine/demo/files/: one small PDF per issue edition
(a cover page with the contents in the edition's language, and one article) and the
subset font the loader draws the cover images with.

Run once, by hand, when the demo issues change; the files are committed so that
`load_demo` needs neither this script, fpdf2 nor a system font. Dev-only tools, as for
scripts/make_demo_pdfs.py (whose font and page helpers this script reuses):

    .venv/bin/pip install fpdf2          # not in requirements: nothing else needs it
    apt-get install -y fonts-dejavu-core # DejaVu Sans, for Cyrillic with ң ө ү
    .venv/bin/python scripts/make_demo_magazine.py

Same input, same bytes: the creation date and the fonts' timestamps are fixed.
"""

import argparse
import os
import sys
import tempfile

from fontTools import subset
from fontTools.ttLib import TTFont
from make_demo_pdfs import BASE_DIR, CREATED, FONT, GREY, DemoPDF, stripped_font

sys.path.insert(0, str(BASE_DIR))

from magazine.demo.covers import COVER_FONT, COVER_TEXT  # noqa: E402  (needs BASE_DIR on the path)
from magazine.demo.issues import ISSUES  # noqa: E402
from magazine.demo.months import anchor_month, edition_file_name, month_label, running_number  # noqa: E402
from magazine.demo.rubrics import RUBRICS  # noqa: E402
from practices.demo.covers import PALETTES  # noqa: E402

OUTPUT_DIR = BASE_DIR / "magazine" / "demo" / "files"
BOLD_FONT = FONT.with_name("DejaVuSans-Bold.ttf")
LABELS = {
    "ky": {
        "tagline": "Жергиликтүү өз алдынча башкаруу боюнча айлык журнал",
        "contents": "Мазмуну",
        "demo": "Демонстрациялык нуска: мукаба, мазмуну жана бир макала. ЖӨБ союзунун порталы.",
    },
    "ru": {
        "tagline": "Ежемесячный журнал о местном самоуправлении",
        "contents": "Содержание",
        "demo": "Демонстрационный экземпляр: обложка, содержание и одна статья. Портал Союза МСУ.",
    },
}
LANGUAGE_INDEX = {"ky": 0, "ru": 1}
DARK = (25, 25, 25)


def _rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


class MagazinePDF(DemoPDF):
    """The practices' demo page (font, margins, fixed date, paragraph layout) with the magazine's running head."""

    def __init__(self, font_path, language, running_head):
        super().__init__(font_path, language)
        self.running_head = running_head

    def header(self):
        if self.page_no() == 1:  # the cover has its own band
            return
        self.set_font("DejaVu", size=8)
        self.set_text_color(*GREY)
        self.cell(0, 5, self.running_head, new_x="LMARGIN", new_y="NEXT")
        self.ln(3)


def issue_label(issue):
    year, month = anchor_month(issue["offset"])
    return f"№ {month} ({running_number(year, month)})", year, month


def draw_cover_page(pdf, issue, language):
    number, year, month = issue_label(issue)
    band = _rgb(PALETTES.get(issue["theme"], PALETTES["planning"])[0])
    accent = _rgb(PALETTES.get(issue["theme"], PALETTES["planning"])[4])
    pdf.add_page()
    pdf.set_fill_color(*band)
    pdf.rect(0, 0, pdf.w, 58, style="F")
    pdf.set_fill_color(*accent)
    pdf.rect(0, 58, pdf.w, 2.5, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(pdf.l_margin, 12)
    pdf.set_font("DejaVu", size=36)
    pdf.cell(0, 16, "МУНИЦИПАЛИТЕТ", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=10)
    pdf.cell(0, 6, LABELS[language]["tagline"], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", size=15)
    pdf.cell(0, 8, f"{number} · {month_label(year, month, language)}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(pdf.l_margin, 68)
    pdf.set_text_color(*DARK)
    pdf.set_font("DejaVu", size=17)
    pdf.multi_cell(0, 8, issue[language]["title"], align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("DejaVu", size=9.5)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(0, 5, issue[language]["editorial"][0], align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)
    draw_contents(pdf, issue, language, band)
    pdf.ln(4)
    pdf.set_font("DejaVu", size=8)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(0, 4.5, LABELS[language]["demo"], align="L", new_x="LMARGIN", new_y="NEXT")


def draw_contents(pdf, issue, language, colour):
    index = LANGUAGE_INDEX[language]
    pdf.set_font("DejaVu", size=13)
    pdf.set_text_color(*colour)
    pdf.cell(0, 7, LABELS[language]["contents"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*colour)
    pdf.set_line_width(0.4)
    pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
    pdf.ln(3)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for article in issue["articles"]:
        top = pdf.get_y()
        pdf.set_font("DejaVu", size=10.5)
        pdf.set_text_color(*DARK)
        pdf.multi_cell(width - 14, 5.4, article[language][0], align="L", new_x="LMARGIN", new_y="NEXT")
        bottom = pdf.get_y()
        pdf.set_xy(pdf.l_margin + width - 12, top)
        pdf.cell(12, 5.4, str(article["pages"][0]), align="R")
        pdf.set_xy(pdf.l_margin, bottom)
        pdf.set_font("DejaVu", size=8.5)
        pdf.set_text_color(*GREY)
        pdf.cell(0, 4.6, f"{RUBRICS[article['rubric']][index]} · {article['author']}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.2)


def draw_article_page(pdf, issue, language):
    article = next(article for article in issue["articles"] if "body" in article)
    pdf.add_page()
    pdf.set_font("DejaVu", size=9)
    pdf.set_text_color(*GREY)
    pdf.cell(0, 5, RUBRICS[article["rubric"]][LANGUAGE_INDEX[language]].upper(), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=16)
    pdf.set_text_color(*DARK)
    pdf.multi_cell(0, 8, article[language][0], align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=10)
    pdf.set_text_color(*GREY)
    pdf.cell(0, 6, article["author"], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", size=11)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(0, 5.8, article[language][1], align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for paragraph in article["body"][language]:
        pdf.write_line(paragraph)


def make_edition(font_path, issue, language):
    number, year, month = issue_label(issue)
    head = f"«Муниципалитет» {number} · {month_label(year, month, language)}"
    pdf = MagazinePDF(font_path, language, head)
    pdf.set_title(f"«Муниципалитет» {number}, {month_label(year, month, language)}")
    pdf.set_author("«Муниципалитет» (ULSG portal demo)")
    draw_cover_page(pdf, issue, language)
    draw_article_page(pdf, issue, language)
    return bytes(pdf.output())


def make_cover_font(path):
    """DejaVu Sans Bold cut down to the letters the cover images print: a few KB, committed."""
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.drop_tables += ["FFTM"]
    font = TTFont(BOLD_FONT)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(char) for char in COVER_TEXT])
    subsetter.subset(font)
    font.save(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.parse_args()
    for font in (FONT, BOLD_FONT):
        if not font.exists():
            parser.error(f"{font} is missing: apt-get install -y fonts-dejavu-core")
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(CREATED.timestamp()))
    make_cover_font(COVER_FONT)
    total, count = COVER_FONT.stat().st_size, 0
    with tempfile.TemporaryDirectory() as directory:
        font_path = stripped_font(directory)
        for issue in ISSUES:
            for language in issue.get("editions", ("ky", "ru")):
                data = make_edition(font_path, issue, language)
                (OUTPUT_DIR / edition_file_name(issue["offset"], language)).write_bytes(data)
                total += len(data)
                count += 1
    print(f"{count} PDFs and the cover font, {total / 1024:.0f} KB in {OUTPUT_DIR.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
