"""Demo content of the magazine, loaded by `manage.py load_demo` (magazine.demo.loader).

Plain Python data (no Django imports, so scripts/make_demo_magazine.py can read it),
written for the demo: the places are real, every author, figure and quotation invented.

- issues/: the issues, oldest first, one dict each: offset (months from the current one:
  -14 … -1 published, 0 scheduled for next week, +1 a draft; see months.py), state
  ("scheduled", "draft"; published by default), theme (library theme slug, for the cover
  picture), free (bool), editions (("ky", "ru") by default; one may be missing), and per
  language ("ky", "ru", optional "en") a title and the editorial as a list of paragraphs;
  articles: slug, rubric (rubrics.py), author, pages (first, last), themes (slugs), "ky" and
  "ru" as (title, summary), optional "en" title, and for the articles free to read on the
  site a body {"ky": [paragraphs], "ru": [paragraphs]}.
- rubrics.py: the standing rubrics and the subscription plans.
- orders.py: the demo members' subscriptions and purchases.
- months.py: month arithmetic and running numbers ("10 (156)" is October 2026).
- covers.py: the covers, drawn with Pillow at load time.
- files/: one PDF per edition, named by the month the issue was written for, and the subset
  of DejaVu Sans Bold the covers are lettered with (Bitstream Vera / DejaVu licence: free to
  redistribute); all made once by scripts/make_demo_magazine.py and committed.
"""
