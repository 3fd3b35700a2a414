from django.core.management import BaseCommand

from portal import mail


class Command(BaseCommand):
    help = "Send queued e-mails that are due (never tried, or due for another attempt). Run every few minutes."

    def handle(self, *args, **options):
        sent, failed = mail.send_pending()
        self.stdout.write(f"Sent {sent}, failed {failed}.")
