"""The review workflow: draft → submitted → in review → published (→ archived), with
the reviewer's comments kept and the member told by e-mail in their own language."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from practices import services
from practices.models import Practice, ReviewEvent

pytestmark = pytest.mark.django_db

Status = Practice.Status

LEGAL = [
    (services.practice_submit, Status.DRAFT, Status.SUBMITTED),
    (services.practice_start_review, Status.SUBMITTED, Status.IN_REVIEW),
    (services.practice_publish, Status.SUBMITTED, Status.PUBLISHED),
    (services.practice_publish, Status.IN_REVIEW, Status.PUBLISHED),
    (services.practice_publish, Status.ARCHIVED, Status.PUBLISHED),
    (services.practice_return, Status.SUBMITTED, Status.DRAFT),
    (services.practice_return, Status.IN_REVIEW, Status.DRAFT),
    (services.practice_archive, Status.PUBLISHED, Status.ARCHIVED),
]
ALL_STATUSES = list(Status)
ILLEGAL = [
    (service, start)
    for service in {service for service, _start, _end in LEGAL}
    for start in ALL_STATUSES
    if (service, start) not in {(s, f) for s, f, _t in LEGAL}
]


@pytest.fixture
def proposal(make_practice, servant):
    """A practice proposed by the servant (who reads e-mails in Kyrgyz), waiting for an editor."""

    def make(status=Status.SUBMITTED, **fields):
        return make_practice(
            "Kumbel drinking water",
            status=status,
            submitted_by=servant,
            published_at=None,
            title_ky="Кумбелдин ичүүчү суусу",
            title_ru="Питьевая вода Кумбеля",
            **fields,
        )

    return make


@pytest.mark.parametrize(("service", "start", "end"), LEGAL)
def test_it_moves_along_every_legal_transition_and_records_it(service, start, end, proposal, editor):
    practice = proposal(status=start)
    service(practice=practice, by=editor, comment="Checked the figures.")
    practice.refresh_from_db()
    assert practice.status == end
    event = ReviewEvent.objects.get(practice=practice)
    assert (event.actor, event.from_status, event.to_status) == (editor, start, end)
    assert event.comment == "Checked the figures."


@pytest.mark.parametrize(("service", "start"), ILLEGAL)
def test_it_refuses_every_illegal_transition_and_changes_nothing(service, start, proposal, editor):
    practice = proposal(status=start)
    with pytest.raises(ValidationError) as raised:
        service(practice=practice, by=editor, comment="Why not")
    assert raised.value.code == "invalid_transition"
    assert "Питьевая вода" in raised.value.messages[0] or "Кумбелдин" in raised.value.messages[0]
    practice.refresh_from_db()
    assert practice.status == start
    assert not ReviewEvent.objects.exists()


def test_the_refusal_is_said_in_the_readers_language(proposal, editor):
    practice = proposal(status=Status.DRAFT)
    with translation.override("ru"), pytest.raises(ValidationError) as raised:
        services.practice_archive(practice=practice, by=editor)
    with translation.override("ru"):
        message = raised.value.messages[0]
        refusal = translation.gettext("“%(title)s” cannot be archived: its status is “%(status)s”.")
        assert message == refusal % {"title": "Питьевая вода Кумбеля", "status": Status.DRAFT.label}
        assert str(Status.DRAFT.label) in message


def test_it_refuses_a_step_that_another_editor_has_already_made(proposal, editor):
    practice = proposal(status=Status.SUBMITTED)
    stale = Practice.objects.get(pk=practice.pk)
    services.practice_publish(practice=practice, by=editor)
    with pytest.raises(ValidationError):
        services.practice_start_review(practice=stale, by=editor)
    assert ReviewEvent.objects.filter(practice=practice).count() == 1


def test_returning_requires_a_comment(proposal, editor):
    practice = proposal(status=Status.IN_REVIEW)
    with pytest.raises(ValidationError) as raised:
        services.practice_return(practice=practice, by=editor, comment="   ")
    assert raised.value.code == "comment_required"
    practice.refresh_from_db()
    assert practice.status == Status.IN_REVIEW


def test_first_publication_dates_the_practice_and_republishing_keeps_the_date(proposal, editor):
    practice = proposal(status=Status.SUBMITTED)
    services.practice_publish(practice=practice, by=editor)
    practice.refresh_from_db()
    first = practice.published_at
    assert first is not None
    services.practice_archive(practice=practice, by=editor)
    services.practice_publish(practice=practice, by=editor)
    practice.refresh_from_db()
    assert practice.published_at == first
    steps = list(ReviewEvent.objects.filter(practice=practice).values_list("from_status", "to_status"))
    assert steps == [
        (Status.SUBMITTED, Status.PUBLISHED),
        (Status.PUBLISHED, Status.ARCHIVED),
        (Status.ARCHIVED, Status.PUBLISHED),
    ]


def test_every_step_updates_the_search_index(proposal, editor, monkeypatch):
    indexed = []
    monkeypatch.setattr(services.search, "index", indexed.append)
    practice = proposal(status=Status.SUBMITTED)
    services.practice_start_review(practice=practice, by=editor)
    services.practice_publish(practice=practice, by=editor)
    assert indexed == [practice, practice]


def test_publication_emails_the_member_in_kyrgyz_with_the_comment_and_a_link(
    proposal, editor, servant, django_capture_on_commit_callbacks
):
    practice = proposal(status=Status.IN_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_publish(practice=practice, by=editor, comment="Сонун тажрыйба!")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [servant.email]
    assert "Кумбелдин ичүүчү суусу" in message.subject
    assert "Сонун тажрыйба!" in message.body
    assert f"http://127.0.0.1:8000/ky/practices/{practice.slug}/" in message.body
    with translation.override("ky"):
        assert translation.gettext("See it on the portal:") in message.body


def test_return_emails_the_member_in_russian_with_the_comment_and_links(
    proposal, editor, servant, django_capture_on_commit_callbacks
):
    servant.preferred_language = "ru"
    servant.save()
    practice = proposal(status=Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_return(practice=practice, by=editor, comment="Добавьте, пожалуйста, бюджет проекта.")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Питьевая вода Кумбеля" in message.subject
    assert "Добавьте, пожалуйста, бюджет проекта." in message.body
    assert f"/ru/practices/{practice.slug}/" in message.body
    assert "/ru/accounts/profile/" in message.body
    with translation.override("ru"):
        assert translation.gettext("The editor's comment:") in message.body


def test_the_email_waits_for_the_commit(proposal, editor, django_capture_on_commit_callbacks):
    practice = proposal(status=Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.practice_publish(practice=practice, by=editor)
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_no_email_when_nobody_proposed_the_practice(make_practice, editor, django_capture_on_commit_callbacks):
    practice = make_practice(status=Status.SUBMITTED, published_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_publish(practice=practice, by=editor)
        services.practice_archive(practice=practice, by=editor)
    assert mail.outbox == []


def test_no_email_to_an_editor_who_publishes_their_own_proposal(
    make_practice, editor, django_capture_on_commit_callbacks
):
    practice = make_practice(status=Status.SUBMITTED, published_at=None, submitted_by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_publish(practice=practice, by=editor)
    assert mail.outbox == []


def test_start_review_and_archive_send_no_email(proposal, editor, django_capture_on_commit_callbacks):
    practice = proposal(status=Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_start_review(practice=practice, by=editor)
    assert mail.outbox == []


def test_a_failing_mail_server_does_not_undo_the_publication(
    proposal, editor, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr(services, "send_email", broken)
    practice = proposal(status=Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_publish(practice=practice, by=editor)
    practice.refresh_from_db()
    assert practice.status == Status.PUBLISHED


def test_allowed_transitions_follow_the_status(proposal):
    assert services.allowed_transitions(proposal(status=Status.DRAFT)) == [Status.SUBMITTED]
    assert services.allowed_transitions(proposal(status=Status.SUBMITTED)) == [
        Status.IN_REVIEW,
        Status.PUBLISHED,
        Status.DRAFT,
    ]
    assert services.allowed_transitions(proposal(status=Status.PUBLISHED)) == [Status.ARCHIVED]
    assert services.allowed_transitions(proposal(status=Status.ARCHIVED)) == [Status.PUBLISHED]


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Ичүүчү суу үчүн ңөү", "ichuuchu-suu-uchun-ngou"),
        ("Питьевая вода в Кумбеле", "pitevaya-voda-v-kumbele"),
        ("Street lighting", "street-lighting"),
        ("!!!", "practice"),
    ],
)
def test_proposals_get_readable_latin_slugs(title, slug):
    assert services.unique_slug(title) == slug


def test_slugs_stay_unique(make_practice):
    make_practice(slug="street-lighting")
    assert services.unique_slug("Street lighting") == "street-lighting-2"
