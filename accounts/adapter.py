from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def confirm_email(self, request, email_address):
        super().confirm_email(request, email_address)
        from accounts.services import admins_notify_of_application

        admins_notify_of_application(member=email_address.user)
