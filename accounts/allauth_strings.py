"""The msgids of django-allauth's account pages, so that the portal's own catalogue translates them.

This module is never imported: only `manage.py makemessages` reads it.

Why: the sign-in, sign-up, password and e-mail pages, their flash messages and the e-mails allauth sends
take their strings from three catalogues with different vocabulary. Django's contrib.auth catalogue wins
for the msgids it shares with allauth ("Email", "Password"), allauth's own catalogue supplies the rest,
and neither follows locale/GLOSSARY.md (in Kyrgyz they say «экат», «Купуя», «Эмейл» for what the portal
calls «электрондук почта» and «сырсөз»). The catalogues under LOCALE_PATHS (locale/) come first in Django's
gettext, so listing allauth's msgids here puts them into locale/*/LC_MESSAGES/django.po, where they are
translated in the portal's words and override both.

The msgids are copied exactly from allauth (65.x): its Python sources and its account templates, with
`{% blocktrans %}` variables written as `%(name)s` and the line breaks kept, as in allauth's django.po.
When allauth is upgraded, compare them with allauth/locale/ky/LC_MESSAGES/django.po: a msgid that no
longer matches silently falls back to allauth's wording. Only the account flows are listed (no social
accounts, MFA, user sessions, passkeys, phone numbers or login by code).
"""

from django.utils.translation import gettext_noop, ngettext, pgettext_lazy


