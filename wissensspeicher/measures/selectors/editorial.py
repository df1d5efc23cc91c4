"""Reads for the editorial workflow: what editors and moderators work on, versions and their differences."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils import timezone
from django.utils.translation import gettext as _

from wissensspeicher.measures.rules import can
from wissensspeicher.accounts.rules import editor_project_ids
from wissensspeicher.measures.models import (
    FieldOfAction,
    Measure,
    PublicationState,
    ReviewComment,
    SolutionType,
    TargetGroup,
)
from wissensspeicher.measures.rules import is_moderator
from wissensspeicher.measures.services.editorial import CHECK_INTERVAL, CONTENT_FIELDS, RELATION_FIELDS

_WITH = ("model_project", "state", "status", "spatial_impact", "revision_of")


def measure_for_user(pk: int, user) -> Measure:
    """A measure the user may see (published, or theirs to edit or review); raises Measure.DoesNotExist."""
    measure = (
        Measure.objects.select_related(*_WITH)
        .prefetch_related("fields_of_action", "solution_types", "target_groups", "municipality_links__municipality")
        .get(pk=pk)
    )
    if not can(user, "measures.view_measure", measure):
        raise Measure.DoesNotExist
    return measure


def measure_list_for_editor(user) -> QuerySet:
    """Every measure of the user's model projects (all states, revisions included), newest change first."""
    return (
        Measure.objects.filter(model_project_id__in=editor_project_ids(user))
        .select_related("model_project", "revision_of")
        .order_by("publication_state", "-updated_at")
    )


def measure_review_queue() -> QuerySet:
    """Measures and revisions waiting for a moderator, oldest submission first."""
    return Measure.objects.filter(publication_state=PublicationState.IN_REVIEW).select_related("model_project", "revision_of").order_by("updated_at")


def measure_check_due(user) -> QuerySet:
    """Published measures of the user's projects not checked for six months."""
    limit = timezone.now() - CHECK_INTERVAL
    return Measure.objects.published().filter(model_project_id__in=editor_project_ids(user), last_checked_at__lte=limit).order_by("last_checked_at")


def review_comments(measure: Measure) -> QuerySet:
    """The editorial conversation of a measure, oldest first."""
    return ReviewComment.objects.filter(measure=measure).select_related("author", "author__profile")


@dataclass
class Change:
    field: str
    label: str
    old: str
    new: str


@dataclass
class Version:
    history_id: int
    date: dt.datetime
    author: str
    reason: str
    changes: list[Change]
    is_current: bool


def _labels(model, slugs) -> str:
    names = dict(model.objects.filter(slug__in=slugs or []).values_list("slug", "label"))
    return ", ".join(names.get(s, s) for s in slugs or [])


def _display(record, name: str) -> str:
    field = Measure._meta.get_field(name)
    value = getattr(record, name)
    if field.is_relation:
        related = getattr(record, name, None)
        return str(related) if related is not None else "–"
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, dt.date):
        return value.strftime("%m/%Y")
    return str(value)


def _changes(new, old) -> list[Change]:
    changes = []
    for name in (*CONTENT_FIELDS, "publication_state", "last_checked_at"):
        field = Measure._meta.get_field(name)
        if name == "publication_state":
            new_value = dict(PublicationState.choices).get(new.publication_state, new.publication_state)
            old_value = dict(PublicationState.choices).get(old.publication_state, old.publication_state) if old else "–"
        elif name == "last_checked_at":
            new_value = date_format(timezone.localtime(new.last_checked_at), "SHORT_DATE_FORMAT") if new.last_checked_at else "–"
            old_value = (date_format(timezone.localtime(old.last_checked_at), "SHORT_DATE_FORMAT") if old and old.last_checked_at else "–")
        else:
            new_value = _display(new, name)
            old_value = _display(old, name) if old else "–"
        if new_value != old_value:
            changes.append(Change(name, str(field.verbose_name), old_value, new_value))
    new_rel, old_rel = new.relations or {}, (old.relations or {}) if old else {}
    labels = {"fields_of_action": (FieldOfAction, _("Handlungsfelder")), "solution_types": (SolutionType, _("Lösungstypen")),
              "target_groups": (TargetGroup, _("Zielgruppen"))}
    for name in RELATION_FIELDS:
        if sorted(new_rel.get(name, [])) != sorted(old_rel.get(name, [])):
            model, label = labels[name]
            changes.append(Change(name, label, _labels(model, old_rel.get(name)) or "–", _labels(model, new_rel.get(name)) or "–"))
    for name, label in (("municipalities", _("Beteiligte Kommunen")), ("reused_by", _("Nachnutzende Kommunen"))):
        if new_rel.get(name, []) != old_rel.get(name, []):
            changes.append(Change(name, label, ", ".join(old_rel.get(name, [])) or "–", ", ".join(new_rel.get(name, [])) or "–"))
    return changes


def measure_versions(measure: Measure) -> list[Version]:
    """Every version of a measure, newest first, each with what changed against the one before."""
    records = list(measure.history.select_related("history_user", "history_user__profile", "state", "status", "spatial_impact").order_by("-history_date", "-history_id"))
    versions = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        user = record.history_user
        author = (getattr(getattr(user, "profile", None), "name", "") or user.email) if user else _("Import oder System")
        versions.append(Version(record.history_id, record.history_date, author, record.history_change_reason or "",
                                _changes(record, previous), index == 0))
    return versions


def revision_changes(revision: Measure) -> list[Change]:
    """What a revision changes against its published measure."""
    return [c for c in _changes(revision, revision.revision_of) if c.field not in ("publication_state", "last_checked_at")]


def measure_history_for_user(user) -> list[dict]:
    """The versions a member wrote (for their data export)."""
    rows = Measure.history.filter(history_user=user).values("id", "title", "history_date", "history_change_reason")
    return [{"measure_id": r["id"], "title": r["title"], "date": r["history_date"].isoformat(), "reason": r["history_change_reason"]} for r in rows]


def review_comments_for_user(user) -> list[dict]:
    """The review comments a member wrote (for their data export)."""
    return [
        {"measure_id": c.measure_id, "kind": c.kind, "text": c.text, "created_at": c.created_at.isoformat()}
        for c in ReviewComment.objects.filter(author=user)
    ]


def moderation_overview() -> dict:
    """What waits for moderators: measures in review and open editor requests."""
    from wissensspeicher.accounts.selectors import editor_request_list_open

    return {"review_queue": measure_review_queue(), "editor_requests": editor_request_list_open()}


def user_is_moderator(user) -> bool:
    return is_moderator(user)
