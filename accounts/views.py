from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import ProfileForm
from magazine.subscriptions import member_orders
from practices.models import Practice, ReviewEvent
from practices.services import may_propose


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """The member's own page: role, status, municipality, what they may edit, and their proposals."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
        messages.error(request, _("Please correct the errors below; nothing has been saved yet."))
    context = {
        "form": form,
        "member": request.user,
        "proposals": _proposals(request.user),
        "may_propose": may_propose(request.user),
        "magazine": member_orders(request.user),  # the "Magazine" section: subscriptions and purchases
    }
    return render(request, "accounts/profile.html", context)


def _proposals(member):
    """The practices the member proposed, newest first, each with the comment it was last returned
    with (a subquery: one query however many there are)."""
    last_return = ReviewEvent.objects.filter(practice=OuterRef("pk"), to_status=Practice.Status.DRAFT).order_by(
        "-created_at", "-id"
    )
    return list(
        Practice.objects.filter(submitted_by=member)
        .annotate(return_comment=Subquery(last_return.values("comment")[:1]))
        .order_by("-updated_at", "-id")
    )
