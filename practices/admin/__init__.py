"""The library in the admin, made comfortable for editors.

- Translated fields in language tabs (django-modeltranslation), rich text in
  django-prose-editor limited to what practices.richtext keeps.
- A practice's status is never edited in the form: it changes only through the
  workflow buttons on the practice's page and the list's bulk actions, which call
  practices.services (history, e-mail to the member, search index).
- Every file is checked by its content (practices.uploads) and its size, type and
  text recorded (fill_file_metadata) before it is stored.

The admin is a package by subject: base (shared widgets and mixins), practices, library (themes,
tags, learning materials). Importing them registers their ModelAdmins.
"""

from practices.admin import library, practices  # noqa: F401 (registers the ModelAdmins)
