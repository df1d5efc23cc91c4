from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from wissensspeicher.accounts.models import ProjectEditor
from wissensspeicher.communities.models import CommunityMembership, MembershipStatus
from wissensspeicher.communities.tests.factories import CommunityFactory, PeerLearningFactory
from wissensspeicher.accounts.tests.factories import verified_user
from wissensspeicher.municipalities.models import ModelProject


@pytest.fixture(autouse=True)
def _media_per_test(settings, tmp_path):
    """Uploaded files go to a folder of the test's own, never into var/."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def unverified(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(username="una", email="una@kommune.example", password="x-Passwort-2026")


@pytest.fixture
def host_editor(db):
    user = verified_user("hanna")
    ProjectEditor.objects.create(user=user, model_project=ModelProject.objects.get(name="Ulm"))
    return user


@pytest.fixture
def editor(db):
    """Editor of another model project than the host: no special rights in the group."""
    user = verified_user("emil")
    ProjectEditor.objects.create(user=user, model_project=ModelProject.objects.get(name="Solingen"))
    return user


@pytest.fixture
def group_member(db):
    return verified_user("gero")


@pytest.fixture
def peer_learning(db, group_member):
    community = PeerLearningFactory()
    CommunityMembership.objects.create(community=community, user=group_member, status=MembershipStatus.APPROVED)
    return community


@pytest.fixture
def working_group(db, group_member):
    community = CommunityFactory()
    CommunityMembership.objects.create(community=community, user=group_member, status=MembershipStatus.APPROVED)
    return community


@pytest.fixture
def users(member, moderator, host_editor, editor, group_member):
    return {"visitor": AnonymousUser(), "member": member, "editor": editor, "host editor": host_editor,
            "group member": group_member, "moderator": moderator}
