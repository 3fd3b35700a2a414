"""A member proposes a practice: one form, with documents and photos.

Approved members (servants, deputies) and staff see the form; visitors and members
still waiting for approval get a page that tells them how to become a member (200,
not a bare 403: they came to do something and should learn how).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from practices import services
from practices.forms import PracticeProposalForm


@require_http_methods(["GET", "POST"])
def propose(request):
    if not services.may_propose(request.user):
        # A POST from someone who may not propose is not a normal journey: same page, refused.
        status = 403 if request.method == "POST" else 200
        return render(request, "practices/propose_closed.html", {"member": request.user}, status=status)

    is_post = request.method == "POST"
    form = PracticeProposalForm(
        request.POST if is_post else None, request.FILES if is_post else None, member=request.user
    )
    if is_post and form.is_valid():
        try:
            practice = services.practice_propose(member=request.user, **form.proposal())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you: “%(title)s” has been sent to the editors. You will get an e-mail when it is "
                    "published, or if the editors have questions."
                )
                % {"title": practice.title},
            )
            return redirect(reverse("accounts:profile") + "#my-proposals")
    return render(
        request,
        "practices/propose.html",
        {"form": form, "files_sent": is_post and bool(request.FILES)},
        status=200,
    )
