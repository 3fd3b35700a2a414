"""Orders of the magazine: subscriptions and single-issue purchases, from the request to
the end of the period. Payments themselves go through magazine.payments.

    subscription_request ──▶ requested ──(payment confirmed)──▶ active ──(period over)──▶ expired
    purchase_request     ──▶ requested ──(payment confirmed)──▶ paid
                               └──(cancel_payment)──▶ cancelled

Who may order: any signed-in member whose e-mail is confirmed (allauth lets nobody sign
in before that) and who is approved or still waiting for approval. Paying does not need
the Union's approval: a visitor who signs up on the way can order at once. Rejected and
deactivated accounts cannot.

Each member is told by e-mail, in their own language and once (a `key` per notice):
the order with its payment instructions, the payment's confirmation, and a reminder
MAGAZINE_REMINDER_DAYS before a subscription ends.
"""

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.services import send_email
from magazine import payments
from magazine.entitlement import is_magazine_staff, may_download
from magazine.models import Issue, Payment, Purchase, Subscription

MAX_COPIES = 50  # print copies of one subscription; more is a wholesale order, arranged by the editors

ORDERING_STATUSES = (User.Status.PENDING, User.Status.APPROVED)


# --- who may order ------------------------------------------------------------------------------


def may_order(user):
    """May `user` request a subscription or buy an issue? (See the module's docstring.)"""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.status in ORDERING_STATUSES or is_magazine_staff(user)


def _check_may_order(user):
    if not may_order(user):
        raise ValidationError(_("Your account cannot order the magazine."), code="not_allowed")


def _lock_member(user):
    """Serialize one member's orders (a double click sends the form twice)."""
    User.objects.select_for_update().filter(pk=user.pk).first()


# --- requests -----------------------------------------------------------------------------------


def clean_delivery(plan, *, copies, recipient, delivery_address):
    """The delivery details a plan needs: print copies go to an address, electronic ones nowhere.

    Returns (copies, recipient, delivery_address) cleaned; raises ValidationError by field.
    """
    if not plan.includes_print:
        return 1, "", ""
    errors = {}
    delivery_address = (delivery_address or "").strip()
    if not delivery_address:
        errors["delivery_address"] = ValidationError(
            _("Give the address where the printed magazine should be delivered."), code="address_required"
        )
    if not isinstance(copies, int) or not 1 <= copies <= MAX_COPIES:
        errors["copies"] = ValidationError(
            _("Choose between 1 and %(max)d copies."), code="copies", params={"max": MAX_COPIES}
        )
    if errors:
        raise ValidationError(errors)
    return copies, (recipient or "").strip(), delivery_address


@transaction.atomic
def subscription_request(*, user, plan, copies=1, recipient="", delivery_address=""):
    """Record a member's request for a subscription and e-mail them the payment instructions.

    Returns the Subscription, whose `is_new` says whether this call created it: asking
    again for the same plan and delivery while a request waits for payment returns the
    waiting one. The amount is the plan's price per copy.
    """
    _check_may_order(user)
    if not plan.is_active:
        raise ValidationError(
            {"plan": ValidationError(_("This plan is no longer offered; choose another."), code="plan_inactive")}
        )
    copies, recipient, delivery_address = clean_delivery(
        plan, copies=copies, recipient=recipient, delivery_address=delivery_address
    )
    _lock_member(user)
    waiting = (
        Subscription.objects.select_related("payment", "plan")
        .filter(
            user=user,
            plan=plan,
            status=Subscription.Status.REQUESTED,
            copies=copies,
            recipient=recipient,
            delivery_address=delivery_address,
        )
        .first()
    )
    if waiting is not None:
        waiting.is_new = False
        return waiting
    payment = payments.request_payment(
        amount=plan.price * copies, user=user, description=f"{plan.name} ({plan.get_kind_display()})"
    )
    subscription = Subscription.objects.create(
        user=user,
        plan=plan,
        payment=payment,
        copies=copies,
        recipient=recipient,
        delivery_address=delivery_address,
    )
    subscription.is_new = True
    transaction.on_commit(lambda: _send_order_received(subscription))
    return subscription


def waiting_purchase(user, issue):
    """The member's purchase of `issue` that waits for payment, if any."""
    return (
        Purchase.objects.select_related("payment", "issue")
        .filter(user=user, issue=issue, status=Purchase.Status.REQUESTED)
        .first()
    )


