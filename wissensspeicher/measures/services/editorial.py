"""The editorial workflow: editors write measures of their model projects, moderators review and publish.

States: draft → in review → published → archived (separate from the measure's progress, its
Bearbeitungsstand). A published measure stays public while it is being changed: editing it opens a
revision (a draft copy, `revision_of`), which goes through review; publishing the revision writes its
content onto the published measure, so the public sees the change only once a moderator published it.
Every change is versioned (django-simple-history) with author, time and reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wissensspeicher.core.mail import absolute_url, mail_after_commit
from wissensspeicher.measures.models import (
    FieldOfAction,
    Measure,
    MeasureMunicipality,
    MunicipalityLinkKind,
    PublicationState,
    ReviewComment,
    ReviewCommentKind,
    SolutionType,
    TargetGroup,
)
from wissensspeicher.measures.services.events import measures_changed
from wissensspeicher.municipalities.selectors import municipality_resolve_name

# Fields an editor writes (everything but the workflow's own bookkeeping).
CONTENT_FIELDS = (
    "title", "summary", "description", "state", "spatial_impact", "status", "start", "end", "budget_eur",
    "open_source", "repository_url", "licence", "transferability", "contact_name", "contact_role",
    "contact_email", "contact_consent",
)
RELATION_FIELDS = {"fields_of_action": FieldOfAction, "solution_types": SolutionType, "target_groups": TargetGroup}
CHECK_INTERVAL = dt.timedelta(days=182)  # measures are reviewed twice a year


@dataclass
class MeasureContent:
    """What an editor submits for a measure (from the form or the API), already validated."""

    values: dict[str, object]
    fields_of_action: list = field(default_factory=list)
    solution_types: list = field(default_factory=list)
    target_groups: list = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)  # names as written, one per entry
    reused_by: list[str] = field(default_factory=list)


def _check(user, permission: str, measure) -> None:
    # Ask the rule itself: user.has_perm() lets superusers pass without it, and the rules also guard the
    # workflow states (an admin must not, say, "submit" a published measure and take it offline).
    if not rules.has_perm(permission, user, measure):
        raise PermissionDenied(permission)


def relations_snapshot(measure: Measure) -> dict[str, list[str]]:
    """The measure's taxonomy terms (slugs) and municipalities (as written), for its version history."""
    snapshot = {name: sorted(getattr(measure, name).values_list("slug", flat=True)) for name in RELATION_FIELDS}
    links = list(measure.municipality_links.order_by("kind", "position").values_list("kind", "name_as_written"))
    snapshot["municipalities"] = [n for k, n in links if k == MunicipalityLinkKind.INVOLVED]
    snapshot["reused_by"] = [n for k, n in links if k == MunicipalityLinkKind.REUSED_BY]
    return snapshot


def _write_links(measure: Measure, municipalities: Iterable[str], reused_by: Iterable[str]) -> None:
    measure.municipality_links.all().delete()
    links = []
    state_code = measure.state.code if measure.state_id else None
    for kind, names in ((MunicipalityLinkKind.INVOLVED, municipalities), (MunicipalityLinkKind.REUSED_BY, reused_by)):
        for position, name in enumerate(n.strip() for n in names if n and n.strip()):
            resolved = municipality_resolve_name(name, state=state_code if kind == MunicipalityLinkKind.INVOLVED else None)
            links.append(MeasureMunicipality(measure=measure, kind=kind, position=position, name_as_written=name,
                                             municipality_id=resolved.municipality_id))
    MeasureMunicipality.objects.bulk_create(links)


def _save_with_history(measure: Measure, user, reason: str) -> None:
    measure._history_user = user if getattr(user, "is_authenticated", False) else None
    measure._change_reason = reason
    measure.save()


def _apply(measure: Measure, content: MeasureContent) -> None:
    for name, value in content.values.items():
        if name in CONTENT_FIELDS:
            setattr(measure, name, value)