def allauth_strings():
    """Never called: the calls are only here for makemessages (there is no pgettext_noop)."""
    # Shared by several pages: the e-mail and password fields (account/fields.py, account/forms.py)
    gettext_noop("Email")
    gettext_noop("Email address")
    gettext_noop("Password")
    gettext_noop("Forgot your password?")
    gettext_noop("Password (again)")
    gettext_noop("You must type the same password each time.")

    # Sign in: account/login.html, LoginForm and the adapter's login errors
    gettext_noop("Sign In")
    gettext_noop("If you have not created an account yet, then please %(link)ssign up%(end_link)s first.")
    gettext_noop("Remember Me")
    pgettext_lazy("field label", "Login")  # the label of the login field
    gettext_noop("The email address and/or password you specified are not correct.")
    gettext_noop("The username and/or password you specified are not correct.")
    gettext_noop("Too many failed login attempts. Try again later.")
    gettext_noop("Invalid login.")
    gettext_noop("This account is currently inactive.")

    # Inactive account: account/account_inactive.html
    gettext_noop("Account Inactive")
    gettext_noop("This account is inactive.")

    # Sign out: account/logout.html
    gettext_noop("Sign Out")
    gettext_noop("Are you sure you want to sign out?")

    # Sign up: account/signup.html, account/signup_closed.html, SignupForm
    gettext_noop("Signup")
    gettext_noop("Sign Up")
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s.")
    gettext_noop("Email (again)")
    gettext_noop("Email address confirmation")
    gettext_noop("Email (optional)")
    gettext_noop("You must type the same email each time.")
    gettext_noop("A user is already registered with this email address.")
    gettext_noop("Sign Up Closed")
    gettext_noop("We are sorry, but the sign up is currently closed.")

    # Already signed in: account/snippets/already_logged_in.html
    gettext_noop("Note")
    gettext_noop("You are already logged in as %(user_display)s.")

    # E-mail confirmation: account/email_confirm.html, account/verification_sent.html,
    # account/verified_email_required.html
    gettext_noop("Confirm Email Address")
    gettext_noop(
        'Please confirm that <a href="mailto:%(email)s">%(email)s</a> is an email address for user %(user_display)s.'
    )
    gettext_noop("Unable to confirm %(email)s because it is already confirmed by a different account.")
    gettext_noop(
        'This email confirmation link expired or is invalid. Please <a href="%(email_url)s">issue a new '
        "email confirmation request</a>."
    )
    gettext_noop("Confirm")
    gettext_noop("Verify Your Email Address")
    gettext_noop(
        "We have sent an email to you for verification. Follow the link provided to finalize the signup "
        "process. If you do not see the verification email in your main inbox, check your spam folder. "
        "Please contact us if you do not receive the verification email within a few minutes."
    )
    gettext_noop(
        "This part of the site requires us to verify that\n"
        "you are who you claim to be. For this purpose, we require that you\n"
        "verify ownership of your email address. "
    )
    gettext_noop(
        "We have sent an email to you for\n"
        "verification. Please click on the link inside that email. If you do not see the verification email "
        "in your main inbox, check your spam folder. Otherwise\n"
        "contact us if you do not receive it within a few minutes."
    )
    gettext_noop('<strong>Note:</strong> you can still <a href="%(email_url)s">change your email address</a>.')
    gettext_noop("Your primary email address must be verified.")

    # Password reset: account/password_reset.html, password_reset_done.html, password_reset_from_key.html,
    # password_reset_from_key_done.html, ResetPasswordForm, ResetPasswordKeyForm
    gettext_noop("Password Reset")
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an email allowing you to reset it."
    )
    gettext_noop("Reset My Password")
    gettext_noop("Please contact us if you have any trouble resetting your password.")
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam folder. Otherwise "
        "contact us if you do not receive it in a few minutes."
    )
    gettext_noop("The email address is not assigned to any user account.")
    gettext_noop("Bad Token")
    gettext_noop(
        "The password reset link was invalid, possibly because it has already been used.  Please request a "
        '<a href="%(passwd_reset_url)s">new password reset</a>.'
    )
    gettext_noop("The password reset token was invalid.")
    gettext_noop("Invalid or expired key.")
    gettext_noop("Change Password")
    gettext_noop("New Password")
    gettext_noop("New Password (again)")
    gettext_noop("Cancel")
    gettext_noop("Your password is now changed.")

    # Password change and set: account/password_change.html, account/password_set.html
    gettext_noop("Current Password")
    gettext_noop("Please type your current password.")
    gettext_noop("Incorrect password.")
    gettext_noop("Set Password")

    # Confirming access (reauthentication): account/base_reauthenticate.html, account/reauthenticate.html
    gettext_noop("Confirm Access")
    gettext_noop("Please reauthenticate to safeguard your account.")
    gettext_noop("Alternative options")
    gettext_noop("Use your password")
    gettext_noop("Enter your password:")

    # E-mail management: account/email.html, account/email_change.html, account/snippets/warn_no_email.html
    gettext_noop("Email Addresses")
    gettext_noop("The following email addresses are associated with your account:")
    gettext_noop("Verified")
    gettext_noop("Unverified")
    gettext_noop("Primary")
    gettext_noop("Make Primary")
    gettext_noop("Re-send Verification")
    gettext_noop("Remove")
    gettext_noop("Add Email Address")
    gettext_noop("Add Email")
    gettext_noop("Do you really want to remove the selected email address?")
    gettext_noop("Email Address")
    gettext_noop("Current email")
    gettext_noop("Changing to")
    gettext_noop("Your email address is still pending verification.")
    gettext_noop("Cancel Change")
    gettext_noop("Change to")
    gettext_noop("Change Email")
    gettext_noop("Warning:")
    gettext_noop(
        "You currently do not have any email address set up. You should really add an email address so you "
        "can receive notifications, reset your password, etc."
    )
    gettext_noop("You cannot remove your primary email address.")
    gettext_noop("This email address is already associated with this account.")
    gettext_noop("You cannot add more than %d email addresses.")
    gettext_noop("The new value must be different from the current one.")
    gettext_noop("Please select only one.")

    # Rate limits (any of the forms above)
    gettext_noop("Be patient, you are sending too many requests.")

    # Flash messages: account/messages/*.txt
    gettext_noop("Successfully signed in as %(name)s.")
    gettext_noop("You have signed out.")
    gettext_noop("Confirmation email sent to %(email)s.")
    gettext_noop("You have confirmed %(email)s.")
    gettext_noop("Removed email address %(email)s.")
    gettext_noop("Primary email address set.")
    gettext_noop("You cannot remove your primary email address (%(email)s).")
    gettext_noop("Password successfully changed.")
    gettext_noop("Password successfully set.")

    # E-mails, frame of every message: account/email/base_message.txt, account/email/base_notification.txt
    gettext_noop("Hello from %(site_name)s!")
    gettext_noop("Thank you for using %(site_name)s!\n%(site_domain)s")
    gettext_noop("You are receiving this mail because the following change was made to your account:")
    gettext_noop(
        "If you do not recognize this change then please take proper security precautions immediately. The "
        "change to your account originates from:\n"
        "\n"
        "- IP address: %(ip)s\n"
        "- Browser: %(user_agent)s\n"
        "- Date: %(timestamp)s"
    )

    # E-mail: address confirmation (email_confirmation_*.txt, email_confirmation_signup_*.txt)
    gettext_noop("Please Confirm Your Email Address")
    gettext_noop(
        "You're receiving this email because user %(user_display)s has given your email address to register "
        "an account on %(site_domain)s."
    )
    gettext_noop("To confirm this is correct, go to %(activate_url)s")
    gettext_noop("Your email verification code is listed below. Please enter it in your open browser window.")

    # E-mail: password reset (password_reset_key_*.txt)
    gettext_noop("Password Reset Email")
    gettext_noop(
        "You're receiving this email because you or someone else has requested a password reset for your "
        "user account.\n"
        "It can be safely ignored if you did not request a password reset. Click the link below to reset "
        "your password."
    )
    gettext_noop("In case you forgot, your username is %(username)s.")

    # E-mail: someone signed up with an address that already has an account (account_already_exists_*.txt)
    gettext_noop("Account Already Exists")
    gettext_noop(
        "You are receiving this email because you or someone else tried to signup for an\n"
        "account using email address:\n"
        "\n"
        "%(email)s\n"
        "\n"
        "However, an account using that email address already exists.  In case you have\n"
        "forgotten about this, please use the password forgotten procedure to recover\n"
        "your account:\n"
        "\n"
        "%(password_reset_url)s"
    )

    # E-mail: password reset requested for an unknown address (unknown_account_*.txt)
    gettext_noop("Unknown Account")
    gettext_noop(
        "You are receiving this email because you, or someone else, tried to access an account with email "
        "%(email)s. However, we do not have any record of such an account in our database."
    )
    gettext_noop("This mail can be safely ignored if you did not initiate this action.")
    gettext_noop("If it was you, you can sign up for an account using the link below.")

    # E-mail notices of account changes (password_changed_*, password_reset_*, password_set_*, email_changed_*,
    # email_confirm_*, email_deleted_*)
    gettext_noop("Password Changed")
    gettext_noop("Your password has been changed.")
    gettext_noop("Your password has been reset.")
    gettext_noop("Password Set")
    gettext_noop("Your password has been set.")
    gettext_noop("Email Changed")
    gettext_noop("Your email has been changed from %(from_email)s to %(to_email)s.")
    gettext_noop("Email Confirmation")
    gettext_noop("Your email has been confirmed.")
    gettext_noop("Email Removed")
    gettext_noop("Email address %(deleted_email)s has been removed from your account.")

    # Django's password validators (django/contrib/auth/password_validation.py) speak on the sign-up and
    # password pages too; Django's Kyrgyz catalogue lacks the 5.2 wording of the length rule.
    ngettext(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        10,
    )
    ngettext(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        10,
    )
    gettext_noop("The password is too similar to the %(verbose_name)s.")
    gettext_noop("Your password can’t be too similar to your other personal information.")
    gettext_noop("This password is too common.")
    gettext_noop("Your password can’t be a commonly used password.")
    gettext_noop("This password is entirely numeric.")
    gettext_noop("Your password can’t be entirely numeric.")
