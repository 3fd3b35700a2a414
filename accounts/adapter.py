from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from portal.mail import queue_email


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # Without the sites framework allauth would name the portal by the request's host
        # ("testserver", "10.0.0.5:8000"); give its e-mails the portal's translated name instead.
        site = SimpleNamespace(name=str(settings.SITE_NAME), domain=urlsplit(settings.SITE_URL).netloc)
        message = self.render_mail(template_prefix, email, {"current_site": site, **context})
        # Through the outbox like every e-mail of the portal: a failing mail server delays
        # a confirmation link, it does not lose it.
        queue_email(to=email, subject=message.subject, body=message.body)

    def is_safe_url(self, url):
        # `next` (sign-in, sign-out, sign-up) is only ever a path of this site, as our pages write it.
        # allauth also accepts relative addresses ("%2F%2Fevil.test" from an encoded link), which stay
        # here but land on a 404: those fall back to the default page like foreign ones.
        # Percent-decoded too ("/%5Cevil.test"), for a proxy or client that decodes before it follows.
        is_safe = super().is_safe_url
        return all(
            candidate.startswith("/") and not candidate.startswith(("//", "/\\")) and is_safe(candidate)
            for candidate in (url, unquote(url))
        )

    def confirm_email(self, request, email_address):
        confirmed = super().confirm_email(request, email_address)
        from accounts.services import admins_notify_of_application

        admins_notify_of_application(member=email_address.user)
        # allauth signs the new member in (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION) only if told it worked.
        return confirmed
