"""Reads for accounts: editor rights, open requests, tokens."""

from __future__ import annotations

from django.db.models import QuerySet

from wissensspeicher.accounts.models import ApiToken, EditorRequest, EditorRequestStatus, Profile, ProjectEditor


def profile_for_user(user) -> Profile | None:
    """The member's profile, if they have one."""
    return Profile.objects.filter(user=user).select_related("municipality").first()


def editor_rights_for_user(user) -> QuerySet:
    """The model projects the member edits."""
    return ProjectEditor.objects.filter(user=user).select_related("model_project").order_by("model_project__name")


def editor_request_list_for_user(user) -> QuerySet:
    """The member's own requests for editor rights, newest first."""
    return EditorRequest.objects.filter(user=user).select_related("model_project")


def editor_request_list_open() -> QuerySet:
    """Requests waiting for a moderator's decision, oldest first."""
    return (
        EditorRequest.objects.filter(status=EditorRequestStatus.OPEN)
        .select_related("user", "user__profile", "model_project")
        .order_by("created_at")
    )


def api_token_list_for_user(user) -> QuerySet:
    """The member's API tokens (never their secrets)."""
    return ApiToken.objects.filter(user=user)
