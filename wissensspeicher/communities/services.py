"""Writes of the communities app: groups, their organisations, membership requests and decisions, shared documents."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wissensspeicher.accounts.services import moderator_addresses
from wissensspeicher.core.mail import absolute_url, mail_after_commit, mail_language
from wissensspeicher.core.uploads import document_save, document_upload_validate
from wissensspeicher.communities.models import (
    ACTIVE_MEMBERSHIP_STATUSES,
    Community,
    CommunityDocument,
    CommunityKind,
    CommunityMembership,
    CommunityOrganisation,
    DocumentVisibility,
    MembershipStatus,
)

# Paths under the list pages that are pages of their own, so no group may take them as its address.
RESERVED_SLUGS = {"antraege", "neu"}
COMMUNITY_FIELDS = ("kind", "title", "slug", "description", "host_model_project", "series")


def _check(actor, permission: str, obj=None) -> None:
    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied(permission)


def _forget_statuses(user) -> None:
    """The rules cache membership statuses on the user object; a change makes them stale."""
    user.__dict__.pop("_community_statuses", None)


def _validate_community(community: Community) -> None:
    errors = {}
    if community.kind == CommunityKind.PEER_LEARNING and community.host_model_project_id is None:
        errors["host_model_project"] = _("Ein Peer-Learning braucht ein gastgebendes Modellprojekt.")
    if community.slug in RESERVED_SLUGS:
        errors["slug"] = _("Dieser Kurzname ist für eine andere Seite vergeben. Bitte wählen Sie einen anderen.")
    if errors:
        raise ValidationError(errors)
    community.full_clean()


@transaction.atomic
def community_create(actor, **fields) -> Community:
    """A moderator creates a peer learning or a working group."""
    _check(actor, "communities.change_community")
    community = Community(**{key: value for key, value in fields.items() if key in COMMUNITY_FIELDS})
    _validate_community(community)
    community.save()
    return community


@transaction.atomic
def community_update(actor, community: Community, **fields) -> Community:
    """A moderator changes title, description, host or series."""
    _check(actor, "communities.change_community", community)
    community = Community.objects.select_for_update().get(pk=community.pk)
    for key, value in fields.items():
        if key in COMMUNITY_FIELDS:
            setattr(community, key, value)
    _validate_community(community)
    community.save()
    return community


@transaction.atomic
def community_organisation_add(actor, community: Community, *, municipality=None, model_project=None, name: str = "",
                               expression_of_interest=None) -> CommunityOrganisation:
    """A moderator adds a participating municipality, model project or other organisation; adding one twice is refused."""
    _check(actor, "communities.change_community", community)
    name = (name or "").strip()
    if municipality is None and model_project is None and not name:
        raise ValidationError(_("Bitte wählen Sie eine Kommune oder ein Modellprojekt oder geben Sie einen Namen an."))
    try:
        with transaction.atomic():
            return CommunityOrganisation.objects.create(community=community, municipality=municipality, model_project=model_project,
                                                        name=name[:200], expression_of_interest=expression_of_interest)
    except IntegrityError as exc:
        raise ValidationError(_("Diese Organisation ist bereits beteiligt.")) from exc


@transaction.atomic
def community_add_from_interest(actor, community: Community, expression_of_interest) -> CommunityOrganisation:
    """Take the municipality of a confirmed expression of interest into the group; an existing entry is linked, not doubled."""
    _check(actor, "communities.change_community", community)
    if not expression_of_interest.is_confirmed:
        raise ValidationError(_("Die Interessensbekundung ist noch nicht per E-Mail bestätigt."))
    existing = CommunityOrganisation.objects.filter(community=community, municipality_id=expression_of_interest.municipality_id).first()
    if existing is not None:
        if existing.expression_of_interest_id is None:
            existing.expression_of_interest = expression_of_interest
            existing.save(update_fields=["expression_of_interest"])
        return existing
    return community_organisation_add(actor, community, municipality=expression_of_interest.municipality,
                                      expression_of_interest=expression_of_interest)


def _requester_name(user) -> str:
    return getattr(getattr(user, "profile", None), "name", "") or user.get_full_name() or user.email


@transaction.atomic
def membership_request(user, community: Community, *, organisation: str = "", message: str = "", request=None) -> CommunityMembership:
    """A member asks to join; moderators are told by e-mail."""
    if user is None or not user.has_perm("communities.request_membership", community):
        if user is not None and CommunityMembership.objects.filter(community=community, user=user,
                                                                   status__in=ACTIVE_MEMBERSHIP_STATUSES).exists():
            raise ValidationError(_("Sie sind bereits Mitglied oder haben die Mitgliedschaft schon angefragt."))
        raise PermissionDenied("communities.request_membership")
    organisation = (organisation or "").strip() or getattr(getattr(user, "profile", None), "organisation", "")
    try:
        with transaction.atomic():
            membership = CommunityMembership.objects.create(
                community=community, user=user, organisation=organisation[:200], message=(message or "").strip(),
                language=mail_language(translation.get_language()))
    except IntegrityError as exc:  # a second request sent in the same moment
        raise ValidationError(_("Sie sind bereits Mitglied oder haben die Mitgliedschaft schon angefragt.")) from exc
    _forget_statuses(user)
    with translation.override("de"):  # coordination staff read German
        mail_after_commit(
            subject=_("Anfrage auf Mitgliedschaft: %(title)s") % {"title": community.title},
            body=_("%(name)s (%(email)s, %(organisation)s) möchte in „%(title)s“ mitarbeiten.\n\nNachricht:\n%(message)s\n\n"
                   "Entscheiden Sie hier: %(url)s") % {
                "name": _requester_name(user), "email": user.email, "organisation": membership.organisation or "–",
                "title": community.title, "message": membership.message or "–",
                "url": absolute_url(reverse("communities:membership-list"), request)},
            to=moderator_addresses(),
            reply_to=[user.email],
        )
    return membership


@transaction.atomic
def membership_decide(actor, membership: CommunityMembership, *, approve: bool, note: str = "", request=None) -> CommunityMembership:
    """A moderator approves or declines a request; the person is told by e-mail, with the note if there is one."""
    _check(actor, "communities.decide_membership", membership.community)
    membership = CommunityMembership.objects.select_for_update().select_related("community", "user").get(pk=membership.pk)
    if membership.status != MembershipStatus.REQUESTED:
        raise ValidationError(_("Über diese Anfrage wurde bereits entschieden."))
    membership.status = MembershipStatus.APPROVED if approve else MembershipStatus.DECLINED
    membership.decided_by, membership.decided_at, membership.decision_note = actor, timezone.now(), (note or "").strip()
    membership.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    _forget_statuses(membership.user)
    community = membership.community
    values = {"name": _requester_name(membership.user), "title": community.title,
              "url": absolute_url(community.get_absolute_url(), request)}
    with translation.override(membership.language or settings.LANGUAGE_CODE):
        if approve:
            subject = _("Willkommen in „%(title)s“") % values
            body = _("Guten Tag %(name)s,\n\nIhre Anfrage auf Mitgliedschaft in „%(title)s“ wurde bestätigt. Sie sehen jetzt "
                     "auch die Dokumente, die nur für Mitglieder bestimmt sind, und können selbst Dokumente hochladen:\n%(url)s") % values
        else:
            subject = _("Ihre Anfrage auf Mitgliedschaft: %(title)s") % values
            body = _("Guten Tag %(name)s,\n\nIhre Anfrage auf Mitgliedschaft in „%(title)s“ konnten wir leider nicht bestätigen. "
                     "Die öffentlichen Informationen und Termine finden Sie weiterhin hier:\n%(url)s") % values
        if membership.decision_note:
            body += "\n\n" + _("Anmerkung der Moderation:") + "\n" + membership.decision_note
        body += "\n\n" + _("Bei Fragen antworten Sie bitte auf diese E-Mail.")
    mail_after_commit(subject=subject, body=body, to=[membership.user.email], reply_to=[actor.email] if actor.email else None)
    return membership


@transaction.atomic
def membership_leave(user, community: Community) -> CommunityMembership:
    """A member leaves the group (or withdraws an open request)."""
    _check(user, "communities.leave_community", community)
    membership = (CommunityMembership.objects.select_for_update()
                  .get(community=community, user=user, status__in=ACTIVE_MEMBERSHIP_STATUSES))
    membership.status = MembershipStatus.LEFT
    membership.save(update_fields=["status"])
    _forget_statuses(user)
    return membership


@transaction.atomic
def document_add(actor, community: Community, *, title: str, file=None, url: str = "",
                 visibility: str = DocumentVisibility.MEMBERS) -> CommunityDocument:
    """A member of the group (or a moderator) shares a file or a link, for members only or for everybody."""
    _check(actor, "communities.add_document", community)
    title, url = (title or "").strip(), (url or "").strip()
    if not title:
        raise ValidationError({"title": _("Bitte geben Sie einen Titel an.")})
    if file and url:
        raise ValidationError({"url": _("Bitte laden Sie entweder eine Datei hoch oder geben Sie eine Adresse an, nicht beides.")})
    if not file and not url:
        raise ValidationError({"file": _("Bitte laden Sie eine Datei hoch oder geben Sie eine Adresse an.")})
    if file:
        document_upload_validate(file)
    if visibility not in DocumentVisibility.values:
        raise ValidationError({"visibility": _("Bitte wählen Sie, wer das Dokument sehen darf.")})
    document = CommunityDocument(community=community, title=title[:200], url=url, visibility=visibility,
                                 uploaded_by=actor if actor.is_authenticated else None)
    document.full_clean(exclude=["file"])
    document_save(document, file)
    return document


@transaction.atomic
def document_remove(actor, document: CommunityDocument) -> None:
    """Remove a shared document; its file is deleted once the removal is committed."""
    _check(actor, "communities.remove_document", document)
    storage, name = (document.file.storage, document.file.name) if document.file else (None, "")
    document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
