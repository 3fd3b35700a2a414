"""Writes on practices: the review workflow and a member's proposal.

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
            _("“%(title)s” cannot be %(action)s: its status is “%(status)s”."),
            code="invalid_transition",
            params={
                "title": practice.title,
                "status": Status(current).label,
                "action": TRANSITION_VERBS[to],
            },
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


# What a refused transition says: "“Water” cannot be <verb>: its status is “draft”."
TRANSITION_VERBS = {
    Status.SUBMITTED: _("submitted for review"),
    Status.IN_REVIEW: _("taken into review"),
    Status.PUBLISHED: _("published"),
    Status.DRAFT: _("returned with comments"),
    Status.ARCHIVED: _("archived"),
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
    _email_submitter_on_commit(practice, by=by, template="practice_returned", comment=comment)
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


def _email_submitter_on_commit(practice, *, by, template, comment):
    member = practice.submitted_by
    if member is None or member.pk == getattr(by, "pk", None) or not member.is_active or not member.email:
        return
    transaction.on_commit(
        lambda: _send_safely(
            recipient=member,
            template=template,
            context={
                "practice": practice,
                "practice_url": _absolute_url(practice.get_absolute_url, member.preferred_language),
                "comment": comment,
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


def _notify_editors(practice):
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
            context={"practice": practice, "review_url": settings.SITE_URL + admin_path},
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
    stored = []
    try:
        with transaction.atomic():
            practice = _create_proposal(member, fields, themes, images[:1], stored, language)
            _add_documents(practice, documents, document_language, language, stored)
            _add_gallery(practice, images[1:], stored)
            ReviewEvent.objects.create(practice=practice, actor=member, from_status="", to_status=Status.SUBMITTED)
            search.index(practice)
            transaction.on_commit(lambda: _notify_editors(practice))
    except BaseException:
        for file in stored:
            file.storage.delete(file.name)
        raise
    return practice


def _create_proposal(member, fields, themes, cover, stored, language):
    practice = Practice(**fields, status=Status.SUBMITTED, submitted_by=member)
    practice.slug = unique_slug(fields[f"title_{language}"])
    if cover:
        practice.cover.save(cover[0].name, cover[0], save=False)
        stored.append(practice.cover)
    practice.full_clean(exclude=["cover"])
    practice.save()
    if cover:
        stored.extend([practice.cover_card, practice.cover_large])  # thumbnails made on save
    practice.themes.set(themes)
    return practice


def _add_documents(practice, documents, document_language, language, stored):
    for order, upload in enumerate(documents):
        attachment = Attachment(practice=practice, language=document_language, order=order)
        setattr(attachment, f"title_{language}", _title_from_name(upload.name))
        attachment.fill_file_metadata(upload)
        attachment.file.save(upload.name, upload, save=False)
        stored.append(attachment.file)
        attachment.save()


def _add_gallery(practice, images, stored):
    for order, upload in enumerate(images):
        image = PracticeImage(practice=practice, order=order)
        image.image.save(upload.name, upload, save=False)
        stored.append(image.image)
        image.save()
        stored.extend([image.thumbnail, image.large])


def _title_from_name(name):
    """ "budget_hearings-2023.pdf" → "budget hearings 2023": a first title editors can improve."""
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return " ".join(stem.replace("_", " ").replace("-", " ").split())[:255] or name[:255]
