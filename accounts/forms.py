from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import MEMBER_ROLES
from portal.collation import sort_key
from portal.models import Municipality


def municipality_choices():
    """Municipalities grouped by region for a select that works without JavaScript (one query)."""
    groups = {}
    for municipality in Municipality.objects.select_related("region").order_by("region__order"):
        groups.setdefault(municipality.region, []).append(municipality)
    choices = [("", _("— another organization —"))]
    for region, items in groups.items():
        items.sort(key=lambda m: sort_key(m.name))
        choices.append((region.name, [(str(m.pk), m.name) for m in items]))
    return choices


class MunicipalityField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=municipality_choices, coerce=self.to_municipality, empty_value=None, **kwargs)

    @staticmethod
    def to_municipality(value):
        return Municipality.objects.select_related("region").get(pk=value)

    def valid_value(self, value):
        return Municipality.objects.filter(pk=value).exists() if str(value).isdigit() else False


class MemberDetailsMixin(forms.Form):
    """What a member says about their work; shared by sign-up and the profile form."""

    def clean(self):
        cleaned = super().clean()
        if "municipality" in self.fields and not cleaned.get("municipality") and not cleaned.get("organization"):
            self.add_error("organization", _("Choose your municipality, or name the organization you work for."))
        return cleaned


class MemberSignupForm(MemberDetailsMixin):
    """The fields allauth's sign-up form adds to e-mail and password (ACCOUNT_SIGNUP_FORM_CLASS)."""

    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    applied_role = forms.ChoiceField(
        label=_("Your role"),
        choices=[(role.value, role.label) for role in MEMBER_ROLES],
        widget=forms.RadioSelect,
        initial=MEMBER_ROLES[0].value,
    )
    municipality = MunicipalityField(label=_("Municipality"), required=False)
    organization = forms.CharField(
        label=_("Organization"),
        max_length=200,
        required=False,
        help_text=_("Only if you do not work for a municipality: for example a ministry or a partner organization."),
    )
    position = forms.CharField(
        label=_("Position"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
        help_text=_("For example: head of the aiyl okmotu, chief specialist, deputy of the aiyl kenesh."),
    )
    preferred_language = forms.ChoiceField(label=_("Language of e-mails from the portal"), choices=settings.LANGUAGES)

    field_order = [
        "first_name",
        "last_name",
        "email",
        "password1",
        "password2",
        "applied_role",
        "municipality",
        "organization",
        "position",
        "preferred_language",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].initial = get_language()

    def signup(self, request, user):
        from accounts.services import member_apply

        member_apply(
            member=user,
            first_name=self.cleaned_data["first_name"],
            last_name=self.cleaned_data["last_name"],
            applied_role=self.cleaned_data["applied_role"],
            municipality=self.cleaned_data.get("municipality"),
            organization=self.cleaned_data.get("organization", ""),
            position=self.cleaned_data["position"],
            preferred_language=self.cleaned_data["preferred_language"],
        )


class ProfileForm(forms.ModelForm):
    """What a member may change themselves. Role, status and municipality are the ULSG admins' to change."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "position", "organization", "preferred_language"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_(
            "Sent by e-mail to each applicant. Say what they can do next; write it in Kyrgyz and Russian "
            "if the applicants read different languages."
        ),
    )
