"""The subscription form: a plan among those offered, and for print the delivery details."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from magazine.models import Plan
from magazine.subscriptions import MAX_COPIES, clean_delivery

# "text %(max)d" % ... evaluated when shown, in the reader's language (not once at import).
_lazy_percent = lazy(lambda text, **values: str(text) % values, str)
COPIES_RANGE = _lazy_percent(_("Choose between 1 and %(max)d copies."), max=MAX_COPIES)


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, plan):
        return plan.name


class SubscribeForm(forms.Form):
    plan = PlanChoiceField(
        label=_("Plan"),
        queryset=Plan.objects.filter(is_active=True).order_by("order", "kind", "months", "pk"),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose a plan."),
            "invalid_choice": _("This plan is no longer offered; choose another."),
        },
    )
    recipient = forms.CharField(
        label=_("Recipient"),
        max_length=200,
        required=False,
        help_text=_("The person or organization named on the envelope."),
    )
    delivery_address = forms.CharField(
        label=_("Delivery address"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        help_text=_("Street and house or office, village or town, district, postal code."),
    )
    copies = forms.IntegerField(
        label=_("Number of copies"),
        required=False,
        initial=1,
        min_value=1,
        max_value=MAX_COPIES,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_lazy_percent(_("From 1 to %(max)d; the price is per copy."), max=MAX_COPIES),
        error_messages={
            "min_value": COPIES_RANGE,
            "max_value": COPIES_RANGE,
            "invalid": _("Write the number of copies in digits."),
        },
    )

    def clean(self):
        data = super().clean()
        plan = data.get("plan")
        if plan is None:
            return data
        copies = data.get("copies")
        if self.has_error("copies") or not plan.includes_print:
            copies = 1  # already explained, or not asked for: still check the address
        try:
            data["copies"], data["recipient"], data["delivery_address"] = clean_delivery(
                plan,
                copies=copies,
                recipient=data.get("recipient", ""),
                delivery_address=data.get("delivery_address", ""),
            )
        except forms.ValidationError as error:
            self.add_error(None, error)
        return data

    def order(self):
        """The keyword arguments of magazine.subscriptions.subscription_request."""
        return {name: self.cleaned_data[name] for name in ("plan", "copies", "recipient", "delivery_address")}
