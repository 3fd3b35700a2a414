"""PostgreSQL only: the GIN index on the search vectors, and pg_trgm with a trigram
index on titles and summaries (Kyrgyz has no stemmer; trigrams forgive typos).
SQLite keeps its plain contains-match and needs none of this."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_entry_document ON portal_searchentry USING gin (document)",
    "CREATE INDEX IF NOT EXISTS search_entry_trigram ON portal_searchentry USING gin (title_summary gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_trigram",
    "DROP INDEX IF EXISTS search_entry_document",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_searchentry_theme")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
