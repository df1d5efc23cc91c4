"""Pages of the communities app: lists and details of peer learnings and working groups, joining, documents, the request queue."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wissensspeicher.communities import selectors, services
from wissensspeicher.communities.forms import (
    CommunityForm,
    DocumentForm,
    InterestSelectForm,
    MembershipDecisionForm,
    MembershipRequestForm,
)
from wissensspeicher.communities.rules import is_host_editor
from wissensspeicher.core.forms import add_service_errors
from wissensspeicher.communities.models import SECTIONS, Community, CommunityDocument, CommunityKind, CommunityMembership
from wissensspeicher.startsmart.models import ExpressionOfInterest

KIND_BY_SECTION = {section: kind for kind, section in SECTIONS.items()}


def _community(section: str, slug: str) -> Community:
    try:
        return selectors.community_detail(KIND_BY_SECTION[section], slug)
    except (KeyError, Community.DoesNotExist) as exc:
        raise Http404 from exc


def _forbid_unless(request: HttpRequest, permission: str, obj=None) -> HttpResponse | None:
    """None if the request may go on; else visitors get a redirect to the login page (to return)
    and signed-in accounts without the right a 403."""
    if request.user.has_perm(permission, obj):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def community_list(request: HttpRequest, kind: str) -> HttpResponse:
    """All peer learnings or all working groups."""
    return render(request, "communities/community_list.html", {
        "kind": kind, "is_peer_learning": kind == CommunityKind.PEER_LEARNING, "communities": selectors.community_list(kind),
        "can_decide": request.user.has_perm("communities.decide_membership"),
        "can_change": request.user.has_perm("communities.change_community"),
    })


def _detail_context(request: HttpRequest, community: Community, **extra) -> dict:
    user = request.user
    upcoming, past = selectors.community_events(community)
    can_change = user.has_perm("communities.change_community", community)
    can_view_documents = user.has_perm("communities.view_documents", community)
    context = {
        "community": community, "organisations": selectors.community_organisations(community),
        "upcoming_events": upcoming, "past_events": past,
        "documents": selectors.community_documents_for_user(community, user),
        "can_view_documents": can_view_documents,
        "members": selectors.membership_list_approved(community) if can_view_documents else None,
        "membership": selectors.membership_for_user(community, user),
        "is_host_editor": is_host_editor.test(user, community),
        "can_request": user.has_perm("communities.request_membership", community),
        "can_leave": user.has_perm("communities.leave_community", community),
        "can_add_document": user.has_perm("communities.add_document", community),
        "can_change": can_change,
        "request_form": MembershipRequestForm(),
    }
    if can_change and community.is_peer_learning and "interest_form" not in extra:
        context["interest_form"] = InterestSelectForm(candidates=selectors.interest_candidates(community))
    context.update(extra)
    return context


def community_detail(request: HttpRequest, section: str, slug: str) -> HttpResponse:
    """Description, host, organisations, meetings, documents and the way in."""
    community = _community(section, slug)
    return render(request, "communities/community_detail.html", _detail_context(request, community))


@login_required
def membership_request(request: HttpRequest, section: str, slug: str) -> HttpResponse:
    """Ask to join: the form sits on the detail page; this page shows it again when something is wrong."""
    community = _community(section, slug)
    form = MembershipRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_request(request.user, community, organisation=form.cleaned_data["organisation"],
                                        message=form.cleaned_data["message"], request=request)
        except PermissionDenied:
            messages.error(request, _("Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse, um eine Mitgliedschaft anzufragen."))
            return redirect(community.get_absolute_url())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Ihre Anfrage ist eingegangen. Die Moderation entscheidet und schreibt Ihnen per E-Mail."))
            return redirect(community.get_absolute_url())
    return render(request, "communities/membership_request.html", {"community": community, "form": form},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def membership_leave(request: HttpRequest, section: str, slug: str) -> HttpResponse:
    community = _community(section, slug)
    try:
        services.membership_leave(request.user, community)
    except (PermissionDenied, CommunityMembership.DoesNotExist):
        messages.error(request, _("Sie sind in dieser Gruppe nicht Mitglied."))
    else:
        messages.success(request, _("Sie sind nicht mehr Mitglied dieser Gruppe."))
    return redirect(community.get_absolute_url())


@login_required
@require_POST
def interest_add(request: HttpRequest, section: str, slug: str) -> HttpResponse:
    """Moderators take the municipality of an expression of interest into a peer learning."""
    community = _community(section, slug)
    if denied := _forbid_unless(request, "communities.change_community", community):
        return denied
    candidates = selectors.interest_candidates(community)
    form = InterestSelectForm(request.POST, candidates=candidates)
    if form.is_valid():
        eoi = ExpressionOfInterest.objects.select_related("municipality").get(pk=form.cleaned_data["expression_of_interest"])
        try:
            organisation = services.community_add_from_interest(request.user, community, eoi)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s nimmt jetzt teil.") % {"name": organisation.display_name})
            return redirect(community.get_absolute_url())
    return render(request, "communities/community_detail.html", _detail_context(request, community, interest_form=form), status=400)


def document_download(request: HttpRequest, section: str, slug: str, pk: int) -> HttpResponse:
    """Deliver an uploaded file after checking the permission; files are never served from a public folder."""
    community = _community(section, slug)
    document = get_object_or_404(CommunityDocument.objects.select_related("community"), pk=pk, community=community)
    if denied := _forbid_unless(request, "communities.view_document", document):
        return denied
    if document.url:
        return redirect(document.url)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    # Always as attachment: an uploaded HTML or SVG file must never run in the site's origin.
    response = FileResponse(handle, as_attachment=True, filename=PurePath(document.file.name).name)
    response["Cache-Control"] = "private, no-store" if not document.is_public else "public, max-age=3600"
    return response


@login_required
def document_add(request: HttpRequest, section: str, slug: str) -> HttpResponse:
    """Members (and moderators) share a file or a link."""
    community = _community(section, slug)
    if denied := _forbid_unless(request, "communities.add_document", community):
        return denied
    form = DocumentForm(*(request.POST, request.FILES) if request.method == "POST" else ())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_add(request.user, community, title=data["title"], file=data["file"], url=data["url"],
                                  visibility=data["visibility"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Das Dokument ist gespeichert."))
            return redirect(community.get_absolute_url() + "#documents-heading")
    return render(request, "communities/document_add.html", {"community": community, "form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def document_remove(request: HttpRequest, section: str, slug: str, pk: int) -> HttpResponse:
    community = _community(section, slug)
    document = get_object_or_404(CommunityDocument, pk=pk, community=community)
    if denied := _forbid_unless(request, "communities.remove_document", document):
        return denied
    services.document_remove(request.user, document)
    messages.success(request, _("Das Dokument „%(title)s“ ist entfernt.") % {"title": document.title})
    return redirect(community.get_absolute_url() + "#documents-heading")


@login_required
def membership_list(request: HttpRequest) -> HttpResponse:
    """Moderators' queue: open requests of all groups, each with its own decision form."""
    if denied := _forbid_unless(request, "communities.decide_membership"):
        return denied
    pending = list(selectors.membership_list_pending())
    rows = [(membership, MembershipDecisionForm(prefix=f"m{membership.pk}")) for membership in pending]
    return render(request, "communities/membership_list.html", {"rows": rows})


