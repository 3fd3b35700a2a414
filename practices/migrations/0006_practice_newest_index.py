"""PostgreSQL only: an index in the library's default order (newest year first, nulls last), so a
page of 20 practices is read from the index instead of sorting every published practice (measured:
the sort of 7,800 rows with their joins was most of the library's list query at 10,000 practices).

SQLite cannot declare NULLS LAST in an index and does not need it for a demo's few dozen rows,
hence raw SQL here rather than Meta.indexes.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS practice_newest ON practices_practice "
    "(year DESC NULLS LAST, published_at DESC NULLS LAST, id DESC) WHERE status = 'published'"
)
DROP = "DROP INDEX IF EXISTS practice_newest"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("practices", "0005_practice_version_resource_version")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
