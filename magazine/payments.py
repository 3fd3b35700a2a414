"""The payment step of the magazine's orders, behind one small interface.

    payment = request_payment(amount=..., user=..., description=...)   # a Payment with a reference
    instructions(payment)        # what the member needs to pay: a dict the order page and e-mail show
    confirm_payment(payment=..., by=editor)   # the money came in: the order is activated, once
    cancel_payment(payment=..., by=...)       # the order is dropped before it was paid

Today the only method is a bank transfer that an editor confirms in the admin
(`BankTransfer`). An online provider would be one more `PaymentMethod` subclass,
chosen by settings.MAGAZINE_PAYMENT_METHOD: its `start()` would open a payment at
the provider and its webhook would call `confirm_payment` — nothing else changes.

Every payment carries a short reference ("MUN-2611-7K3Q") that the member writes in
the transfer's purpose and the editor searches for; its letters avoid the look-alikes
O/0 and I/1, which a member copies by hand from a phone to a bank form.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from magazine.models import Payment

REFERENCE_PREFIX = "MUN"  # "Municipality"
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, no 1/I
REFERENCE_RANDOM_LENGTH = 4  # 32**4 ≈ a million per month: collisions are rare and retried
REFERENCE_ATTEMPTS = 10


def new_reference(today=None):
    """ "MUN-2611-7K3Q": the prefix, the year and month of the request, four random characters."""
    today = today or timezone.localdate()
    random_part = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_RANDOM_LENGTH))
    return f"{REFERENCE_PREFIX}-{today:%y%m}-{random_part}"


def normalize_reference(text):
    """What a member typed or a link carried ("mun-2611-7k3q ") -> the stored form."""
    return (text or "").strip().upper()


class PaymentMethod:
    """One way of paying. Subclasses set `key` (stored in Payment.method) and say how to pay."""

    key = ""
    label = ""

    def start(self, payment, *, user, description):
        """Open the payment where the money is paid (an online provider); nothing for a transfer."""

    def instructions(self, payment):
        raise NotImplementedError


class BankTransfer(PaymentMethod):
    """The member pays at a bank or in a banking app; an editor confirms when the money arrives."""

    key = "bank_transfer"
    label = _("bank transfer")

    def instructions(self, payment):
        details = settings.MAGAZINE_BANK_DETAILS
        return {
            "method": self.key,
            "method_label": self.label,
            "reference": payment.reference,
            "amount": payment.amount,
            "recipient": details.get("recipient", ""),
            "inn": details.get("inn", ""),
            "bank": details.get("bank", ""),
            "account": details.get("account", ""),
            "bik": details.get("bik", ""),
            # The reference first: a bank form may cut a long purpose short.
            "purpose": _purpose(payment.reference),
        }


def _purpose_text(reference):
    return gettext("%(reference)s, payment for the Municipality magazine") % {"reference": reference}


# Lazy, so the same instructions read in the member's language in an e-mail and in the reader's on a page.
_purpose = lazy(_purpose_text, str)

METHODS = {method.key: method for method in (BankTransfer,)}


def get_method(key=None):
    """The method of `key` (a stored Payment.method), else the one settings choose for new payments."""
    key = key or settings.MAGAZINE_PAYMENT_METHOD
    try:
        return METHODS[key]()
    except KeyError:
        raise ValueError(f"Unknown payment method {key!r}; known: {', '.join(METHODS)}.") from None


def request_payment(*, amount, user, description):
    """Create a pending Payment of `amount` som with a fresh, unique reference, and start it."""
    method = get_method()
    for _attempt in range(REFERENCE_ATTEMPTS):
        reference = new_reference()
        try:
            with transaction.atomic():  # a savepoint: a taken reference leaves the caller's transaction usable
                payment = Payment.objects.create(reference=reference, amount=amount, method=method.key)
        except IntegrityError:
            if not Payment.objects.filter(reference=reference).exists():
                raise  # another constraint failed: not ours to retry
            continue
        method.start(payment, user=user, description=description)
        return payment
    raise RuntimeError(f"No free payment reference after {REFERENCE_ATTEMPTS} attempts.")


def instructions(payment):
    """How to pay this payment, for the order page and the e-mail (see BankTransfer.instructions)."""
    return get_method(payment.method).instructions(payment)


@transaction.atomic
def confirm_payment(*, payment, by, provider_reference=""):
    """The money came in: mark the payment paid and activate its order (magazine.subscriptions).

    Returns False when the payment was paid already (confirming twice changes and sends
    nothing). A cancelled payment cannot be confirmed (ValidationError): the editor
    should ask the member to order again, or restore the order first.
    """
    from magazine import subscriptions  # it calls request_payment; import here to avoid a cycle

    locked = Payment.objects.select_for_update().get(pk=payment.pk)
    if locked.status == Payment.Status.PAID:
        _refresh(payment, locked)
        return False
    if locked.status == Payment.Status.CANCELLED:
        raise ValidationError(
            _("The payment %(reference)s was cancelled; it cannot be confirmed."),
            code="cancelled",
            params={"reference": locked.reference},
        )
    locked.status = Payment.Status.PAID
    locked.paid_at = timezone.now()
    locked.confirmed_by = by
    if provider_reference:
        locked.provider_reference = provider_reference
    locked.save(update_fields=["status", "paid_at", "confirmed_by", "provider_reference"])
    _refresh(payment, locked)
    subscriptions.order_paid(payment=payment, confirmed_by=by)
    return True


@transaction.atomic
def cancel_payment(*, payment, by=None):
    """Drop an unpaid order: the payment and its subscription or purchase become cancelled.

    Returns False when it was cancelled already; a paid payment cannot be cancelled
    (ValidationError): refunds are handled outside the portal.
    """
    from magazine import subscriptions

    locked = Payment.objects.select_for_update().get(pk=payment.pk)
    if locked.status == Payment.Status.CANCELLED:
        _refresh(payment, locked)
        return False
    if locked.status == Payment.Status.PAID:
        raise ValidationError(
            _("The payment %(reference)s has been received; a paid order cannot be cancelled here."),
            code="paid",
            params={"reference": locked.reference},
        )
    locked.status = Payment.Status.CANCELLED
    locked.save(update_fields=["status"])
    _refresh(payment, locked)
    subscriptions.order_cancelled(payment=payment)
    return True


def _refresh(payment, locked):
    """Copy what was read under the lock onto the caller's instance."""
    for field in ("status", "paid_at", "confirmed_by_id", "provider_reference"):
        setattr(payment, field, getattr(locked, field))