@login_required
@require_POST
def membership_decide(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(CommunityMembership.objects.select_related("community", "user"), pk=pk)
    if denied := _forbid_unless(request, "communities.decide_membership", membership.community):
        return denied
    form = MembershipDecisionForm(request.POST, prefix=f"m{membership.pk}")
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.membership_decide(request.user, membership, approve=approve, note=form.cleaned_data["note"], request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, (_("Die Mitgliedschaft von %(email)s ist bestätigt.") if approve
                                       else _("Die Anfrage von %(email)s ist abgelehnt.")) % {"email": membership.user.email})
        return redirect("communities:membership-list")
    rows = [(other, form if other.pk == membership.pk else MembershipDecisionForm(prefix=f"m{other.pk}"))
            for other in selectors.membership_list_pending()]
    return render(request, "communities/membership_list.html", {"rows": rows}, status=400)


def _community_form_page(request: HttpRequest, community: Community | None) -> HttpResponse:
    initial = {"kind": CommunityKind.PEER_LEARNING if request.GET.get("art") == "peer-learning" else CommunityKind.WORKING_GROUP}
    form = CommunityForm(request.POST or None, instance=community, initial=None if community else initial)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            saved = (services.community_update(request.user, community, **fields) if community
                     else services.community_create(request.user, **fields))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Die Gruppe ist gespeichert."))
            return redirect(saved.get_absolute_url())
    return render(request, "communities/community_form.html", {"form": form, "community": community})


@login_required
def community_create(request: HttpRequest) -> HttpResponse:
    """Moderators set up a peer learning or a working group."""
    if denied := _forbid_unless(request, "communities.change_community"):
        return denied
    return _community_form_page(request, None)


@login_required
def community_update(request: HttpRequest, section: str, slug: str) -> HttpResponse:
    """Moderators change a group's description, host or meeting series."""
    community = _community(section, slug)
    if denied := _forbid_unless(request, "communities.change_community", community):
        return denied
    return _community_form_page(request, Community.objects.get(pk=community.pk))
