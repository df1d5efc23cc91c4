"""Writes: groups, organisations (also from expressions of interest), membership requests and decisions, documents."""

from __future__ import annotations

import os

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from wissensspeicher.communities import services
from wissensspeicher.communities.models import CommunityKind, CommunityMembership, DocumentVisibility, MembershipStatus
from wissensspeicher.communities.tests.factories import ExpressionOfInterestFactory, LinkDocumentFactory
from wissensspeicher.municipalities.models import ModelProject, Municipality

pytestmark = pytest.mark.django_db


def test_moderator_can_create_a_peer_learning_with_host(moderator):
    community = services.community_create(moderator, kind=CommunityKind.PEER_LEARNING, title="Peer Learning Wärmeplanung",
                                          slug="waermeplanung", host_model_project=ModelProject.objects.get(name="Ulm"))
    assert community.pk and community.get_absolute_url() == "/peer-learnings/waermeplanung/"


def test_moderator_cannot_create_a_peer_learning_without_host(moderator):
    with pytest.raises(ValidationError) as error:
        services.community_create(moderator, kind=CommunityKind.PEER_LEARNING, title="Ohne Gastgeber", slug="ohne-gastgeber")
    assert "host_model_project" in error.value.message_dict


def test_moderator_cannot_take_a_reserved_address(moderator):
    with pytest.raises(ValidationError) as error:
        services.community_create(moderator, kind=CommunityKind.WORKING_GROUP, title="Anträge", slug="antraege")
    assert "slug" in error.value.message_dict


def test_member_cannot_create_or_change_a_group(member, working_group):
    with pytest.raises(PermissionDenied):
        services.community_create(member, kind=CommunityKind.WORKING_GROUP, title="AG", slug="ag")
    with pytest.raises(PermissionDenied):
        services.community_update(member, working_group, title="Neu")


def test_moderator_can_update_a_group(moderator, working_group):
    assert services.community_update(moderator, working_group, title="Urbane Digitale Zwillinge").title == "Urbane Digitale Zwillinge"


def test_moderator_can_add_organisations_but_not_twice(moderator, working_group):
    project = ModelProject.objects.get(name="Ulm")
    services.community_organisation_add(moderator, working_group, model_project=project)
    services.community_organisation_add(moderator, working_group, name="Deutscher Städtetag")
    with pytest.raises(ValidationError):
        services.community_organisation_add(moderator, working_group, model_project=project)
    with pytest.raises(ValidationError):
        services.community_organisation_add(moderator, working_group)
    assert sorted(o.display_name for o in working_group.organisations.all()) == ["Deutscher Städtetag", "Ulm"]


def test_moderator_can_add_a_participant_from_an_expression_of_interest_once(moderator, peer_learning):
    eoi = ExpressionOfInterestFactory()
    first = services.community_add_from_interest(moderator, peer_learning, eoi)
    again = services.community_add_from_interest(moderator, peer_learning, eoi)
    assert first.pk == again.pk and first.municipality == eoi.municipality and first.expression_of_interest == eoi
    assert peer_learning.organisations.count() == 1


def test_moderator_cannot_add_an_unconfirmed_expression_of_interest(moderator, peer_learning):
    with pytest.raises(ValidationError):
        services.community_add_from_interest(moderator, peer_learning, ExpressionOfInterestFactory(confirmed_at=None))


def test_existing_municipality_gets_linked_to_the_expression_of_interest(moderator, peer_learning):
    eoi = ExpressionOfInterestFactory()
    organisation = services.community_organisation_add(moderator, peer_learning, municipality=eoi.municipality)
    assert services.community_add_from_interest(moderator, peer_learning, eoi).pk == organisation.pk
    organisation.refresh_from_db()
    assert organisation.expression_of_interest == eoi


