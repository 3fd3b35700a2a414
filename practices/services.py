"""Writes on practices: the review workflow, a member's proposal, and its revision
when the editors have returned it with comments.

Every change of status goes through one of the `practice_*` functions below, which
record a ReviewEvent (who, from which status to which, the comment), keep the
search index up to date and, for publication and return, e-mail the member who
proposed the practice in their own language once the transaction has committed.

    draft ──submit──▶ submitted ──start_review──▶ in_review
      ▲                  │   │                       │
      └────return────────┘   └──publish──▶ published ◀┘
                                             │    ▲
                                       archive    publish
                                             ▼    │
                                            archived
"""

import logging
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from accounts.services import send_email
from portal import search
from practices.models import Attachment, Practice, PracticeImage, ReviewEvent

logger = logging.getLogger(__name__)

Status = Practice.Status

# Roles whose approved holders may propose practices.
PROPOSER_ROLES = {Role.SERVANT, Role.DEPUTY, Role.EDITOR, Role.ULSG_ADMIN}


# --- the workflow -------------------------------------------------------------------------------


def _move(practice, *, by, allowed, to, comment=""):
    """Move `practice` to `to` if its current status is in `allowed`; record who did it.

    The row is locked and its status read again, so two editors pressing "Publish"
    at the same moment make one step, not two.
    """
    current = Practice.objects.select_for_update().values_list("status", flat=True).get(pk=practice.pk)
    if current not in allowed:
        raise ValidationError(
            REFUSALS[to],
            code="invalid_transition",
            params={"title": practice.title, "status": Status(current).label},
        )
    practice.status = to
    fields = ["status", "updated_at"]
    if to == Status.PUBLISHED and practice.published_at is None:
        practice.published_at = timezone.now()
        fields.append("published_at")
    practice.save(update_fields=fields)
    ReviewEvent.objects.create(practice=practice, actor=by, from_status=current, to_status=to, comment=comment)
    search.index(practice)
    return practice


# What a refused transition says, one whole sentence per step (a participle put into a
# shared sentence cannot agree in Russian or Kyrgyz).
REFUSALS = {
    Status.SUBMITTED: _("“%(title)s” cannot be submitted for review: its status is “%(status)s”."),
    Status.IN_REVIEW: _("“%(title)s” cannot be taken into review: its status is “%(status)s”."),
    Status.PUBLISHED: _("“%(title)s” cannot be published: its status is “%(status)s”."),
    Status.DRAFT: _("“%(title)s” cannot be returned with comments: its status is “%(status)s”."),
    Status.ARCHIVED: _("“%(title)s” cannot be archived: its status is “%(status)s”."),
}

# Which statuses each transition starts from (the admin shows only the buttons that apply).
ALLOWED_FROM = {
    Status.SUBMITTED: {Status.DRAFT},
    Status.IN_REVIEW: {Status.SUBMITTED},
    Status.PUBLISHED: {Status.SUBMITTED, Status.IN_REVIEW, Status.ARCHIVED},
    Status.DRAFT: {Status.SUBMITTED, Status.IN_REVIEW},
    Status.ARCHIVED: {Status.PUBLISHED},
}


@transaction.atomic
def practice_submit(*, practice, by, comment=""):
    """draft → submitted: the practice waits for an editor."""
    return _move(practice, by=by, allowed=ALLOWED_FROM[Status.SUBMITTED], to=Status.SUBMITTED, comment=comment)


@transaction.atomic
def practice_start_review(*, practice, by, comment=""):
    """submitted → in review: an editor has taken it, so others know."""
    return _move(practice, by=by, allowed=ALLOWED_FROM[Status.IN_REVIEW], to=Status.IN_REVIEW, comment=comment)


@transaction.atomic
def practice_publish(*, practice, by, comment=""):
    """submitted / in review / archived → published; the first publication dates it."""
    _move(practice, by=by, allowed=ALLOWED_FROM[Status.PUBLISHED], to=Status.PUBLISHED, comment=comment)
    _email_submitter_on_commit(practice, by=by, template="practice_published", comment=comment)
    return practice


