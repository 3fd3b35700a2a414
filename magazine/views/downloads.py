"""Editions (PDFs) of an issue, served only to whoever magazine.entitlement.may_download allows.

The files live in the private storage and leave it only through portal.files
(a streamed FileResponse, or nginx's X-Accel-Redirect): no media URL reaches them.
A reader who may not download gets a 403 page that says why and what to do
(sign in, subscribe, buy the issue), with links back to the issue's page, as the
library's files do.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import pgettext
from django.views.decorators.http import require_safe

from magazine.entitlement import may_download
from magazine.models import EditionLanguage, Issue
from magazine.views.reading import editions_prefetch, issue_for_reader, reader_offer
from portal.files import protected_file_response


@require_safe
def edition(request, year, number, language):
    if language not in EditionLanguage.values:
        raise Http404
    issue = issue_for_reader(request.user, year, number, Issue.objects.prefetch_related(editions_prefetch()))
    # From the prefetched editions, which the refusal page lists too.
    edition = next((edition for edition in issue.editions.all() if edition.language == language), None)
    if edition is None:
        raise Http404
    if not may_download(request.user, issue):
        offer = reader_offer(request.user, issue, entitled=False)
        return render(request, "magazine/download_refused.html", {"issue": issue, "offer": offer}, status=403)
    name, ascii_name = download_names(edition)
    return protected_file_response(
        request,
        edition.file,
        filename=name,
        ascii_filename=ascii_name,
        content_type=edition.content_type or "application/pdf",
        cacheable=issue.is_free and issue.is_visible,
    )


def download_names(edition):
    """("Муниципалитет-2026-10-ru.pdf", "Municipality-2026-10-ru.pdf"): the magazine's name in the
    edition's language, and in English as the fallback for clients that do not read `filename*`."""
    issue = edition.issue
    suffix = f"-{issue.year}-{issue.number:02d}-{edition.language}.pdf"
    with translation.override(edition.language):
        local = pgettext("the magazine's name", "Municipality")
    with translation.override("en"):
        english = pgettext("the magazine's name", "Municipality")
    return local.replace(" ", "-") + suffix, english.replace(" ", "-") + suffix
