"""Start Smart services: double opt-in, transitions, assignment, next step, notes, e-mails and history."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from wissensspeicher.measures.models import FieldOfAction
from wissensspeicher.municipalities.models import Municipality
from wissensspeicher.startsmart import services
from wissensspeicher.startsmart.models import PipelineEntryKind, PipelineState
from wissensspeicher.startsmart.tests.factories import ExpressionOfInterestFactory

pytestmark = pytest.mark.django_db


def submit(**overrides):
    data = {"municipality": Municipality.objects.get(key="14628270"), "contact_name": "Dr. Henrik Lorenz",
            "function": "Stabsstelle Digitalisierung", "email": "Digital@Pirna.example", "consent": True,
            "formats": ["peer-learning", "initialberatung"], "topics": FieldOfAction.objects.all()[:2], "language": "de"}
    data.update(overrides)
    return services.expression_of_interest_submit(**data)


def test_visitor_can_submit_and_gets_opt_in_mail_in_their_language(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        eoi = submit(language="en-gb")
    assert not eoi.is_confirmed and eoi.state == PipelineState.NEW
    assert eoi.email == "digital@pirna.example" and eoi.language == "en"
    assert eoi.topics.count() == 2 and eoi.formats == ["peer-learning", "initialberatung"]
    assert [e.kind for e in eoi.entries.all()] == [PipelineEntryKind.SUBMITTED]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["digital@pirna.example"]
    assert f"/start-smart/interesse/bestaetigen/{eoi.token}/" in mail.outbox[0].body
    assert "Please confirm" in mail.outbox[0].subject or "Bitte bestätigen" in mail.outbox[0].subject


def test_visitor_cannot_submit_without_consent():
    with pytest.raises(ValidationError) as info:
        submit(consent=False)
    assert "consent" in info.value.message_dict


def test_visitor_can_confirm_once_and_moderators_are_told(moderator, django_capture_on_commit_callbacks):
    eoi = submit()
    with django_capture_on_commit_callbacks(execute=True):
        services.expression_of_interest_confirm(eoi.token)
    with django_capture_on_commit_callbacks(execute=True):
        services.expression_of_interest_confirm(eoi.token)  # a second click changes nothing
    eoi.refresh_from_db()
    assert eoi.is_confirmed
    assert [e.kind for e in eoi.entries.all()] == [PipelineEntryKind.SUBMITTED, PipelineEntryKind.CONFIRMED]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [moderator.email]
    assert "Pirna" in mail.outbox[0].subject
    assert mail.outbox[0].reply_to == ["digital@pirna.example"]
    assert f"/start-smart/anfragen/{eoi.pk}/" in mail.outbox[0].body


def test_moderator_can_move_through_allowed_states_with_history(moderator, django_capture_on_commit_callbacks):
    eoi = ExpressionOfInterestFactory()
    with django_capture_on_commit_callbacks(execute=True):
        review = services.expression_of_interest_transition(eoi, PipelineState.IN_REVIEW, actor=moderator, note="Förderlage prüfen")
    assert mail.outbox == []  # an internal step: the municipality is not told
    assert (review.from_state, review.to_state, review.text, review.municipality_notified) == ("new", "in_review", "Förderlage prüfen", False)
    day = dt.date(2027, 1, 12)
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.expression_of_interest_transition(eoi, PipelineState.CONSULTATION_SCHEDULED, actor=moderator,
                                                           next_step="Initialberatung per Videokonferenz", next_step_date=day)
    eoi.refresh_from_db()
    assert eoi.state == PipelineState.CONSULTATION_SCHEDULED and eoi.next_step_date == day
    assert entry.municipality_notified and entry.actor == moderator
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [eoi.email]
    assert "Initialberatung" in mail.outbox[0].subject
    assert "Initialberatung per Videokonferenz" in mail.outbox[0].body and "Dienstag, 12. Januar 2027" in mail.outbox[0].body
    kinds = [e.kind for e in eoi.entries.all()]
    assert kinds == [PipelineEntryKind.STATE, PipelineEntryKind.NEXT_STEP, PipelineEntryKind.STATE]


def test_municipality_gets_state_mail_in_its_stored_language(moderator, django_capture_on_commit_callbacks):
    day = dt.date(2027, 1, 12)
    for language in ("en", "de"):
        eoi = ExpressionOfInterestFactory(language=language, state=PipelineState.IN_REVIEW)
        with django_capture_on_commit_callbacks(execute=True):
            services.expression_of_interest_transition(eoi, PipelineState.CONSULTATION_SCHEDULED, actor=moderator,
                                                       next_step="Video call", next_step_date=day)
    english_mail, german_mail = mail.outbox
    # Django's own catalogue names the months, so the date shows which language the mail was rendered in.
    assert "January 2027" in english_mail.body and "Januar 2027" not in english_mail.body
    assert "Dienstag, 12. Januar 2027" in german_mail.body
    assert german_mail.subject == "Start Smart: Ihre Initialberatung ist vereinbart"


def test_moderator_cannot_make_a_forbidden_transition(moderator):
    eoi = ExpressionOfInterestFactory()
    with pytest.raises(ValidationError) as info:
        services.expression_of_interest_transition(eoi, PipelineState.COMPLETED, actor=moderator)
    assert "„neu“" in info.value.messages[0] and "„abgeschlossen“" in info.value.messages[0]
    assert "in Prüfung" in info.value.messages[0]
    eoi.refresh_from_db()
    assert eoi.state == PipelineState.NEW and not eoi.entries.exists()


def test_moderator_cannot_move_an_unconfirmed_request(moderator):
    eoi = ExpressionOfInterestFactory(confirmed_at=None)
    with pytest.raises(ValidationError):
        services.expression_of_interest_transition(eoi, PipelineState.IN_REVIEW, actor=moderator)


def test_member_cannot_change_the_pipeline(member):
    eoi = ExpressionOfInterestFactory()
    for call in (lambda: services.expression_of_interest_transition(eoi, PipelineState.IN_REVIEW, actor=member),
                 lambda: services.expression_of_interest_assign(eoi, None, actor=member),
                 lambda: services.expression_of_interest_set_next_step(eoi, actor=member, next_step="x"),
                 lambda: services.expression_of_interest_add_note(eoi, actor=member, text="x")):
        with pytest.raises(PermissionDenied):
            call()


def test_moderator_can_assign_set_next_step_and_add_note(moderator):
    eoi = ExpressionOfInterestFactory()
    services.expression_of_interest_assign(eoi, moderator, actor=moderator)
    services.expression_of_interest_set_next_step(eoi, actor=moderator, next_step="Telefonat", next_step_date=dt.date(2027, 2, 3))
    services.expression_of_interest_add_note(eoi, actor=moderator, text="Ruft nach 14 Uhr zurück.")
    eoi.refresh_from_db()
    assert eoi.assignee == moderator and eoi.next_step == "Telefonat"
    assert [e.kind for e in eoi.entries.all()] == ["assigned", "next_step", "note"]
    assert mail.outbox == []


def test_moderator_cannot_assign_a_member(moderator, member):
    with pytest.raises(ValidationError):
        services.expression_of_interest_assign(ExpressionOfInterestFactory(), member, actor=moderator)


def test_moderator_cannot_add_an_empty_note(moderator):
    with pytest.raises(ValidationError):
        services.expression_of_interest_add_note(ExpressionOfInterestFactory(), actor=moderator, text="  ")


def test_unconfirmed_requests_are_deleted_after_the_retention_period_and_confirmed_ones_stay():
    from django.core.management import call_command
    from django.utils import timezone

    old = timezone.now() - dt.timedelta(days=services.UNCONFIRMED_RETENTION_DAYS + 1)
    stale = ExpressionOfInterestFactory(confirmed_at=None, created_at=old)
    fresh = ExpressionOfInterestFactory(confirmed_at=None)
    confirmed_long_ago = ExpressionOfInterestFactory(created_at=old)
    call_command("purge_unconfirmed_interests", stdout=io.StringIO())
    remaining = set(type(stale).objects.values_list("pk", flat=True))
    assert stale.pk not in remaining
    assert {fresh.pk, confirmed_long_ago.pk} <= remaining
    assert services.expressions_of_interest_purge_unconfirmed() == 0
