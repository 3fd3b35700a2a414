from django.core.management import BaseCommand

from magazine.publishing import publish_due_issues


class Command(BaseCommand):
    help = (
        "Publish the scheduled issues whose date has come and e-mail their subscribers (once). "
        "Run every few minutes, from cron or the worker's host."
    )

    def handle(self, *args, **options):
        published = publish_due_issues()
        for issue in published:
            self.stdout.write(f"Published issue {issue.label} ({issue.year}).")
        self.stdout.write(f"{len(published)} issue(s) published.")
