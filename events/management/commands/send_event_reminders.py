"""Remind members the day before an event they registered for (once each).

Run it every few minutes (the `cron` service in docker-compose.yml, or cron on the app's host):

    */10 * * * *  cd /srv/portal && .venv/bin/python manage.py send_event_reminders

Running it twice, or on two hosts at once, reminds nobody twice. The e-mails are queued
(portal.mail) and delivered by the task worker.
"""

from django.core.management.base import BaseCommand

from events.services import send_event_reminders


class Command(BaseCommand):
    help = "E-mail a reminder to members registered for an event that starts within 24 hours."

    def handle(self, *args, **options):
        reminded = send_event_reminders()
        self.stdout.write(f"{reminded} event reminder(s) sent.")
