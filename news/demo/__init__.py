"""Demo news for `manage.py load_demo`: the partners' work, in Kyrgyz and Russian (a third also in English).

items.py holds the texts, loader.py writes them (idempotent by slug, images drawn at load time).
"""