@transaction.atomic
def purchase_request(*, user, issue):
    """Record a member's request to buy one issue and e-mail them the payment instructions.

    Only a published issue that is not free; a member who may download it already is
    told so (ValidationError, code "entitled"). Returns the Purchase, whose `is_new` is
    False when a request for the same issue was already waiting for payment.
    """
    _check_may_order(user)
    if not Issue.objects.published().filter(pk=issue.pk).exists():
        raise ValidationError(_("This issue is not available."), code="unavailable")
    if issue.is_free:
        raise ValidationError(_("This issue is free: download it from its page."), code="free")
    if may_download(user, issue):
        raise ValidationError(_("You can already download this issue."), code="entitled")
    _lock_member(user)
    waiting = waiting_purchase(user, issue)
    if waiting is not None:
        waiting.is_new = False
        return waiting
    payment = payments.request_payment(
        amount=settings.MAGAZINE_ISSUE_PRICE, user=user, description=f"Municipality {issue.label}"
    )
    purchase = Purchase.objects.create(user=user, issue=issue, payment=payment)
    purchase.is_new = True
    transaction.on_commit(lambda: _send_order_received(purchase))
    return purchase


# --- payment received, or cancelled (called by magazine.payments) ---------------------------------


def order_of(payment):
    """The subscription or purchase a payment is for (None for a payment without an order)."""
    for name in ("subscription", "purchase"):
        try:
            return getattr(payment, name)
        except (Subscription.DoesNotExist, Purchase.DoesNotExist):
            continue
    return None


def order_paid(*, payment, confirmed_by):
    """The payment of an order came in: activate the subscription, or open the issue."""
    order = order_of(payment)
    if isinstance(order, Subscription):
        subscription_activate(subscription=order, confirmed_by=confirmed_by)
    elif isinstance(order, Purchase):
        purchase_mark_paid(purchase=order, confirmed_by=confirmed_by)


def order_cancelled(*, payment):
    """The payment was cancelled before it was paid: so is its order."""
    order = order_of(payment)
    if isinstance(order, Subscription) and order.status == Subscription.Status.REQUESTED:
        order.status = Subscription.Status.CANCELLED
        order.save(update_fields=["status"])
    elif isinstance(order, Purchase) and order.status == Purchase.Status.REQUESTED:
        order.status = Purchase.Status.CANCELLED
        order.save(update_fields=["status"])


