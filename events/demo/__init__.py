"""Demo events for `manage.py load_demo`: past online events with recordings and presentations,
upcoming ones with registrations and a waiting list.

items.py holds the texts, loader.py writes them (idempotent by slug, no e-mail sent).
"""
