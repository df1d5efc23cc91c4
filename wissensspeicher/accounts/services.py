"""Writes for accounts: profiles, editor rights and their requests, API tokens, data export and deletion."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wissensspeicher.accounts.models import (
    MODERATOR_GROUP,
    ApiToken,
    EditorRequest,
    EditorRequestStatus,
    Profile,
    ProjectEditor,
)
from wissensspeicher.core.mail import mail_after_commit

User = get_user_model()
TOKEN_PREFIX = "wsp_"


def profile_update(user, *, name: str = "", organisation: str = "", municipality=None, function: str = "") -> Profile:
    """Create or change the member's profile."""
    profile, _created = Profile.objects.get_or_create(user=user)
    profile.name, profile.organisation, profile.municipality, profile.function = name or "", organisation or "", municipality, function or ""
    profile.save()
    return profile


def moderator_addresses() -> list[str]:
    return list(
        User.objects.filter(is_active=True, groups__name=MODERATOR_GROUP).exclude(email="").values_list("email", flat=True).distinct()
    )


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


@transaction.atomic
def editor_request_create(user, model_project, *, message: str, request=None) -> EditorRequest:
    """A member asks for editor rights; moderators are told by e-mail."""
    if ProjectEditor.objects.filter(user=user, model_project=model_project).exists():
        raise ValidationError({"model_project": _("Sie sind bereits Redakteurin oder Redakteur dieses Modellprojekts.")})
    try:
        with transaction.atomic():
            editor_request = EditorRequest.objects.create(user=user, model_project=model_project, message=message)
    except IntegrityError:
        raise ValidationError({"model_project": _("Für dieses Modellprojekt liegt bereits ein offener Antrag von Ihnen vor.")}) from None
    name = getattr(getattr(user, "profile", None), "name", "") or user.email
    mail_after_commit(
        subject=_("Antrag auf Redaktionsrechte: %(project)s") % {"project": model_project.name},
        body=_(
            "%(name)s (%(email)s) beantragt Redaktionsrechte für das Modellprojekt „%(project)s“.\n\n"
            "Begründung:\n%(message)s\n\nEntscheiden Sie hier: %(url)s"
        ) % {"name": name, "email": user.email, "project": model_project.name, "message": message,
             "url": _absolute(request, reverse("accounts:moderation"))},
        to=moderator_addresses(),
    )
    return editor_request


@transaction.atomic
def editor_request_decide(editor_request: EditorRequest, moderator, *, approve: bool, note: str = "", request=None) -> EditorRequest:
    """A moderator approves (granting editor rights) or declines a request; the member is told by e-mail."""
    editor_request = EditorRequest.objects.select_for_update().get(pk=editor_request.pk)
    if editor_request.status != EditorRequestStatus.OPEN:
        raise ValidationError(_("Über diesen Antrag wurde bereits entschieden."))
    editor_request.status = EditorRequestStatus.APPROVED if approve else EditorRequestStatus.DECLINED
    editor_request.decided_by, editor_request.decided_at, editor_request.decision_note = moderator, timezone.now(), note
    editor_request.save()
    project = editor_request.model_project
    if approve:
        ProjectEditor.objects.get_or_create(user=editor_request.user, model_project=project, defaults={"granted_by": moderator})
        subject = _("Sie sind jetzt Redakteurin oder Redakteur: %(project)s") % {"project": project.name}
        body = _("Ihr Antrag auf Redaktionsrechte für „%(project)s“ wurde bestätigt. Sie können die Maßnahmen des Modellprojekts jetzt bearbeiten: %(url)s")
    else:
        subject = _("Ihr Antrag auf Redaktionsrechte: %(project)s") % {"project": project.name}
        body = _("Ihr Antrag auf Redaktionsrechte für „%(project)s“ wurde leider abgelehnt. Bei Fragen antworten Sie bitte der Moderation. Ihr Konto: %(url)s")
    body = body % {"project": project.name, "url": _absolute(request, reverse("accounts:dashboard"))}
    if note:
        body += "\n\n" + _("Anmerkung der Moderation:") + "\n" + note
    mail_after_commit(subject=subject, body=body, to=[editor_request.user.email])
    # The moderator gets a confirmation too, so the decision is on record in both mailboxes.
    mail_after_commit(
        subject=_("Entschieden: %(subject)s") % {"subject": subject},
        body=_("Sie haben den Antrag von %(email)s für „%(project)s“ %(decision)s.") % {
            "email": editor_request.user.email, "project": project.name,
            "decision": _("bestätigt") if approve else _("abgelehnt")},
        to=[moderator.email],
    )
    return editor_request


