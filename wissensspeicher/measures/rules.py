"""Who may do what with measures (django-rules predicates, used by views, forms and the API alike).

Roles: visitor (anonymous), member (verified account), editor of model projects, moderator, admin.
An editor acts only on measures of their own model projects; moderators review and publish.
"""

from __future__ import annotations

import rules

from wissensspeicher.accounts.rules import editor_project_ids, is_editor, is_member, is_moderator
from wissensspeicher.measures.models import PublicationState


@rules.predicate
def is_measure_editor(user, measure) -> bool:
    return measure is not None and measure.model_project_id in editor_project_ids(user) and is_member(user)


@rules.predicate
def is_project_editor(user, model_project) -> bool:
    """Editor of this model project (or of any, when no project is given)."""
    ids = editor_project_ids(user)
    if model_project is None:
        return bool(ids) and is_member(user)
    return getattr(model_project, "pk", model_project) in ids and is_member(user)


def _state(*states):
    @rules.predicate
    def in_state(_user, measure) -> bool:
        return measure is not None and measure.publication_state in states

    return in_state


is_draft = _state(PublicationState.DRAFT)
is_in_review = _state(PublicationState.IN_REVIEW)
is_published = _state(PublicationState.PUBLISHED)
is_archived = _state(PublicationState.ARCHIVED)

rules.add_perm("measures.view_measure", is_published | is_measure_editor | is_moderator)
rules.add_perm("measures.add_measure", is_project_editor | is_moderator)
# Editors change their drafts and open revisions of published measures; while a measure is in review it
# is frozen for them (a moderator reviews what was submitted, or sends it back to be changed).
rules.add_perm("measures.change_measure", (is_measure_editor & (is_draft | is_published)) | (is_moderator & ~is_archived))
rules.add_perm("measures.submit_measure", (is_measure_editor | is_moderator) & is_draft)
rules.add_perm("measures.publish_measure", is_moderator & (is_in_review | is_draft | is_archived))
rules.add_perm("measures.send_back_measure", is_moderator & is_in_review)
rules.add_perm("measures.archive_measure", is_moderator & is_published)
rules.add_perm("measures.comment_measure", is_measure_editor | is_moderator)
rules.add_perm("measures.view_measure_history", is_measure_editor | is_moderator)
rules.add_perm("measures.restore_measure_version", (is_measure_editor & is_draft) | (is_moderator & ~is_archived))
rules.add_perm("measures.confirm_measure_checked", (is_measure_editor | is_moderator) & is_published)
rules.add_perm("measures.view_editorial_dashboard", is_editor | is_moderator)


def can(user, permission: str, obj=None) -> bool:
    """Ask the rules themselves: Django's user.has_perm lets superusers skip the state checks."""
    return rules.has_perm(permission, user, obj)
