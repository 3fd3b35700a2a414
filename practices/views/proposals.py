"""A member proposes a practice: one form, with documents and photos; and changes it when
the editors return it with comments.

Approved members (servants, deputies) and staff see the form; visitors and members
still waiting for approval get a page that tells them how to become a member (200,
not a bare 403: they came to do something and should learn how).

Only the member who proposed a practice may change it, while it is a draft the editors
returned: anyone else gets a 404 (editors change practices in the admin); the member, when
the proposal is not waiting for changes (already sent again, published), a page that says so.
A visitor who is not signed in (the link comes by e-mail) is asked to sign in first.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from practices import services
from practices.forms import PracticeProposalForm, PracticeRevisionForm
from practices.models import Practice


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


@require_http_methods(["GET", "POST"])
@login_required
def edit_proposal(request, slug):
    practice = get_object_or_404(
        Practice.objects.select_related("submitted_by"), slug=slug, submitted_by_id=request.user.pk
    )
    if not services.may_revise(request.user, practice):
        return render(request, "practices/revise_closed.html", {"practice": practice}, status=404)

    is_post = request.method == "POST"
    form = PracticeRevisionForm(
        request.POST if is_post else None,
        request.FILES if is_post else None,
        practice=practice,
        member=request.user,
    )
    if is_post and form.is_valid():
        try:
            practice = services.practice_revise(practice=practice, member=request.user, **form.revision())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you: the changed “%(title)s” has been sent to the editors again. You will get an "
                    "e-mail when it is published, or if the editors have more questions."
                )
                % {"title": practice.title},
            )
            return redirect(reverse("accounts:profile") + "#my-proposals")
    context = {
        "form": form,
        "practice": practice,
        "returned": services.last_return(practice),
        "files_sent": is_post and bool(request.FILES),
    }
    return render(request, "practices/revise.html", context)