def _apply_relations(measure: Measure, content: MeasureContent) -> None:
    for name in RELATION_FIELDS:
        getattr(measure, name).set(getattr(content, name))
    _write_links(measure, content.municipalities, content.reused_by)


def content_of(measure: Measure) -> MeasureContent:
    """A measure's current content, e.g. to start a revision or to fill a form."""
    links = list(measure.municipality_links.order_by("kind", "position"))
    return MeasureContent(
        values={name: getattr(measure, name) for name in CONTENT_FIELDS},
        fields_of_action=list(measure.fields_of_action.all()),
        solution_types=list(measure.solution_types.all()),
        target_groups=list(measure.target_groups.all()),
        municipalities=[link.name_as_written for link in links if link.kind == MunicipalityLinkKind.INVOLVED],
        reused_by=[link.name_as_written for link in links if link.kind == MunicipalityLinkKind.REUSED_BY],
    )


def _finish(measure: Measure, user, reason: str) -> None:
    """Record the relations snapshot in one versioned save after content and relations are written."""
    measure.relations = relations_snapshot(measure)
    _save_with_history(measure, user, reason)
    measures_changed([measure.pk])


@transaction.atomic
def measure_create(user, model_project, content: MeasureContent) -> Measure:
    """A new measure of a model project, as a draft."""
    if not user.has_perm("measures.add_measure", model_project):
        raise PermissionDenied("measures.add_measure")
    measure = Measure(model_project=model_project, publication_state=PublicationState.DRAFT)
    _apply(measure, content)
    measure.save_without_historical_record()
    _apply_relations(measure, content)
    measure.relations = relations_snapshot(measure)
    measure.save_without_historical_record()
    _record(measure, user, _("Angelegt"), "+")
    return measure


def _record(measure: Measure, user, reason: str, history_type: str = "~") -> None:
    Measure.history.bulk_history_create(
        [measure], update=history_type == "~", default_user=user if getattr(user, "is_authenticated", False) else None,
        default_change_reason=reason,
    )


@transaction.atomic
def measure_update(user, measure: Measure, content: MeasureContent) -> Measure:
    """Change a measure that is not published (a draft, one in review, or a revision)."""
    _check(user, "measures.change_measure", measure)
    if measure.is_published:
        raise ValidationError(_("Eine veröffentlichte Maßnahme wird über eine Überarbeitung geändert."))
    _apply(measure, content)
    _apply_relations(measure, content)
    _finish(measure, user, _("Bearbeitet"))
    return measure


@transaction.atomic
def measure_revision_start(user, measure: Measure) -> Measure:
    """The draft copy through which a published measure is changed (created on first use)."""
    _check(user, "measures.change_measure", measure)
    if not measure.is_published:
        return measure
    existing = Measure.objects.filter(revision_of=measure).first()
    if existing:
        return existing
    content = content_of(measure)
    revision = Measure(model_project=measure.model_project, publication_state=PublicationState.DRAFT, revision_of=measure,
                       is_demo=measure.is_demo, last_checked_at=measure.last_checked_at)
    _apply(revision, content)
    revision.save_without_historical_record()
    _apply_relations(revision, content)
    revision.relations = relations_snapshot(revision)
    revision.save_without_historical_record()
    _record(revision, user, _("Überarbeitung begonnen"), "+")
    return revision


def _editor_addresses(measure: Measure) -> list[str]:
    from wissensspeicher.accounts.models import ProjectEditor

    return list(ProjectEditor.objects.filter(model_project_id=measure.model_project_id, user__is_active=True)
                .values_list("user__email", flat=True))


def _note(measure: Measure, user, kind: str, text: str = "") -> ReviewComment:
    return ReviewComment.objects.create(measure=measure, author=user if user.is_authenticated else None, kind=kind, text=text)