@transaction.atomic
def practice_return(*, practice, by, comment):
    """submitted / in review → draft, "returned with comments": the comment is required."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Write a comment: the member needs to know what to change."), code="comment_required")
    _move(practice, by=by, allowed=ALLOWED_FROM[Status.DRAFT], to=Status.DRAFT, comment=comment)
    _email_submitter_on_commit(
        practice,
        by=by,
        template="practice_returned",
        comment=comment,
        links={"edit_url": lambda: reverse("practices:edit_proposal", kwargs={"slug": practice.slug})},
    )
    return practice


@transaction.atomic
def practice_archive(*, practice, by, comment=""):
    """published → archived: no longer listed, kept with its history."""
    return _move(practice, by=by, allowed=ALLOWED_FROM[Status.ARCHIVED], to=Status.ARCHIVED, comment=comment)


# Transitions by the status they lead to, for the admin's buttons and actions.
TRANSITIONS = {
    Status.SUBMITTED: practice_submit,
    Status.IN_REVIEW: practice_start_review,
    Status.PUBLISHED: practice_publish,
    Status.DRAFT: practice_return,
    Status.ARCHIVED: practice_archive,
}


def allowed_transitions(practice):
    """The statuses `practice` may move to now, in the order the admin shows them."""
    return [to for to in TRANSITIONS if practice.status in ALLOWED_FROM[to]]


# --- e-mails ------------------------------------------------------------------------------------


def _email_submitter_on_commit(practice, *, by, template, comment, links=None):
    """`links` maps context names to path functions, made absolute in the member's language."""
    member = practice.submitted_by
    if member is None or member.pk == getattr(by, "pk", None) or not member.is_active or not member.email:
        return
    links = {"practice_url": practice.get_absolute_url, **(links or {})}
    transaction.on_commit(
        lambda: _send_safely(
            recipient=member,
            template=template,
            context={
                "practice": practice,
                "comment": comment,
                **{name: _absolute_url(path, member.preferred_language) for name, path in links.items()},
            },
        )
    )


def _absolute_url(get_path, language):
    """An absolute link in `language` (the URL prefix follows the active language)."""
    with translation.override(language):
        return settings.SITE_URL + get_path()


def _send_safely(**kwargs):
    """The change is already saved: a failing mail server must not turn it into an error page."""
    try:
        send_email(**kwargs)
    except Exception:
        logger.exception("Could not send the %s e-mail to %s", kwargs.get("template"), kwargs.get("recipient"))


def _notify_editors(practice, *, resent=False, note=""):
    """E-mail the editors that a proposal waits for them: new, or `resent` after changes with a `note`."""
    editors = (
        User.objects.filter(groups__name=Role.EDITOR, is_active=True)
        .exclude(pk=practice.submitted_by_id)
        .exclude(email="")
        .distinct()
    )
    admin_path = reverse("admin:practices_practice_change", args=[practice.pk])
    for editor in editors:
        _send_safely(
            recipient=editor,
            template="practice_proposed",
            context={
                "practice": practice,
                "review_url": settings.SITE_URL + admin_path,
                "resent": resent,
                "note": note,
            },
        )


# --- a member's proposal ------------------------------------------------------------------------


