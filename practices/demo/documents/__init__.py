"""Texts of the demo PDFs, by file name.

scripts/make_demo_pdfs.py turns each entry into practices/demo/files/<name>;
load_demo attaches those files and uses `title` (ky/ru/en) and `language` here.

Entry: {"language": "ky"|"ru", "title": {lang: attachment title}, "subtitle": optional line
under the heading, "body": [lines]}; a line starting with "## " is a subheading,
"- " a list item, anything else a paragraph. The heading printed in the PDF is the
title in the document's own language.
"""

from practices.demo.documents.civic import DOCUMENTS as CIVIC
from practices.demo.documents.management import DOCUMENTS as MANAGEMENT
from practices.demo.documents.resources import DOCUMENTS as RESOURCES
from practices.demo.documents.services import DOCUMENTS as SERVICES

DOCUMENTS = {**CIVIC, **MANAGEMENT, **SERVICES, **RESOURCES}
