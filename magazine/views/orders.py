"""Ordering the magazine: the plans and the subscription form, buying one issue, and the
order page with the payment instructions.

Everyone sees the plans and an issue's price; ordering needs a signed-in member who may
order (magazine.subscriptions.may_order: approved, or still waiting for approval). A
visitor is offered to sign in or sign up, and comes back here afterwards (`next`).
An order's page is seen by its member and the magazine's staff only; anyone else gets
a 404, so payment references cannot be probed.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from magazine import payments, subscriptions
from magazine.entitlement import may_download
from magazine.forms import SubscribeForm
from magazine.models import COVER_CARD_SIZE, Issue, Payment, Subscription


@require_http_methods(["GET", "POST"])
def subscribe(request):
    user = request.user
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not subscriptions.may_order(user):
            return render(request, "magazine/subscribe.html", _subscribe_context(request, None), status=403)
    form = None
    if subscriptions.may_order(user):
        initial = _initial_delivery(request) if request.method == "GET" else None
        form = SubscribeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            subscription = subscriptions.subscription_request(user=user, **form.order())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _say_ordered(request, subscription)
            return redirect(_order_url(subscription))
    return render(request, "magazine/subscribe.html", _subscribe_context(request, form))


def _subscribe_context(request, form):
    plans = list(SubscribeForm.base_fields["plan"].queryset.all())
    selected = _selected_plan_id(request, form)
    return {
        "form": form,
        "plans": plans,
        "selected_plan_id": selected,
        "may_order": form is not None,
        "next_url": reverse("magazine:subscribe"),
        "max_copies": subscriptions.MAX_COPIES,
    }


def _selected_plan_id(request, form):
    """The plan ticked: the one sent, else ?plan= (the renewal link of the reminder e-mail)."""
    raw = form["plan"].value() if form is not None and form.is_bound else request.GET.get("plan")
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _initial_delivery(request):
    """A renewal needs no retyping: the member's last delivery details, else their name."""
    user = request.user
    last = (
        Subscription.objects.filter(user=user)
        .exclude(delivery_address="")
        .order_by("-created_at", "-id")
        .values("recipient", "delivery_address", "copies")
        .first()
    )
    return last or {"recipient": user.get_full_name(), "copies": 1}


@require_http_methods(["GET", "POST"])
def buy(request, year, number):
    issue = get_object_or_404(Issue.objects.published(), year=year, number=number)
    user = request.user
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not subscriptions.may_order(user):
            return render(request, "magazine/buy.html", _buy_context(request, issue), status=403)
        try:
            purchase = subscriptions.purchase_request(user=user, issue=issue)
        except ValidationError as error:
            messages.info(request, " ".join(error.messages))
            return redirect(issue.get_absolute_url())
        _say_ordered(request, purchase)
        return redirect(_order_url(purchase))
    return render(request, "magazine/buy.html", _buy_context(request, issue))


def _buy_context(request, issue):
    """What the reader may do with this issue: it is free, they may download it already,
    they asked for it already, they may ask, or they must sign in first."""
    user = request.user
    waiting = None
    if issue.is_free:
        state = "free"
    elif may_download(user, issue):
        state = "entitled"
    elif not user.is_authenticated:
        state = "anonymous"
    elif not subscriptions.may_order(user):
        state = "closed"
    else:
        waiting = subscriptions.waiting_purchase(user, issue)
        state = "waiting" if waiting else "may_order"
    return {
        "issue": issue,
        "state": state,
        "waiting": waiting,
        "price": settings.MAGAZINE_ISSUE_PRICE,
        "cover_size": COVER_CARD_SIZE,
        "next_url": reverse("magazine:buy", kwargs={"year": issue.year, "number": issue.number}),
    }


@require_http_methods(["GET", "POST"])
@login_required
def order_detail(request, reference):
    order = subscriptions.order_for_reader(request.user, reference)
    if request.method == "POST":
        return _cancel(request, order)
    payment = order.payment
    is_subscription = isinstance(order, Subscription)
    context = {
        "order": order,
        "payment": payment,
        "is_subscription": is_subscription,
        "is_owner": order.user_id == request.user.pk,
        "instructions": payments.instructions(payment) if payment.status == Payment.Status.PENDING else None,
        "editions": [] if is_subscription or order.status != "paid" else list(order.issue.editions.all()),
        "today": timezone.localdate(),
    }
    return render(request, "magazine/order.html", context)


def _cancel(request, order):
    """The member drops an order they have not paid (the only POST of the order page)."""
    if order.user_id != request.user.pk or request.POST.get("action") != "cancel":
        return redirect(_order_url(order))
    try:
        changed = payments.cancel_payment(payment=order.payment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if changed:
            text = _("Your order %(reference)s is cancelled.")
            messages.success(request, text % {"reference": order.payment.reference})
    return redirect(_order_url(order))


def _order_url(order):
    return reverse("magazine:order", kwargs={"reference": order.payment.reference})


def _say_ordered(request, order):
    values = {"reference": order.payment.reference}
    if order.is_new:
        text = _(
            "Your order %(reference)s is recorded. Pay by bank transfer with the details below; "
            "we have also sent them to you by e-mail."
        )
        messages.success(request, text % values)
    else:
        text = _("You have already ordered this (%(reference)s); it is waiting for your payment.")
        messages.info(request, text % values)