def moderator_grant(user) -> None:
    """Make an account a moderator (used by the admin and the demo data)."""
    group, _created = Group.objects.get_or_create(name=MODERATOR_GROUP)
    user.groups.add(group)


def api_token_create(user, *, name: str) -> tuple[ApiToken, str]:
    """A new API token; returns it and the secret, which is shown once and stored only as a hash."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=secret[:10], key_hash=hashlib.sha256(secret.encode()).hexdigest())
    return token, secret


def api_token_revoke(user, token_id: int) -> None:
    """Delete one of the member's tokens."""
    deleted, _rows = ApiToken.objects.filter(user=user, pk=token_id).delete()
    if not deleted:
        raise PermissionDenied


def api_token_authenticate(secret: str):
    """The active account a token secret belongs to, or None; records when it was used."""
    if not secret or not secret.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hashlib.sha256(secret.encode()).hexdigest()).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def account_export_data(user) -> dict:
    """Everything stored about the member, as JSON-ready data (DSGVO Art. 15 and 20)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from wissensspeicher.communities.selectors import membership_list_for_user
    from wissensspeicher.events.selectors import registration_list_for_user
    from wissensspeicher.marketplace.selectors import posting_list_for_owner
    from wissensspeicher.measures.selectors.editorial import measure_history_for_user, review_comments_for_user

    profile = Profile.objects.filter(user=user).select_related("municipality").first()
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email, "date_joined": _iso(user.date_joined), "last_login": _iso(user.last_login),
            "email_addresses": [
                {"email": e.email, "verified": e.verified, "primary": e.primary} for e in EmailAddress.objects.filter(user=user)
            ],
            "second_factor": sorted(Authenticator.objects.filter(user=user).values_list("type", flat=True)),
        },
        "profile": {
            "name": profile.name, "organisation": profile.organisation, "function": profile.function,
            "municipality": profile.municipality.name if profile.municipality else None,
            "municipality_key": profile.municipality.key if profile.municipality else None,
        } if profile else None,
        "editor_rights": [
            {"model_project": r.model_project.name, "granted_at": _iso(r.granted_at)}
            for r in ProjectEditor.objects.filter(user=user).select_related("model_project")
        ],
        "editor_requests": [
            {"model_project": r.model_project.name, "message": r.message, "status": r.status, "created_at": _iso(r.created_at),
             "decided_at": _iso(r.decided_at), "decision_note": r.decision_note}
            for r in EditorRequest.objects.filter(user=user).select_related("model_project")
        ],
        "api_tokens": [
            {"name": t.name, "prefix": t.prefix, "created_at": _iso(t.created_at), "last_used_at": _iso(t.last_used_at)}
            for t in ApiToken.objects.filter(user=user)
        ],
        "measure_versions": measure_history_for_user(user),
        "review_comments": review_comments_for_user(user),
        "event_registrations": [
            {"event": r.event.title, "start": _iso(r.event.start), "status": r.status, "name": r.name, "organisation": r.organisation,
             "email": r.email, "registered_at": _iso(r.created_at), "cancelled_at": _iso(r.cancelled_at)}
            for r in registration_list_for_user(user)
        ],
        "group_memberships": [
            {"group": m.community.title, "status": m.status, "organisation": m.organisation, "message": m.message,
             "requested_at": _iso(m.created_at)}
            for m in membership_list_for_user(user)
        ],
        "pool_postings": [
            {"external_id": p.external_id, "kind": p.kind, "title": p.title, "text": p.body, "status": p.status,
             "created_at": _iso(p.created_at)}
            for p in posting_list_for_owner(user)
        ],
    }


@transaction.atomic
def account_delete(user) -> None:
    """Delete the account and personal data; measures stay, attributed to their model project.

    Versions and comments the member wrote remain (the record of who changed a public measure
    is the model project's), but no longer point to the deleted person.
    """
    from wissensspeicher.events.services import registrations_forget_user

    # Versions (history_user) and review comments (author) are set to NULL by their foreign keys; group memberships go
    # with the account (CASCADE); event registrations keep no name or address.
    registrations_forget_user(user)
    user.delete()