@transaction.atomic
def measure_submit(user, measure: Measure, *, request=None) -> Measure:
    """Send a draft to the moderators for review."""
    _check(user, "measures.submit_measure", measure)
    measure.publication_state = PublicationState.IN_REVIEW
    _save_with_history(measure, user, _("Zur Prüfung eingereicht"))
    _note(measure, user, ReviewCommentKind.SUBMITTED)
    from wissensspeicher.accounts.services import moderator_addresses

    url = reverse("measures:measure-review", args=[measure.pk])
    mail_after_commit(
        subject=_("Zur Prüfung: %(title)s") % {"title": measure.title},
        body=_("„%(title)s“ (%(project)s) wurde zur Prüfung eingereicht.\n\nPrüfen Sie hier: %(url)s") % {
            "title": measure.title, "project": measure.model_project.name,
            "url": request.build_absolute_uri(url) if request else url},
        to=moderator_addresses(),
    )
    return measure


@transaction.atomic
def measure_send_back(user, measure: Measure, *, text: str, request=None) -> Measure:
    """A moderator returns a measure in review to its editors, saying what to change."""
    _check(user, "measures.send_back_measure", measure)
    if not text.strip():
        raise ValidationError({"text": _("Bitte schreiben Sie, was überarbeitet werden soll.")})
    measure.publication_state = PublicationState.DRAFT
    _save_with_history(measure, user, _("Zur Überarbeitung zurückgegeben"))
    _note(measure, user, ReviewCommentKind.SENT_BACK, text)
    url = reverse("measures:measure-review", args=[measure.pk])
    mail_after_commit(
        subject=_("Bitte überarbeiten: %(title)s") % {"title": measure.title},
        body=_("Die Moderation hat „%(title)s“ zur Überarbeitung zurückgegeben:\n\n%(text)s\n\n%(url)s") % {
            "title": measure.title, "text": text, "url": request.build_absolute_uri(url) if request else url},
        to=_editor_addresses(measure),
    )
    return measure


@transaction.atomic
def measure_publish(user, measure: Measure, *, request=None) -> Measure:
    """Publish a measure (or a revision's changes onto its published measure); returns the public measure."""
    _check(user, "measures.publish_measure", measure)
    now = timezone.now()
    original = measure.revision_of
    if original is not None:
        content = content_of(measure)
        _apply(original, content)
        _apply_relations(original, content)
        original.last_checked_at = now
        original.check_reminder_sent_at = None
        ReviewComment.objects.filter(measure=measure).update(measure=original)
        # The published version is the editor's work: it is recorded under the revision's last author,
        # and the reason names the moderator who released it.
        last_edit = measure.history.exclude(history_user=None).order_by("-history_date").first()
        author = last_edit.history_user if last_edit else user
        moderator_name = getattr(getattr(user, "profile", None), "name", "") or user.email
        measure.delete()
        _finish(original, author, _("Änderung veröffentlicht, freigegeben von %(moderator)s") % {"moderator": moderator_name})
        public = original
    else:
        measure.publication_state = PublicationState.PUBLISHED
        measure.last_checked_at = now
        measure.check_reminder_sent_at = None
        _save_with_history(measure, user, _("Veröffentlicht"))
        measures_changed([measure.pk])
        public = measure
    _note(public, user, ReviewCommentKind.PUBLISHED)
    url = public.get_absolute_url()
    mail_after_commit(
        subject=_("Veröffentlicht: %(title)s") % {"title": public.title},
        body=_("„%(title)s“ ist veröffentlicht: %(url)s") % {"title": public.title, "url": request.build_absolute_uri(url) if request else url},
        to=_editor_addresses(public),
    )
    return public


@transaction.atomic
def measure_archive(user, measure: Measure) -> Measure:
    """Take a published measure off the public site, keeping it and its history."""
    _check(user, "measures.archive_measure", measure)
    # A pending revision of an archived measure could no longer be published: close it with the measure.
    Measure.objects.filter(revision_of=measure).delete()
    measure.publication_state = PublicationState.ARCHIVED
    _save_with_history(measure, user, _("Archiviert"))
    _note(measure, user, ReviewCommentKind.ARCHIVED)
    measures_changed([measure.pk])
    return measure


