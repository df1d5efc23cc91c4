"""Pages: lists and details per role, joining with e-mails, the request queue, document upload and protected downloads."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wissensspeicher.communities import services
from wissensspeicher.communities.models import CommunityMembership, DocumentVisibility, MembershipStatus
from wissensspeicher.communities.tests.factories import ExpressionOfInterestFactory, LinkDocumentFactory
from wissensspeicher.events.models import EventSeries
from wissensspeicher.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploaded(working_group, group_member):
    upload = SimpleUploadedFile("protokoll.md", b"# Protokoll der AG\n", content_type="text/markdown")
    return services.document_add(group_member, working_group, title="Protokoll der AG", file=upload)


def test_visitor_can_see_both_lists(client, peer_learning, working_group):
    peer_page = client.get(reverse("communities:peer-learning-list")).content.decode()
    group_page = client.get(reverse("communities:working-group-list")).content.decode()
    assert peer_learning.title in peer_page and working_group.title not in peer_page
    assert working_group.title in group_page and peer_learning.title not in group_page


def test_visitor_can_see_a_detail_with_meetings_and_public_documents_only(client, working_group):
    series = EventSeries.objects.create(title="Treffen der AG", slug="treffen-ag")
    working_group.series = series
    working_group.save()
    event = EventFactory(series=series, title="Treffen: Datenmodelle")
    LinkDocumentFactory(community=working_group, title="Öffentlicher Steckbrief", visibility=DocumentVisibility.PUBLIC)
    LinkDocumentFactory(community=working_group, title="Internes Protokoll")
    response = client.get(working_group.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert event.title in content and reverse("events:event-detail", args=[event.slug]) in content
    assert "Öffentlicher Steckbrief" in content and "Internes Protokoll" not in content
    assert "Anmelden und Mitgliedschaft anfragen" in content


def test_visitor_cannot_open_a_group_under_the_wrong_kind(client, peer_learning):
    assert client.get(f"/arbeitsgemeinschaften/{peer_learning.slug}/").status_code == 404
    assert client.get(f"/peer-learnings/{peer_learning.slug}/").status_code == 200


def test_group_member_can_see_member_documents_and_members(client, group_member, working_group):
    LinkDocumentFactory(community=working_group, title="Internes Protokoll")
    client.force_login(group_member)
    content = client.get(working_group.get_absolute_url()).content.decode()
    assert "Internes Protokoll" in content and "Sie sind Mitglied dieser Gruppe." in content and "Dokument teilen" in content


def test_host_editor_can_see_member_documents_of_the_peer_learning(client, host_editor, peer_learning):
    LinkDocumentFactory(community=peer_learning, title="Internes Protokoll")
    client.force_login(host_editor)
    content = client.get(peer_learning.get_absolute_url()).content.decode()
    assert "Internes Protokoll" in content and "Redaktion des gastgebenden Modellprojekts" in content


def test_member_can_request_membership_and_moderators_get_mail(client, member, moderator, working_group,
                                                                django_capture_on_commit_callbacks):
    client.force_login(member)
    assert "Mitgliedschaft anfragen" in client.get(working_group.get_absolute_url()).content.decode()
    url = reverse("communities:membership-request", args=[working_group.section, working_group.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"organisation": "Gemeinde Hagenburg", "message": "Wir planen ein 3D-Stadtmodell."})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [moderator.email]
    assert "liegt der Moderation vor" in client.get(working_group.get_absolute_url()).content.decode()
    assert client.post(url, {}).status_code == 400  # a second request is refused with a message


def test_visitor_cannot_request_membership(client, working_group):
    url = reverse("communities:membership-request", args=[working_group.section, working_group.slug])
    response = client.post(url, {"message": "Hallo"})
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    assert not CommunityMembership.objects.filter(community=working_group, status=MembershipStatus.REQUESTED).exists()


def test_moderator_can_approve_in_the_queue_and_the_member_is_mailed(client, member, moderator, working_group,
                                                                    django_capture_on_commit_callbacks):
    membership = services.membership_request(member, working_group, message="Bitte aufnehmen")
    client.force_login(moderator)
    queue = client.get(reverse("communities:membership-list"))
    assert queue.status_code == 200 and "Bitte aufnehmen" in queue.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("communities:membership-decide", args=[membership.pk]),
                               {f"m{membership.pk}-decision": "approve", f"m{membership.pk}-note": "Willkommen!"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPROVED
    assert mail.outbox[-1].to == [member.email] and "Willkommen!" in mail.outbox[-1].body


def test_moderator_must_choose_a_decision(client, member, moderator, working_group):
    membership = services.membership_request(member, working_group)
    client.force_login(moderator)
    response = client.post(reverse("communities:membership-decide", args=[membership.pk]), {})
    assert response.status_code == 400 and "Bitte wählen Sie" in response.content.decode()


def test_member_cannot_open_the_queue_or_decide(client, member, group_member, working_group):
    membership = services.membership_request(member, working_group)
    client.force_login(group_member)
    assert client.get(reverse("communities:membership-list")).status_code == 403
    assert client.post(reverse("communities:membership-decide", args=[membership.pk]),
                       {f"m{membership.pk}-decision": "approve"}).status_code == 403


def test_group_member_can_leave(client, group_member, working_group):
    client.force_login(group_member)
    client.post(reverse("communities:membership-leave", args=[working_group.section, working_group.slug]))
    assert CommunityMembership.objects.get(user=group_member).status == MembershipStatus.LEFT


def test_group_member_can_download_a_member_document(client, group_member, uploaded):
    client.force_login(group_member)
    response = client.get(uploaded.get_absolute_url())
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"# Protokoll der AG\n"
    assert response["Content-Disposition"].startswith("attachment") and "no-store" in response["Cache-Control"]


def test_visitor_cannot_download_a_member_document(client, uploaded):
    response = client.get(uploaded.get_absolute_url())
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_member_cannot_download_a_member_document(client, member, uploaded):
    client.force_login(member)
    assert client.get(uploaded.get_absolute_url()).status_code == 403


def test_visitor_can_download_a_public_document(client, working_group, group_member):
    document = services.document_add(group_member, working_group, title="Checkliste", visibility=DocumentVisibility.PUBLIC,
                                     file=SimpleUploadedFile("checkliste.txt", b"- [ ] Ziel"))
    assert client.get(document.get_absolute_url()).status_code == 200


def test_media_files_are_not_reachable_under_a_public_address(client, uploaded):
    assert client.get("/media/" + uploaded.file.name).status_code == 404


def test_group_member_can_upload_through_the_form(client, group_member, working_group):
    client.force_login(group_member)
    url = reverse("communities:document-add", args=[working_group.section, working_group.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Folien", "visibility": "members",
                                 "file": SimpleUploadedFile("folien.pdf", b"%PDF-1.4", content_type="application/pdf")})
    assert response.status_code == 302 and working_group.documents.get().title == "Folien"
    bad = client.post(url, {"title": "Ohne Datei", "visibility": "members"})
    assert bad.status_code == 400 and "Bitte laden Sie eine Datei hoch" in bad.content.decode()


def test_member_cannot_open_the_upload_form(client, member, working_group):
    client.force_login(member)
    assert client.get(reverse("communities:document-add", args=[working_group.section, working_group.slug])).status_code == 403


def test_group_member_can_remove_own_document(client, group_member, uploaded):
    client.force_login(group_member)
    community = uploaded.community
    client.post(reverse("communities:document-remove", args=[community.section, community.slug, uploaded.pk]))
    assert not community.documents.exists()


def test_moderator_can_add_a_participant_from_an_expression_of_interest(client, moderator, peer_learning):
    eoi = ExpressionOfInterestFactory()
    client.force_login(moderator)
    page = client.get(peer_learning.get_absolute_url()).content.decode()
    assert "Teilnehmende aus Interessensbekundungen aufnehmen" in page and str(eoi.municipality) in page
    response = client.post(reverse("communities:interest-add", args=[peer_learning.section, peer_learning.slug]),
                           {"expression_of_interest": eoi.pk})
    assert response.status_code == 302
    assert peer_learning.organisations.get().expression_of_interest == eoi


def test_member_cannot_add_participants(client, group_member, peer_learning):
    eoi = ExpressionOfInterestFactory()
    client.force_login(group_member)
    assert "Interessensbekundungen" not in client.get(peer_learning.get_absolute_url()).content.decode()
    response = client.post(reverse("communities:interest-add", args=[peer_learning.section, peer_learning.slug]),
                           {"expression_of_interest": eoi.pk})
    assert response.status_code == 403 and not peer_learning.organisations.exists()


def test_moderator_can_create_a_peer_learning_and_edit_it(client, moderator):
    from wissensspeicher.communities.models import Community, CommunityKind
    from wissensspeicher.municipalities.models import ModelProject

    client.force_login(moderator)
    listing = client.get(reverse("communities:peer-learning-list")).content.decode()
    create = reverse("communities:community-create")
    assert f"{create}?art=peer-learning" in listing
    assert 'value="peer_learning" selected' in client.get(create + "?art=peer-learning").content.decode()
    data = {"kind": CommunityKind.PEER_LEARNING, "title": "Peer-Learning Wärmeplanung", "slug": "waermeplanung",
            "description": "Fünf Kommunen planen gemeinsam ihre Wärmeversorgung.", "host_model_project": "", "series": ""}
    content = client.post(create, data).content.decode()
    assert "Ein Peer-Learning braucht ein gastgebendes Modellprojekt." in content and not Community.objects.exists()
    data["host_model_project"] = ModelProject.objects.get(name="Ulm").pk
    response = client.post(create, data)
    community = Community.objects.get(slug="waermeplanung")
    assert response["Location"] == community.get_absolute_url()
    edit = reverse("communities:community-update", args=["peer-learnings", "waermeplanung"])
    assert edit in client.get(community.get_absolute_url()).content.decode()
    client.post(edit, {**data, "title": "Peer-Learning Kommunale Wärmeplanung"})
    community.refresh_from_db()
    assert community.title == "Peer-Learning Kommunale Wärmeplanung"
    assert "Kurzname ist für eine andere Seite vergeben" in client.post(create, {**data, "slug": "neu"}).content.decode()


def test_members_and_visitors_cannot_create_or_edit_groups(client, member, working_group):
    edit = reverse("communities:community-update", args=["arbeitsgemeinschaften", working_group.slug])
    create = reverse("communities:community-create")
    assert client.get(create).status_code == 302 and client.get(edit).status_code == 302  # to the login page
    client.force_login(member)
    assert client.get(create).status_code == 403 and client.get(edit).status_code == 403
    assert client.post(create, {"kind": "working_group", "title": "X", "slug": "x"}).status_code == 403
