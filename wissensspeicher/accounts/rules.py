"""Who may do what with accounts and roles (django-rules predicates, shared by views, forms and API)."""

from __future__ import annotations

import rules
from allauth.account.models import EmailAddress

from wissensspeicher.accounts.models import MODERATOR_GROUP, ProjectEditor


@rules.predicate
def is_member(user) -> bool:
    """A signed-in account whose e-mail address is verified."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_verified_member", None)
    if cached is None:
        cached = user._is_verified_member = EmailAddress.objects.filter(user=user, verified=True).exists()
    return cached


is_admin = rules.is_active & rules.is_superuser
is_moderator = is_admin | (rules.is_active & rules.is_group_member(MODERATOR_GROUP))


def editor_project_ids(user) -> frozenset[int]:
    """Ids of the model projects this account edits (cached on the user object for the request)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_editor_project_ids", None)
    if cached is None:
        cached = user._editor_project_ids = frozenset(ProjectEditor.objects.filter(user=user).values_list("model_project_id", flat=True))
    return cached


@rules.predicate
def is_editor(user) -> bool:
    """Editor of at least one model project."""
    return bool(editor_project_ids(user)) and is_member(user)


@rules.predicate
def is_editor_of_project(user, model_project) -> bool:
    return model_project is not None and getattr(model_project, "pk", model_project) in editor_project_ids(user) and is_member(user)


rules.add_perm("accounts.request_editor_rights", is_member)
rules.add_perm("accounts.decide_editor_request", is_moderator)
rules.add_perm("accounts.view_moderation", is_moderator)
rules.add_perm("accounts.manage_api_tokens", is_member)