def may_propose(user):
    """Approved members (servants, deputies) and staff may propose practices."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.is_approved and bool(user.role_names & PROPOSER_ROLES)


CYRILLIC_TO_LATIN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
        "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "ң": "ng", "о": "o", "ө": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ү": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    }
)  # fmt: skip


def unique_slug(title):
    """A readable Latin slug from a Kyrgyz, Russian or English title, unique among practices."""
    base = slugify(title.lower().translate(CYRILLIC_TO_LATIN))[:90].strip("-") or "practice"
    slug = base
    for number in range(2, 50):
        if not Practice.objects.filter(slug=slug).exists():
            return slug
        slug = f"{base}-{number}"
    return f"{base}-{uuid.uuid4().hex[:8]}"


def practice_propose(*, member, fields, themes=(), documents=(), document_language, images=(), language):
    """Save a member's proposal as "submitted", with its files, and tell the editors.

    `fields` are Practice fields (texts already in the fields of `language`, e.g. title_ru);
    `documents` and `images` are validated uploads (practices.uploads). Nothing is kept
    if anything fails: the rows roll back and the files already stored are deleted.
    """
    if not may_propose(member):
        raise PermissionDenied
    with _files_deleted_on_failure() as stored, transaction.atomic():
        practice = _create_proposal(member, fields, themes, images[:1], stored, language)
        _add_documents(practice, documents, document_language, language, stored)
        _add_gallery(practice, images[1:], stored)
        ReviewEvent.objects.create(practice=practice, actor=member, from_status="", to_status=Status.SUBMITTED)
        search.index(practice)
        transaction.on_commit(lambda: _notify_editors(practice))
    return practice


@contextmanager
def _files_deleted_on_failure():
    """Yield a list for the files stored along the way; if the block fails they are deleted
    (the rows roll back with the transaction, the files would stay behind)."""
    stored = []
    try:
        yield stored
    except BaseException:
        for file in stored:
            file.storage.delete(file.name)
        raise


def _create_proposal(member, fields, themes, cover, stored, language):
    practice = Practice(**fields, status=Status.SUBMITTED, submitted_by=member)
    practice.slug = unique_slug(fields[f"title_{language}"])
    if cover:
        _set_cover(practice, cover[0], stored)
    practice.full_clean(exclude=["cover"])
    practice.save()
    if cover:
        stored.extend([practice.cover_card, practice.cover_large])  # thumbnails made on save
    practice.themes.set(themes)
    return practice


def _set_cover(practice, upload, stored):
    practice.cover.save(upload.name, upload, save=False)
    stored.append(practice.cover)


def _add_documents(practice, documents, document_language, language, stored, start=0):
    for order, upload in enumerate(documents, start=start):
        attachment = Attachment(practice=practice, language=document_language, order=order)
        setattr(attachment, f"title_{language}", _title_from_name(upload.name))
        attachment.fill_file_metadata(upload)
        attachment.file.save(upload.name, upload, save=False)
        stored.append(attachment.file)
        attachment.save()


def _add_gallery(practice, images, stored, start=0):
    for order, upload in enumerate(images, start=start):
        image = PracticeImage(practice=practice, order=order)
        image.image.save(upload.name, upload, save=False)
        stored.append(image.image)
        image.save()
        stored.extend([image.thumbnail, image.large])


def _title_from_name(name):
    """ "budget_hearings-2023.pdf" → "budget hearings 2023": a first title editors can improve."""
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return " ".join(stem.replace("_", " ").replace("-", " ").split())[:255] or name[:255]


# --- a returned proposal, changed and sent again ------------------------------------------------

# In `remove_images`, the practice's cover (which is not a PracticeImage).
COVER = "cover"

# The texts a member writes in a proposal (the form's fields in one language).
MEMBER_TEXTS = ("title", "summary", "problem", "actions", "results")


def last_return(practice):
    """The latest "returned with comments" step of `practice`, or None if it was never returned."""
    return practice.review_events.filter(to_status=Status.DRAFT).order_by("-created_at", "-id").first()


def may_revise(user, practice):
    """The member who proposed a practice may change it while it is a draft the editors returned."""
    return (
        practice.status == Status.DRAFT
        and practice.submitted_by_id is not None
        and practice.submitted_by_id == getattr(user, "pk", None)
        and may_propose(user)
        and practice.review_events.filter(to_status=Status.DRAFT).exists()
    )


def proposal_language(practice):
    """The language the member wrote the proposal in: ky, ru or en.

    The model does not record it, so it is read from the texts: the member filled every text of
    one language, and editors' translations, if any, are rarely complete before publication. A tie
    goes to the member's own language, then to the order ky, ru, en; a practice with no title yet
    is in the portal's default language.
    """
    codes = [code for code, _name in settings.LANGUAGES]
    preferred = getattr(practice.submitted_by, "preferred_language", None)

    def weight(code):
        filled = sum(1 for name in MEMBER_TEXTS if getattr(practice, f"{name}_{code}", ""))
        return (filled, code == preferred, -codes.index(code))

    written = [code for code in codes if getattr(practice, f"title_{code}", "")]
    return max(written, key=weight) if written else settings.LANGUAGE_CODE


def practice_revise(
    *,
    practice,
    member,
    fields,
    themes,
    documents,
    document_language,
    images,
    remove_attachments,
    remove_images,
    language,
    note="",
):
    """Save the member's changes to a returned proposal and send it to the editors again.

    `fields` hold the texts of `language` only (the other languages, which editors may have
    translated, stay as they are) and the language-free fields. Removed files are deleted from
    the storage once the transaction has committed; new ones are added as in a proposal, and if
    the practice has no cover then, its first photo becomes the cover. The step draft → submitted
    is recorded with the member's `note`. On failure nothing changes, and no new file stays.
    """
    note = (note or "").strip()
    with _files_deleted_on_failure() as stored, transaction.atomic():
        practice = _lock_for_revision(practice, member)
        for name, value in fields.items():
            setattr(practice, name, value)
        removed = _remove_files(practice, remove_attachments, remove_images)
        new_cover = images[:1] if not practice.cover else []
        if new_cover:
            _set_cover(practice, new_cover[0], stored)
        practice.full_clean(exclude=["cover"])
        practice.save()
        if new_cover:
            stored.extend([practice.cover_card, practice.cover_large])  # thumbnails made on save
        practice.themes.set(themes)
        start = _next_order(practice.attachments)
        _add_documents(practice, documents, document_language, language, stored, start=start)
        _add_gallery(practice, images[len(new_cover) :], stored, start=_next_order(practice.images))
        _fill_cover(practice)
        practice_submit(practice=practice, by=member, comment=note)
        transaction.on_commit(lambda: _delete_files(removed))
        transaction.on_commit(lambda: _notify_editors(practice, resent=True, note=note))
    return practice


def _lock_for_revision(practice, member):
    """The practice read again under a row lock: a second "Send" (another tab) finds it submitted."""
    locked = Practice.objects.select_for_update().get(pk=practice.pk)
    if locked.submitted_by_id != member.pk or not may_propose(member):
        raise PermissionDenied
    if not may_revise(member, locked):
        raise ValidationError(
            _("“%(title)s” can no longer be changed here: it is not waiting for your changes."),
            code="not_returned",
            params={"title": locked.title},
        )
    return locked


def _remove_files(practice, attachments, images):
    """Delete the rows of the removed files now; return their (storage, name) to delete on commit."""
    removed = []
    for attachment in practice.attachments.filter(pk__in=[item.pk for item in attachments]):
        removed.append(_stored(attachment.file))
        attachment.delete()
    keys = {getattr(item, "pk", item) for item in images}
    if COVER in keys and practice.cover:
        removed.extend(_stored(file) for file in (practice.cover, practice.cover_card, practice.cover_large))
        practice.cover = ""
    for image in practice.images.filter(pk__in=keys - {COVER}):
        removed.extend(_stored(file) for file in (image.image, image.thumbnail, image.large))
        image.delete()
    return removed


def _fill_cover(practice):
    """Without a cover, the first photo of the gallery becomes it (as the first photo of a proposal does)."""
    first = None if practice.cover else practice.images.order_by("order", "id").first()
    if first is None:
        return
    # The same file moves from the gallery to the cover; its thumbnails are the cover's too (same
    # source, same sizes), so none is deleted here.
    practice.cover = first.image.name
    practice.save(update_fields=["cover", "cover_width", "cover_height", "updated_at"])
    first.delete()


def _next_order(related):
    last = related.order_by("-order").values_list("order", flat=True).first()
    return 0 if last is None else last + 1


def _stored(file):
    return file.storage, file.name


def _delete_files(files):
    for storage, name in files:
        try:
            storage.delete(name)
        except Exception:
            # The change is saved; a file left behind costs only space, an error page would mislead.
            logger.exception("Could not delete the removed file %s", name)
