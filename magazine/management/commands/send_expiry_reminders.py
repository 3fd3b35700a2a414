"""Daily upkeep of subscriptions: those whose period is over become expired, and members
whose subscription ends within MAGAZINE_REMINDER_DAYS are reminded, once each.

Run it once a day, from cron on the app's host or a scheduler of the platform:

    15 6 * * *  cd /srv/portal && .venv/bin/python manage.py send_expiry_reminders

Running it twice, or on two hosts at once, sends nothing twice. The e-mails are queued
(portal.mail) and delivered by the task worker.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from magazine.subscriptions import expire_subscriptions, send_expiry_reminders


class Command(BaseCommand):
    help = "Expire ended magazine subscriptions and remind members whose subscription ends soon."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this day (YYYY-MM-DD); default: today.")

    def handle(self, *args, date=None, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError(f"--date must be a day as YYYY-MM-DD, got {date!r}.") from None
        expired = expire_subscriptions(today)
        reminded = send_expiry_reminders(today)
        self.stdout.write(f"{expired} subscription(s) expired, {reminded} reminder(s) sent.")