def measure_comment(user, measure: Measure, *, text: str) -> ReviewComment:
    """Add a note to the measure's editorial conversation."""
    _check(user, "measures.comment_measure", measure)
    if not text.strip():
        raise ValidationError({"text": _("Bitte schreiben Sie einen Kommentar.")})
    return _note(measure, user, ReviewCommentKind.COMMENT, text.strip())


@transaction.atomic
def measure_confirm_checked(user, measure: Measure) -> Measure:
    """An editor confirms the published measure is still correct ("zuletzt geprüft am" becomes today)."""
    _check(user, "measures.confirm_measure_checked", measure)
    measure.last_checked_at = timezone.now()
    measure.check_reminder_sent_at = None
    _save_with_history(measure, user, _("Aktualität bestätigt"))
    _note(measure, user, ReviewCommentKind.CHECKED)
    return measure


@transaction.atomic
def measure_restore_version(user, measure: Measure, history_id: int) -> Measure:
    """Make an older version the current content again (recorded as a new version)."""
    _check(user, "measures.restore_measure_version", measure)
    version = measure.history.filter(history_id=history_id).first()
    if version is None:
        raise ValidationError(_("Diese Version gehört nicht zu dieser Maßnahme."))
    for name in CONTENT_FIELDS:
        setattr(measure, f"{name}_id" if name in ("state", "spatial_impact", "status") else name,
                getattr(version, f"{name}_id" if name in ("state", "spatial_impact", "status") else name))
    relations = version.relations or {}
    for name, model in RELATION_FIELDS.items():
        getattr(measure, name).set(model.objects.filter(slug__in=relations.get(name, [])))
    _write_links(measure, relations.get("municipalities", []), relations.get("reused_by", []))
    local_time = timezone.localtime(version.history_date)
    _finish(measure, user, _("Version vom %(date)s wiederhergestellt") % {"date": date_format(local_time, "SHORT_DATETIME_FORMAT")})
    return measure


def measures_check_remind(now: dt.datetime | None = None) -> int:
    """E-mail editors whose published measures were last checked six months ago or earlier; returns mails sent.

    Each measure is reminded once per check period: confirming or publishing it starts a new one.
    """
    from django.db.models import Q

    from wissensspeicher.accounts.models import ProjectEditor

    now = now or timezone.now()
    due = (
        Measure.objects.published()
        .filter(Q(last_checked_at__lte=now - CHECK_INTERVAL) | Q(last_checked_at__isnull=True, created_at__lte=now - CHECK_INTERVAL))
        .filter(check_reminder_sent_at__isnull=True)
        .select_related("model_project")
    )
    by_project: dict[int, list[Measure]] = {}
    for measure in due:
        by_project.setdefault(measure.model_project_id, []).append(measure)
    sent = 0
    editors = ProjectEditor.objects.filter(model_project_id__in=by_project, user__is_active=True).select_related("user")
    by_user: dict[str, list[Measure]] = {}
    for right in editors:
        by_user.setdefault(right.user.email, []).extend(by_project[right.model_project_id])
    with transaction.atomic():
        for email, measures in by_user.items():
            lines = "\n".join(f"- {m.title} ({m.model_project.name}): {absolute_url(reverse('measures:measure-detail', args=[m.pk]))}" for m in measures)
            mail_after_commit(
                subject=ngettext("Bitte prüfen: %(count)d Maßnahme seit sechs Monaten nicht geprüft",
                                 "Bitte prüfen: %(count)d Maßnahmen seit sechs Monaten nicht geprüft", len(measures)) % {"count": len(measures)},
                body=_("Diese Maßnahmen wurden seit mindestens sechs Monaten nicht geprüft. Bitte bestätigen Sie, dass sie "
                       "noch stimmen, oder aktualisieren Sie sie:\n\n%(lines)s") % {"lines": lines},
                to=[email],
            )
            sent += 1
        reminded = [m.pk for ms in by_project.values() for m in ms if m.model_project_id in {r.model_project_id for r in editors}]
        Measure.objects.filter(pk__in=reminded).update(check_reminder_sent_at=now)
    return sent
