"""The editorial workflow as editors and moderators live it, at the level of the services.

Editors of model project A (Ulm) write drafts, moderators review and publish; published measures change
through revisions; every step is a version with author and reason; editors are reminded twice a year.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wissensspeicher.accounts.models import Profile
from wissensspeicher.measures.models import Measure, ProgressStatus, PublicationState, ReviewComment, ReviewCommentKind
from wissensspeicher.measures.selectors import measure_detail
from wissensspeicher.measures.selectors.editorial import measure_for_user, measure_versions, revision_changes
from wissensspeicher.measures.services import measures_import
from wissensspeicher.measures.services.editorial import (
    measure_archive,
    measure_comment,
    measure_confirm_checked,
    measure_create,
    measure_publish,
    measure_restore_version,
    measure_revision_start,
    measure_send_back,
    measure_submit,
    measure_update,
    measures_check_remind,
)
from wissensspeicher.measures.tests.factories import (
    AdminFactory,
    MeasureFactory,
    ModeratorFactory,
    editor_of,
    measure_content,
)
from wissensspeicher.municipalities.models import ModelProject
from wissensspeicher.search.selectors import search_measures

pytestmark = pytest.mark.django_db

DRAFT, IN_REVIEW, PUBLISHED, ARCHIVED = (PublicationState.DRAFT, PublicationState.IN_REVIEW, PublicationState.PUBLISHED,
                                         PublicationState.ARCHIVED)


@pytest.fixture(autouse=True)
def _lexical_search_only(settings):
    settings.SEARCH_SEMANTIC = False  # these stories need the index, not the embedding model


@pytest.fixture
def project_a():
    return ModelProject.objects.get(name="Ulm")


@pytest.fixture
def project_b():
    return ModelProject.objects.get(name="Bamberg")


@pytest.fixture
def editor(project_a):
    return editor_of(project_a, email="lena.hoffmann@ulm.example")


@pytest.fixture
def moderator():
    return ModeratorFactory(email="moderation@geschaeftsstelle.example")


def found(word: str) -> set[int]:
    """Measures the public search finds for this exact word (no typo correction, compounds or synonyms)."""
    return {hit.measure_id for hit in search_measures(word, exact=True, semantic=False).hits}


def steps(measure_id: int) -> list[tuple]:
    """Each version of a measure, oldest first: (reason, author, publication state)."""
    records = Measure.history.filter(id=measure_id).order_by("history_date", "history_id")
    return [(r.history_change_reason, r.history_user, r.publication_state) for r in records]


def published_measure(editor, moderator, project, capture, **content) -> Measure:
    """A measure an editor wrote and a moderator published (e-mails of the way there are dropped)."""
    with capture(execute=True):
        measure = measure_create(editor, project, measure_content(**content))
        measure_submit(editor, measure)
        measure_publish(moderator, measure)
    mail.outbox.clear()
    return Measure.objects.get(pk=measure.pk)


# --- drafts, review, publication -------------------------------------------------------------------


def test_editor_can_create_a_draft_that_the_public_cannot_find(editor, project_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        draft = measure_create(editor, project_a, measure_content(title="Parkplatzsensorik in der Innenstadt"))

    assert draft.publication_state == DRAFT and draft.model_project == project_a
    with pytest.raises(Measure.DoesNotExist):
        measure_detail(draft.pk)
    assert draft.pk not in found("Parkplatzsensorik")
    assert measure_for_user(draft.pk, editor) == draft  # its editors see it


def test_editor_and_moderator_can_take_a_draft_through_review_to_publication(
    editor, moderator, project_a, project_b, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    colleague = editor_of(project_a, email="kai.berger@ulm.example")
    editor_of(project_b, email="redaktion@bamberg.example")
    draft = measure_create(editor, project_a, measure_content(title="Parkplatzsensorik in der Innenstadt"))

    # The editor submits: the moderators are told.
    with capture(execute=True):
        measure_submit(editor, draft)
    assert Measure.objects.get(pk=draft.pk).publication_state == IN_REVIEW
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    assert "Parkplatzsensorik in der Innenstadt" in mail.outbox[0].subject
    mail.outbox.clear()

    # Sending back needs a comment; without one nothing happens and the error names the field.
    with capture(execute=True), pytest.raises(ValidationError) as excinfo:
        measure_send_back(moderator, draft, text="   ")
    assert "text" in excinfo.value.message_dict
    assert Measure.objects.get(pk=draft.pk).publication_state == IN_REVIEW and mail.outbox == []

    with capture(execute=True):
        measure_send_back(moderator, draft, text="Bitte ergänzen Sie das Budget.")
    assert Measure.objects.get(pk=draft.pk).publication_state == DRAFT
    assert len(mail.outbox) == 1 and sorted(mail.outbox[0].to) == sorted([editor.email, colleague.email])
    assert "Bitte ergänzen Sie das Budget." in mail.outbox[0].body
    note = ReviewComment.objects.get(measure=draft, kind=ReviewCommentKind.SENT_BACK)
    assert (note.author, note.text) == (moderator, "Bitte ergänzen Sie das Budget.")
    mail.outbox.clear()

    # The editor revises and resubmits.
    with capture(execute=True):
        measure_update(editor, draft, measure_content(title="Parkplatzsensorik in der Innenstadt", budget_eur=420_000))
        measure_submit(editor, draft)
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    mail.outbox.clear()

    # The moderator publishes: the public sees it, its editors are told, and it counts as checked today.
    with capture(execute=True):
        public = measure_publish(moderator, draft)
    assert public.pk == draft.pk
    shown = measure_detail(draft.pk)
    assert shown.title == "Parkplatzsensorik in der Innenstadt" and shown.budget_eur == 420_000
    assert draft.pk in found("Parkplatzsensorik")
    assert len(mail.outbox) == 1 and sorted(mail.outbox[0].to) == sorted([editor.email, colleague.email])
    assert abs(shown.last_checked_at - timezone.now()) < dt.timedelta(minutes=1)

    # Every step is a version with who did it and why.
    assert steps(draft.pk) == [
        ("Angelegt", editor, DRAFT),
        ("Zur Prüfung eingereicht", editor, IN_REVIEW),
        ("Zur Überarbeitung zurückgegeben", moderator, DRAFT),
        ("Bearbeitet", editor, DRAFT),
        ("Zur Prüfung eingereicht", editor, IN_REVIEW),
        ("Veröffentlicht", moderator, PUBLISHED),
    ]
    assert list(ReviewComment.objects.filter(measure=draft).values_list("kind", flat=True)) == [
        ReviewCommentKind.SUBMITTED, ReviewCommentKind.SENT_BACK, ReviewCommentKind.SUBMITTED,
        ReviewCommentKind.PUBLISHED,
    ]


def test_editor_cannot_post_an_empty_comment(editor, project_a):
    draft = measure_create(editor, project_a, measure_content())

    with pytest.raises(ValidationError) as excinfo:
        measure_comment(editor, draft, text="")

    assert "text" in excinfo.value.message_dict and not ReviewComment.objects.filter(measure=draft).exists()


# --- changing a published measure ------------------------------------------------------------------


def test_public_sees_the_old_title_until_the_moderator_publishes_the_revision(
    editor, moderator, project_a, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    measure = published_measure(editor, moderator, project_a, capture, title="Parkplatzsensorik in der Innenstadt")

    with capture(execute=True):
        revision = measure_revision_start(editor, measure)
        assert measure_revision_start(editor, measure) == revision  # one revision at a time
        measure_update(editor, revision, measure_content(title="Parkleitsystem mit Sensoren"))
        measure_comment(moderator, revision, text="Bitte nennen Sie die Zahl der Sensoren.")
        measure_submit(editor, revision)

    assert (revision.revision_of, revision.publication_state) == (measure, IN_REVIEW)
    with pytest.raises(ValidationError):
        measure_update(editor, measure, measure_content(title="Am Review vorbei"))  # never directly
    assert measure_detail(measure.pk).title == "Parkplatzsensorik in der Innenstadt"
    assert found("Parkleitsystem") == set()
    assert [(c.label, c.old, c.new) for c in revision_changes(revision)] == [
        ("Titel", "Parkplatzsensorik in der Innenstadt", "Parkleitsystem mit Sensoren")
    ]
    revision_pk = revision.pk
    assert steps(revision_pk) == [
        ("Überarbeitung begonnen", editor, DRAFT),
        ("Bearbeitet", editor, DRAFT),
        ("Zur Prüfung eingereicht", editor, IN_REVIEW),
    ]

    with capture(execute=True):
        public = measure_publish(moderator, revision)

    assert public.pk == measure.pk
    assert measure_detail(measure.pk).title == "Parkleitsystem mit Sensoren"
    assert measure.pk in found("Parkleitsystem")
    assert not Measure.objects.filter(pk=revision_pk).exists()
    assert not Measure.objects.filter(revision_of=measure).exists()
    moved = list(ReviewComment.objects.filter(measure=measure).values_list("kind", "text"))
    assert (ReviewCommentKind.COMMENT, "Bitte nennen Sie die Zahl der Sensoren.") in moved
    assert moved[-1][0] == ReviewCommentKind.PUBLISHED
    # The new version is the editor's work, released by the moderator.
    assert steps(measure.pk)[-1] == (f"Änderung veröffentlicht, freigegeben von {moderator.email}", editor, PUBLISHED)
    assert [m.to for m in mail.outbox][-1] == [editor.email]


# --- versions --------------------------------------------------------------------------------------


def test_editor_can_read_what_each_version_changed_as_label_old_and_new(editor, project_a):
    Profile.objects.create(user=editor, name="Lena Hoffmann")
    first_content = measure_content(title="Parkplatzsensorik", fields_of_action=["Mobilität"])
    measure = measure_create(editor, project_a, first_content)
    measure_update(editor, measure, measure_content(title="Parkleitsystem", fields_of_action=["Mobilität", "Energie"]))

    newest, first = measure_versions(measure)

    assert (first.reason, first.is_current) == ("Angelegt", False)
    assert (newest.reason, newest.author, newest.is_current) == ("Bearbeitet", "Lena Hoffmann", True)
    assert {c.field: (c.label, c.old, c.new) for c in newest.changes} == {
        "title": ("Titel", "Parkplatzsensorik", "Parkleitsystem"),
        "fields_of_action": ("Handlungsfelder", "Mobilität", "Energie, Mobilität"),
    }


def test_versions_show_workflow_steps_and_single_valued_taxonomies_readably(editor, moderator, project_a):
    measure = measure_create(editor, project_a, measure_content())
    measure_update(editor, measure, measure_content(status=ProgressStatus.objects.get(label="Abgeschlossen")))
    measure_submit(editor, measure)

    submitted, edited, _created = measure_versions(measure)

    assert [(c.label, c.old, c.new) for c in edited.changes] == [("Bearbeitungsstand", "In Umsetzung", "Abgeschlossen")]
    assert [(c.label, c.old, c.new) for c in submitted.changes] == [
        ("Veröffentlichungsstatus", "Entwurf", "In Prüfung")
    ]


def test_editor_can_restore_an_older_version_and_the_restore_is_a_new_version(editor, project_a):
    first_content = measure_content(title="Parkplatzsensorik", fields_of_action=["Mobilität"])
    measure = measure_create(editor, project_a, first_content)
    created = measure.history.get()
    measure_update(editor, measure, measure_content(title="Parkleitsystem", fields_of_action=["Energie"]))

    measure_restore_version(editor, measure, created.history_id)

    measure = Measure.objects.get(pk=measure.pk)
    assert measure.title == "Parkplatzsensorik"
    assert [t.label for t in measure.fields_of_action.all()] == ["Mobilität"]
    assert measure.history.count() == 3
    newest = measure_versions(measure)[0]
    assert newest.reason.startswith("Version vom ") and newest.reason.endswith(" wiederhergestellt")
    assert measure.history.latest().history_user == editor
    assert {c.field: (c.old, c.new) for c in newest.changes} == {
        "title": ("Parkleitsystem", "Parkplatzsensorik"),
        "fields_of_action": ("Energie", "Mobilität"),
    }


def test_editor_cannot_restore_a_version_of_another_measure(editor, project_a):
    measure = measure_create(editor, project_a, measure_content(title="Parkplatzsensorik"))
    other = measure_create(editor, project_a, measure_content(title="Digitale Bürgerdienste"))

    with pytest.raises(ValidationError):
        measure_restore_version(editor, measure, other.history.get().history_id)

    assert Measure.objects.get(pk=measure.pk).title == "Parkplatzsensorik"


def test_import_publishes_measures_as_an_import_version_and_a_reimport_adds_one(measure_line, to_lines):
    measures_import(to_lines(measure_line()))
    measure = Measure.objects.get(external_id="ulm-parken-001")

    assert measure_detail(measure.pk).title == "Parkplatzsensorik in der Innenstadt"
    assert [(r.history_type, r.history_change_reason, r.history_user) for r in measure.history.all()] == [
        ("+", "Import", None)
    ]

    measures_import(to_lines(measure_line(title="Parkleitsystem mit Sensoren")))

    records = list(measure.history.order_by("history_date", "history_id"))
    assert [(r.history_type, r.history_change_reason, r.title) for r in records] == [
        ("+", "Import", "Parkplatzsensorik in der Innenstadt"), ("~", "Import", "Parkleitsystem mit Sensoren"),
    ]
    newest = measure_versions(measure)[0]
    assert newest.author == "Import oder System"
    assert [(c.label, c.old, c.new) for c in newest.changes] == [
        ("Titel", "Parkplatzsensorik in der Innenstadt", "Parkleitsystem mit Sensoren")
    ]


# --- twice-yearly check ----------------------------------------------------------------------------


def test_editors_are_reminded_once_of_measures_not_checked_for_six_months(
    editor, project_a, project_b, measure_line, to_lines, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    colleague = editor_of(project_a, email="kai.berger@ulm.example")
    editor_of(project_b, email="redaktion@bamberg.example")
    measures_import(to_lines(measure_line(external_id="ulm-alt", title="Parkplatzsensorik von 2022"),
                             measure_line(external_id="ulm-neu", title="Digitale Bürgerdienste von heute")))
    now = timezone.now()
    Measure.objects.filter(external_id="ulm-alt").update(last_checked_at=now - dt.timedelta(days=200))
    Measure.objects.filter(external_id="ulm-neu").update(last_checked_at=now - dt.timedelta(days=10))
    MeasureFactory(model_project=project_a, publication_state=DRAFT, title="Alter Entwurf",
                   last_checked_at=now - dt.timedelta(days=400))

    with capture(execute=True):
        sent = measures_check_remind()

    assert sent == 2
    assert sorted(m.to for m in mail.outbox) == sorted([[editor.email], [colleague.email]])
    for message in mail.outbox:
        assert "Parkplatzsensorik von 2022" in message.body
        assert "Digitale Bürgerdienste von heute" not in message.body and "Alter Entwurf" not in message.body
    mail.outbox.clear()

    with capture(execute=True):
        assert measures_check_remind() == 0
    assert mail.outbox == []

    # Confirming starts a new period: the next reminder comes six months later.
    measure_confirm_checked(editor, Measure.objects.get(external_id="ulm-alt"))
    with capture(execute=True):
        assert measures_check_remind() == 0
        assert measures_check_remind(now + dt.timedelta(days=200)) == 2


# --- who may not -----------------------------------------------------------------------------------

# (service, state of the measure of A in which the service would work, who may do it, the call)
SERVICE_CALLS = [
    ("measure_create", None, "editor_a", lambda user, m, project: measure_create(user, project, measure_content())),
    ("measure_update", DRAFT, "editor_a",
     lambda user, m, project: measure_update(user, m, measure_content(title="Geändert"))),
    ("measure_revision_start", PUBLISHED, "editor_a", lambda user, m, project: measure_revision_start(user, m)),
    ("measure_submit", DRAFT, "editor_a", lambda user, m, project: measure_submit(user, m)),
    ("measure_comment", DRAFT, "editor_a", lambda user, m, project: measure_comment(user, m, text="Sieht gut aus.")),
    ("measure_confirm_checked", PUBLISHED, "editor_a", lambda user, m, project: measure_confirm_checked(user, m)),
    ("measure_restore_version", DRAFT, "editor_a",
     lambda user, m, project: measure_restore_version(user, m, m.history.earliest().history_id)),
    ("measure_send_back", IN_REVIEW, "moderator",
     lambda user, m, project: measure_send_back(user, m, text="Bitte ergänzen.")),
    ("measure_publish", IN_REVIEW, "moderator", lambda user, m, project: measure_publish(user, m)),
    ("measure_archive", PUBLISHED, "moderator", lambda user, m, project: measure_archive(user, m)),
]


def _snapshot(measure) -> tuple:
    if measure is None:
        return (Measure.objects.count(),)
    fresh = Measure.objects.get(pk=measure.pk)
    return (Measure.objects.count(), fresh.title, fresh.publication_state, fresh.last_checked_at, fresh.history.count(),
            ReviewComment.objects.filter(measure=measure).count())


@pytest.mark.parametrize(("service", "state", "allowed", "call"), SERVICE_CALLS, ids=[c[0] for c in SERVICE_CALLS])
def test_editor_of_b_cannot_use_any_service_on_a_measure_of_a(project_a, project_b, service, state, allowed, call):
    measure = MeasureFactory(model_project=project_a, publication_state=state) if state else None
    editor_b = editor_of(project_b)
    before = _snapshot(measure)

    with pytest.raises(PermissionDenied):
        call(editor_b, measure, project_a)

    assert _snapshot(measure) == before
    # The same call works for those who may make it, so it was refused for the project, not the state.
    call(editor_of(project_a) if allowed == "editor_a" else ModeratorFactory(), measure, project_a)


# Calls that would break the workflow: a public measure taken offline without a revision, a draft
# archived or confirmed as checked, an archived measure changed.
WORKFLOW_BREAKS = [
    ("submit a published measure", PUBLISHED, lambda user, m: measure_submit(user, m)),
    ("send back a published measure", PUBLISHED, lambda user, m: measure_send_back(user, m, text="Zurück")),
    ("send back a draft", DRAFT, lambda user, m: measure_send_back(user, m, text="Zurück")),
    ("archive a draft", DRAFT, lambda user, m: measure_archive(user, m)),
    ("publish a published measure", PUBLISHED, lambda user, m: measure_publish(user, m)),
    ("confirm a draft as checked", DRAFT, lambda user, m: measure_confirm_checked(user, m)),
    ("change an archived measure", ARCHIVED,
     lambda user, m: measure_update(user, m, measure_content(title="Geändert"))),
    ("restore a version of an archived measure", ARCHIVED,
     lambda user, m: measure_restore_version(user, m, m.history.earliest().history_id)),
]


@pytest.mark.parametrize("make_user", [ModeratorFactory, AdminFactory], ids=["moderator", "admin"])
@pytest.mark.parametrize(("action", "state", "call"), WORKFLOW_BREAKS, ids=[w[0] for w in WORKFLOW_BREAKS])
def test_moderator_and_admin_cannot_skip_the_workflow_states(project_a, make_user, action, state, call):
    measure = MeasureFactory(model_project=project_a, publication_state=state)
    before = _snapshot(measure)

    with pytest.raises(PermissionDenied):
        call(make_user(), measure)

    assert _snapshot(measure) == before
