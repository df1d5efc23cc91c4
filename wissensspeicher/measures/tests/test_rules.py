"""Who may do what with measures: every permission of measures/rules.py for every role and publication state.

The table below is the specification; read it against the issue: "an editor of model project A cannot
edit, submit or see drafts of B; a member cannot publish; a moderator can", and the public sees only
published measures. All measures in the table belong to model project A.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from wissensspeicher.measures.tests.factories import (
    AdminFactory,
    MeasureFactory,
    ModeratorFactory,
    ProjectEditorFactory,
    UserFactory,
    editor_of,
)
from wissensspeicher.municipalities.models import ModelProject

pytestmark = pytest.mark.django_db

ROLES = ("visitor", "unverified", "member", "editor_a", "editor_b", "moderator", "admin")
DRAFT, IN_REVIEW, PUBLISHED, ARCHIVED = "draft", "in_review", "published", "archived"
STATES = (DRAFT, IN_REVIEW, PUBLISHED, ARCHIVED)
EVERY = frozenset(STATES)
NONE = frozenset()

# For each permission on a measure of model project A: the publication states in which each role has it.
# A role missing from a row has the permission in no state.
MEASURE_TABLE: dict[str, dict[str, AbstractSet[str]]] = {
    # The public (visitors, unverified accounts, members, editors of other projects) sees published measures only.
    "measures.view_measure": {
        "visitor": {PUBLISHED}, "unverified": {PUBLISHED}, "member": {PUBLISHED}, "editor_b": {PUBLISHED},
        "editor_a": EVERY, "moderator": EVERY, "admin": EVERY,
    },
    # Drafts and measures in review are changed directly, a published one through a revision; archived ones are frozen.
    # (Editors may change a measure while it is in review: see the note in the report on this rule.)
    # Editors cannot change what is in review (the moderators review what was submitted).
    "measures.change_measure": {
        "editor_a": {DRAFT, PUBLISHED},
        "moderator": {DRAFT, IN_REVIEW, PUBLISHED},
        "admin": {DRAFT, IN_REVIEW, PUBLISHED},
    },
    "measures.submit_measure": {"editor_a": {DRAFT}, "moderator": {DRAFT}, "admin": {DRAFT}},
    # Moderators publish what is in review, may publish a draft themselves, and re-publish an archived measure.
    "measures.publish_measure": {"moderator": {DRAFT, IN_REVIEW, ARCHIVED}, "admin": {DRAFT, IN_REVIEW, ARCHIVED}},
    "measures.send_back_measure": {"moderator": {IN_REVIEW}, "admin": {IN_REVIEW}},
    "measures.archive_measure": {"moderator": {PUBLISHED}, "admin": {PUBLISHED}},
    "measures.comment_measure": {"editor_a": EVERY, "moderator": EVERY, "admin": EVERY},
    "measures.view_measure_history": {"editor_a": EVERY, "moderator": EVERY, "admin": EVERY},
    # Editors restore only unpublished work (a published measure changes through a reviewed revision);
    # moderators, who may publish anyway, also restore a published measure directly.
    "measures.restore_measure_version": {
        "editor_a": {DRAFT},
        "moderator": {DRAFT, IN_REVIEW, PUBLISHED},
        "admin": {DRAFT, IN_REVIEW, PUBLISHED},
    },
    "measures.confirm_measure_checked": {"editor_a": {PUBLISHED}, "moderator": {PUBLISHED}, "admin": {PUBLISHED}},
}

# Permissions on a model project (adding a measure to it), and without an object (the editorial dashboard).
ADD_TABLE: dict[str, frozenset[str]] = {
    "project_a": frozenset({"editor_a", "moderator", "admin"}),
    "project_b": frozenset({"editor_b", "moderator", "admin"}),
    "any_project": frozenset({"editor_a", "editor_b", "moderator", "admin"}),  # object None: "may add somewhere"
}
DASHBOARD_ROLES = frozenset({"editor_a", "editor_b", "moderator", "admin"})


@pytest.fixture
def project_a():
    return ModelProject.objects.get(name="Ulm")


@pytest.fixture
def project_b():
    return ModelProject.objects.get(name="Bamberg")


@pytest.fixture
def make_user(project_a, project_b):
    def make(role: str):
        if role == "visitor":
            return AnonymousUser()
        if role == "unverified":
            return UserFactory(verified=False)
        if role == "member":
            return UserFactory()
        if role == "editor_a":
            return editor_of(project_a)
        if role == "editor_b":
            return editor_of(project_b)
        if role == "moderator":
            return ModeratorFactory()
        if role == "admin":
            return AdminFactory()
        raise ValueError(role)

    return make


def _allowed(user, permission: str, obj) -> bool:
    """The rule as the services check it; for everyone but superusers also what user.has_perm says.

    Django lets a superuser pass every user.has_perm() without asking the rules, so for admins only the
    rule itself describes what the workflow allows (the services check the rule, see test_editorial).
    """
    by_rule = rules.has_perm(permission, user, obj)
    if not getattr(user, "is_superuser", False):
        assert user.has_perm(permission, obj) is by_rule
    return by_rule


def _matrix():
    for permission, row in MEASURE_TABLE.items():
        for role in ROLES:
            for state in STATES:
                expected = state in row.get(role, NONE)
                outcome = "allowed" if expected else "denied"
                yield pytest.param(role, permission, state, expected,
                                   id=f"{role}-{permission.split('.')[1]}-{state}-{outcome}")


@pytest.mark.parametrize(("role", "permission", "state", "expected"), list(_matrix()))
def test_every_role_can_exactly_what_the_table_allows_on_a_measure(
    make_user, project_a, role, permission, state, expected
):
    measure = MeasureFactory(model_project=project_a, publication_state=state)
    user = make_user(role)

    assert _allowed(user, permission, measure) is expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("target", sorted(ADD_TABLE))
def test_every_role_can_add_measures_exactly_where_the_table_allows(make_user, project_a, project_b, role, target):
    user = make_user(role)
    obj = {"project_a": project_a, "project_b": project_b, "any_project": None}[target]

    assert _allowed(user, "measures.add_measure", obj) is (role in ADD_TABLE[target])


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_and_moderators_can_open_the_editorial_dashboard(make_user, role):
    assert _allowed(make_user(role), "measures.view_editorial_dashboard", None) is (role in DASHBOARD_ROLES)


# The sentences, spelled out once more so a reader finds them without decoding the table.


def test_editor_of_a_cannot_edit_submit_or_see_drafts_of_b(project_a, project_b):
    editor_a = editor_of(project_a)
    draft_of_b = MeasureFactory(model_project=project_b, publication_state=DRAFT)

    for permission in ("measures.view_measure", "measures.change_measure", "measures.submit_measure",
                       "measures.view_measure_history", "measures.comment_measure"):
        assert not editor_a.has_perm(permission, draft_of_b), permission
    assert not editor_a.has_perm("measures.add_measure", project_b)
    # ... while their own project's draft is theirs to work on.
    draft_of_a = MeasureFactory(model_project=project_a, publication_state=DRAFT)
    assert editor_a.has_perm("measures.change_measure", draft_of_a)
    assert editor_a.has_perm("measures.submit_measure", draft_of_a)


def test_member_and_editor_cannot_publish_and_moderator_can(project_a):
    in_review = MeasureFactory(model_project=project_a, publication_state=IN_REVIEW)

    assert not UserFactory().has_perm("measures.publish_measure", in_review)
    assert not editor_of(project_a).has_perm("measures.publish_measure", in_review)
    assert ModeratorFactory().has_perm("measures.publish_measure", in_review)


def test_visitor_can_see_only_published_measures(project_a):
    visitor = AnonymousUser()
    measures = {state: MeasureFactory(model_project=project_a, publication_state=state) for state in STATES}

    seen = {state for state, measure in measures.items() if visitor.has_perm("measures.view_measure", measure)}

    assert seen == {PUBLISHED}


def test_editor_with_unverified_address_cannot_edit_until_it_is_verified(project_a):
    right = ProjectEditorFactory(model_project=project_a, user=UserFactory(verified=False))
    draft = MeasureFactory(model_project=project_a, publication_state=DRAFT)

    assert not right.user.has_perm("measures.change_measure", draft)
    assert not right.user.has_perm("measures.view_measure", draft)
    assert not right.user.has_perm("measures.add_measure", project_a)


def test_inactive_moderator_cannot_publish(project_a):
    moderator = ModeratorFactory(is_active=False)

    in_review = MeasureFactory(model_project=project_a, publication_state=IN_REVIEW)

    assert not moderator.has_perm("measures.publish_measure", in_review)
