"""Rewrite the site search index from the content (after an import, a restore, or a change
of what is indexed). Safe to run at any time: readers keep the old index until it is done."""

from django.core.management import BaseCommand

from portal import search


class Command(BaseCommand):
    help = "Rebuild the site search index (practices, learning materials, …) in every language."

    def handle(self, *args, **options):
        counts = search.rebuild()
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {sum(counts.values())} items."))
