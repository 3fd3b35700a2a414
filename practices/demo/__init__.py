"""Demo content of the library, loaded by `manage.py load_demo` (practices.demo.loader).

Plain Python data, written for the demo: the municipalities are real, the cases are
modelled on the kinds of practices ULSG and its partners document, but every person,
phone number and figure is invented.

- cases/: the practices by theme. One practice is a dict:
  slug, theme (slug), themes (further theme slugs), municipality (directory code, or None
  for national level), year; optional beneficiaries, total_cost, own_contribution (som);
  contact (name, phone), email; tags (slugs from tags.py); sigr, for_deputies,
  gender_budgeting (bools); visibility ("public" by default, "members", "deputies");
  state ("published" by default, "submitted", "in_review", "returned", "archived") with
  submitted_by_servant, return_comment, archive_comment; files (names in documents/);
  cover (True by default), gallery (captions {lang: text} of extra images), video_url;
  and one dict per language ("ky", "ru", optional "en") with title, summary, problem,
  actions, results (lists of lines: "- " starts a list item, anything else a paragraph),
  partners and position (the contact's).
- resources.py: the learning materials.
- documents/: the texts of the PDFs; files/: the PDFs made from them once by
  scripts/make_demo_pdfs.py (committed, so loading needs no font).
- covers.py: the cover illustrations, drawn with Pillow at load time.
"""