def test_member_can_request_membership_and_moderators_are_mailed(member, moderator, working_group, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.membership_request(member, working_group, organisation="Gemeinde Hagenburg", message="Gern dabei.")
    assert membership.status == MembershipStatus.REQUESTED
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [moderator.email]
    assert working_group.title in mail.outbox[0].subject and "Gern dabei." in mail.outbox[0].body
    assert mail.outbox[0].reply_to == [member.email]
    assert not member.has_perm("communities.request_membership", working_group)  # the cached status was refreshed


def test_member_cannot_request_twice(member, working_group):
    services.membership_request(member, working_group)
    with pytest.raises(ValidationError):
        services.membership_request(member, working_group)


def test_unverified_account_cannot_request_membership(unverified, working_group):
    with pytest.raises(PermissionDenied):
        services.membership_request(unverified, working_group)


def test_moderator_can_approve_and_the_person_is_mailed_formally(member, moderator, working_group, django_capture_on_commit_callbacks):
    membership = services.membership_request(member, working_group)
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_decide(moderator, membership, approve=True, note="Herzlich willkommen!")
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPROVED and membership.decided_by == moderator and membership.decided_at
    message = mail.outbox[-1]
    assert message.to == [member.email] and "Ihre Anfrage" in message.body and "Herzlich willkommen!" in message.body
    assert member.has_perm("communities.view_documents", working_group)


def test_moderator_can_decline_once(member, moderator, working_group, django_capture_on_commit_callbacks):
    membership = services.membership_request(member, working_group)
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_decide(moderator, membership, approve=False)
    assert "nicht bestätigen" in mail.outbox[-1].body
    with pytest.raises(ValidationError):
        services.membership_decide(moderator, membership, approve=True)
    assert not member.has_perm("communities.view_documents", working_group)


def test_member_cannot_decide_a_request(member, group_member, working_group):
    membership = services.membership_request(member, working_group)
    with pytest.raises(PermissionDenied):
        services.membership_decide(group_member, membership, approve=True)


def test_group_member_can_leave(group_member, working_group):
    services.membership_leave(group_member, working_group)
    assert CommunityMembership.objects.get(user=group_member).status == MembershipStatus.LEFT
    assert not group_member.has_perm("communities.view_documents", working_group)


def test_member_cannot_leave_a_group_they_are_not_in(member, working_group):
    with pytest.raises(PermissionDenied):
        services.membership_leave(member, working_group)


def test_group_member_can_upload_a_file(group_member, working_group, settings):
    upload = SimpleUploadedFile("protokoll.md", b"# Protokoll\n", content_type="text/markdown")
    document = services.document_add(group_member, working_group, title="Protokoll", file=upload)
    assert document.visibility == DocumentVisibility.MEMBERS and document.uploaded_by == group_member
    assert document.file.path.startswith(settings.MEDIA_ROOT) and os.path.exists(document.file.path)


def test_group_member_can_share_a_public_link(group_member, working_group):
    document = services.document_add(group_member, working_group, title="Steckbrief", url="https://example.org/steckbrief.pdf",
                                     visibility=DocumentVisibility.PUBLIC)
    assert document.get_absolute_url() == "https://example.org/steckbrief.pdf"


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"title": "", "url": "https://example.org/a.pdf"}, "title"),
    ({"title": "Nichts"}, "file"),
    ({"title": "Beides", "url": "https://example.org/a.pdf", "file": SimpleUploadedFile("a.pdf", b"%PDF")}, "url"),
    ({"title": "Skript", "file": SimpleUploadedFile("skript.html", b"<script>")}, "file"),
])
def test_group_member_cannot_add_an_invalid_document(group_member, working_group, kwargs, field):
    with pytest.raises(ValidationError) as error:
        services.document_add(group_member, working_group, **kwargs)
    assert field in error.value.message_dict


def test_member_cannot_add_a_document(member, working_group):
    with pytest.raises(PermissionDenied):
        services.document_add(member, working_group, title="Fremd", url="https://example.org/x.pdf")


def test_moderator_can_remove_a_document_and_its_file(moderator, group_member, working_group, django_capture_on_commit_callbacks):
    document = services.document_add(group_member, working_group, title="Protokoll", file=SimpleUploadedFile("p.txt", b"Text"))
    path = document.file.path
    with django_capture_on_commit_callbacks(execute=True):
        services.document_remove(moderator, document)
    assert not os.path.exists(path) and not working_group.documents.exists()


def test_member_cannot_remove_a_document(member, working_group):
    with pytest.raises(PermissionDenied):
        services.document_remove(member, LinkDocumentFactory(community=working_group))


def test_organisation_named_by_municipality(moderator, working_group):
    municipality = Municipality.objects.filter(level="municipality").first()
    organisation = services.community_organisation_add(moderator, working_group, municipality=municipality)
    assert organisation.display_name == municipality.display_name
