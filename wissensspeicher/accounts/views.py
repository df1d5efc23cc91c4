"""Pages for members: dashboard, profile, editor rights, API tokens, data export and deletion; moderation."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wissensspeicher.accounts import selectors, services
from wissensspeicher.accounts.forms import AccountDeleteForm, ApiTokenForm, EditorRequestDecisionForm, EditorRequestForm, ProfileForm
from wissensspeicher.accounts.models import EditorRequest
from wissensspeicher.communities import selectors as community_selectors
from wissensspeicher.core.forms import add_service_errors
from wissensspeicher.events import selectors as event_selectors
from wissensspeicher.measures.selectors import editorial as measure_editorial
from wissensspeicher.municipalities.selectors import municipality_describe_many, municipality_search


def _forbid_unless(request: HttpRequest, permission: str, obj=None) -> None:
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Everything a member works on: profile, editor rights, their measures, and for moderators the queue."""
    user = request.user
    context = {
        "profile": selectors.profile_for_user(user),
        "editor_rights": selectors.editor_rights_for_user(user),
        "editor_requests": selectors.editor_request_list_for_user(user),
        "can_request": user.has_perm("accounts.request_editor_rights"),
        "is_moderator": user.has_perm("accounts.view_moderation"),
        "can_add_measure": user.has_perm("measures.add_measure", None),
    }
    context["my_registrations"] = event_selectors.registration_list_upcoming_for_user(user)
    context["my_communities"] = community_selectors.community_list_for_user(user)
    if context["editor_rights"]:
        context["my_measures"] = measure_editorial.measure_list_for_editor(user)
        context["check_due"] = measure_editorial.measure_check_due(user)
    if context["is_moderator"]:
        context.update(measure_editorial.moderation_overview())
    return render(request, "accounts/dashboard.html", context)


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    """Change name, organisation, municipality and function."""
    profile = selectors.profile_for_user(request.user)
    initial = {"name": profile.name, "organisation": profile.organisation, "municipality": profile.municipality,
               "function": profile.function} if profile else {}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.profile_update(request.user, **form.cleaned_data)
        messages.success(request, _("Ihr Profil ist gespeichert."))
        return redirect("accounts:dashboard")
    return render(request, "accounts/profile_form.html", {"form": form})


@login_required
def editor_request_create(request: HttpRequest) -> HttpResponse:
    """Ask for editor rights for a model project."""
    _forbid_unless(request, "accounts.request_editor_rights")
    form = EditorRequestForm(request.POST or None, initial={"model_project": request.GET.get("projekt")})
    if request.method == "POST" and form.is_valid():
        try:
            services.editor_request_create(request.user, form.cleaned_data["model_project"], message=form.cleaned_data["message"], request=request)
            messages.success(request, _("Ihr Antrag ist eingegangen. Die Moderation entscheidet und benachrichtigt Sie per E-Mail."))
            return redirect("accounts:dashboard")
        except ValidationError as error:
            add_service_errors(form, error)
    return render(request, "accounts/editor_request_form.html", {"form": form})


@login_required
def moderation(request: HttpRequest) -> HttpResponse:
    """Moderators: measures waiting for review and open requests for editor rights."""
    _forbid_unless(request, "accounts.view_moderation")
    return render(request, "accounts/moderation.html", measure_editorial.moderation_overview())


@login_required
def editor_request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """A moderator approves or declines one request."""
    _forbid_unless(request, "accounts.decide_editor_request")
    editor_request = get_object_or_404(EditorRequest.objects.select_related("user", "user__profile", "model_project"), pk=pk)
    form = EditorRequestDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.editor_request_decide(editor_request, request.user, approve=form.cleaned_data["decision"] == "approve",
                                           note=form.cleaned_data["note"], request=request)
            messages.success(request, _("Die Entscheidung ist gespeichert; beide Seiten erhalten eine E-Mail."))
            return redirect("accounts:moderation")
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "accounts/editor_request_decide.html", {"editor_request": editor_request, "form": form})


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    """Create and revoke API tokens (shown once)."""
    _forbid_unless(request, "accounts.manage_api_tokens")
    form = ApiTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = services.api_token_create(request.user, name=form.cleaned_data["name"])
        form = ApiTokenForm()
    return render(request, "accounts/api_tokens.html", {"form": form, "secret": secret, "tokens": selectors.api_token_list_for_user(request.user)})


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    services.api_token_revoke(request.user, pk)
    messages.success(request, _("Der API-Schlüssel ist gelöscht und gilt nicht mehr."))
    return redirect("accounts:api-tokens")


@login_required
def data_export(request: HttpRequest) -> HttpResponse:
    """All data stored about the member, as a JSON download."""
    data = services.account_export_data(request.user)
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="wissensspeicher-daten-{timezone.localdate():%Y-%m-%d}.json"'
    return response


@login_required
def account_delete(request: HttpRequest) -> HttpResponse:
    """Delete the account after confirmation; measures stay with their model project."""
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user)
        messages.success(request, _("Ihr Konto und Ihre persönlichen Daten sind gelöscht."))
        return redirect("measures:home")
    return render(request, "accounts/account_delete.html", {"form": form})


def municipality_suggestions(request: HttpRequest) -> JsonResponse:
    """Registry entries for the autocomplete of municipality fields (labels the field resolves exactly)."""
    query = request.GET.get("q", "").strip()
    if len(query) < 2:
        return JsonResponse({"suggestions": []})
    municipalities = list(municipality_search(query, limit=10))
    return JsonResponse({"suggestions": municipality_describe_many(municipalities)})