def add_months(day, months):
    """The same day `months` later (the 31st becomes the month's last day when it has fewer)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def subscription_period(plan, *, user, today):
    """(starts_on, ends_on) of a subscription to `plan` activated on `today`.

    It starts on the first day of the current month, so the member gets this month's
    issue. A renewal of the same kind that is still running is extended instead: the
    new period starts the day after the running one ends (paying early loses nothing).
    It lasts plan.months and ends on the last day of its last month.
    """
    starts_on = today.replace(day=1)
    running_end = (
        Subscription.objects.filter(
            user=user, plan__kind=plan.kind, status=Subscription.Status.ACTIVE, ends_on__gte=today
        )
        .order_by("-ends_on")
        .values_list("ends_on", flat=True)
        .first()
    )
    if running_end is not None and running_end >= starts_on:
        starts_on = running_end + datetime.timedelta(days=1)
    return starts_on, add_months(starts_on, plan.months) - datetime.timedelta(days=1)


@transaction.atomic
def subscription_activate(*, subscription, confirmed_by, today=None):
    """Make a requested subscription active for its period, and tell the member.

    If its payment is not yet marked paid, it is confirmed first (magazine.payments),
    which comes back here. Returns False when the subscription was not waiting (already
    active, expired or cancelled): activating twice changes and sends nothing.
    """
    locked = Subscription.objects.select_for_update().select_related("plan", "payment").get(pk=subscription.pk)
    if locked.status != Subscription.Status.REQUESTED:
        _copy_state(subscription, locked)
        return False
    if locked.payment.status != Payment.Status.PAID:
        changed = payments.confirm_payment(payment=locked.payment, by=confirmed_by)
        _copy_state(subscription, Subscription.objects.get(pk=subscription.pk))
        return changed
    locked.starts_on, locked.ends_on = subscription_period(
        locked.plan, user=locked.user_id, today=today or timezone.localdate()
    )
    locked.status = Subscription.Status.ACTIVE
    locked.save(update_fields=["status", "starts_on", "ends_on"])
    _copy_state(subscription, locked)
    transaction.on_commit(lambda: _send_payment_confirmed(locked))
    return True


@transaction.atomic
def purchase_mark_paid(*, purchase, confirmed_by):
    """Open a bought issue to the member once its payment came in, and tell them.

    Like subscription_activate: confirms an unpaid payment first; False when nothing changed.
    """
    locked = Purchase.objects.select_for_update().select_related("issue", "payment").get(pk=purchase.pk)
    if locked.status != Purchase.Status.REQUESTED:
        purchase.status = locked.status
        return False
    if locked.payment.status != Payment.Status.PAID:
        changed = payments.confirm_payment(payment=locked.payment, by=confirmed_by)
        purchase.status = Purchase.objects.values_list("status", flat=True).get(pk=purchase.pk)
        return changed
    locked.status = Purchase.Status.PAID
    locked.save(update_fields=["status"])
    purchase.status = locked.status
    transaction.on_commit(lambda: _send_payment_confirmed(locked))
    return True


def _copy_state(subscription, source):
    for field in ("status", "starts_on", "ends_on", "reminder_sent_at"):
        setattr(subscription, field, getattr(source, field))


# --- the end of a subscription (the send_expiry_reminders command, daily) ------------------------


def expire_subscriptions(today=None):
    """Active subscriptions whose period is over become expired. Returns how many."""
    today = today or timezone.localdate()
    return Subscription.objects.filter(status=Subscription.Status.ACTIVE, ends_on__lt=today).update(
        status=Subscription.Status.EXPIRED
    )


def send_expiry_reminders(today=None):
    """Remind, once each, the members whose active subscription ends within
    MAGAZINE_REMINDER_DAYS, unless they have already renewed it. Returns how many were reminded."""
    today = today or timezone.localdate()
    ending = Subscription.objects.select_related("user", "plan", "payment").filter(
        status=Subscription.Status.ACTIVE,
        reminder_sent_at__isnull=True,
        ends_on__gte=today,
        ends_on__lte=today + datetime.timedelta(days=settings.MAGAZINE_REMINDER_DAYS),
    )
    reminded = 0
    for subscription in ending:
        if _renewed(subscription):
            continue
        with transaction.atomic():
            # Claim the reminder first: two runs at once send it once.
            claimed = Subscription.objects.filter(pk=subscription.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=timezone.now()
            )
            if claimed:
                _send_expiry_reminder(subscription)
                reminded += 1
    return reminded


def _renewed(subscription):
    """Has the member a paid subscription of the same kind that continues this one?"""
    return Subscription.objects.filter(
        user=subscription.user_id,
        plan__kind=subscription.plan.kind,
        status=Subscription.Status.ACTIVE,
        starts_on__gt=subscription.ends_on,
    ).exists()


# --- reading ------------------------------------------------------------------------------------


def order_for_reader(user, reference):
    """The subscription or purchase with this payment reference, if `user` may see it
    (its member, or the magazine's staff); else Http404, so references cannot be probed."""
    payment = (
        Payment.objects.select_related("subscription__plan", "subscription__user", "purchase__issue", "purchase__user")
        .filter(reference=payments.normalize_reference(reference))
        .first()
    )
    order = order_of(payment) if payment is not None else None
    if order is None or not (order.user_id == user.pk or is_magazine_staff(user)):
        raise Http404
    order.payment = payment
    return order


def member_orders(member):
    """A member's subscriptions and purchases, newest first, for the profile: one query through
    their payments (with plans and issues), and one for the bought issues' editions if any."""
    mine = (
        Payment.objects.filter(Q(subscription__user=member) | Q(purchase__user=member))
        .select_related("subscription__plan", "purchase__issue")
        .prefetch_related("purchase__issue__editions")
        .order_by("-created_at", "-id")
    )
    orders = [order_of(payment) for payment in mine]
    return {
        "subscriptions": [order for order in orders if isinstance(order, Subscription)],
        "purchases": [order for order in orders if isinstance(order, Purchase)],
        "today": timezone.localdate(),
    }


# --- e-mails ------------------------------------------------------------------------------------


def _order_context(order):
    is_subscription = isinstance(order, Subscription)
    return {
        "order": order,
        "is_subscription": is_subscription,
        "subscription": order if is_subscription else None,
        "purchase": None if is_subscription else order,
        "payment": order.payment,
        "site_url": settings.SITE_URL,
    }


def _send_order_received(order):
    context = _order_context(order)
    with_instructions = {**context, "instructions": payments.instructions(order.payment)}
    send_email(
        recipient=order.user,
        template="magazine_order_received",
        context=with_instructions,
        key=f"magazine-order:{order.payment.reference}",
    )


def _send_payment_confirmed(order):
    send_email(
        recipient=order.user,
        template="magazine_payment_confirmed",
        context=_order_context(order),
        key=f"magazine-paid:{order.payment.reference}",
    )


def _send_expiry_reminder(subscription):
    send_email(
        recipient=subscription.user,
        template="magazine_expiry_reminder",
        context=_order_context(subscription),
        key=f"magazine-expiry:{subscription.pk}:{subscription.ends_on:%Y-%m-%d}",
    )
