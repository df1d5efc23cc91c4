"""Accounts as members and moderators use them: sign-up, editor rights, data export, deletion, login security."""

from __future__ import annotations

import json
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from wissensspeicher.accounts.models import (
    MODERATOR_GROUP,
    ApiToken,
    EditorRequest,
    EditorRequestStatus,
    Profile,
    ProjectEditor,
)
from wissensspeicher.accounts.services import api_token_create, editor_request_create
from wissensspeicher.municipalities.forms import MunicipalityField
from wissensspeicher.municipalities.models import ModelProject, Municipality

pytestmark = pytest.mark.django_db

PASSWORD = "Sichere-Passphrase-2026"
User = get_user_model()


@pytest.fixture(autouse=True)
def _fresh_cache_and_language():
    """allauth's rate limits live in the cache, and a request to /en/ leaves English active in the thread:
    every test starts without earlier attempts and in German."""
    cache.clear()
    translation.activate("de")
    yield
    translation.deactivate()
    cache.clear()


def make_member(username: str, *, verified: bool = True):
    user = User.objects.create_user(username=username, email=f"{username}@kommune.example", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    return user


def make_moderator(username: str = "moderation", *, with_totp: bool = True):
    user = make_member(username)
    user.groups.add(Group.objects.get_or_create(name=MODERATOR_GROUP)[0])
    if with_totp:
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        TOTP.activate(user, generate_totp_secret())
    return user


def make_editor(username: str, project: ModelProject):
    user = make_member(username)
    ProjectEditor.objects.create(user=user, model_project=project)
    return user


def signup_data(**overrides) -> dict:
    data = {
        "email": "kim.muster@menden.example",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "name": "Kim Muster",
        "organisation": "Stadtverwaltung Menden",
        "municipality": "Menden",
        "function": "Digitalisierungsbeauftragte",
    }
    data.update(overrides)
    return data


# --- Sign-up and login -------------------------------------------------------------------------


def test_visitor_can_sign_up_and_receives_a_german_verification_email(client):
    response = client.post(reverse("account_signup"), signup_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kim.muster@menden.example"]
    assert message.subject.startswith("[Wissensspeicher] ")
    assert "E-Mail-Adresse" in message.subject and "Please" not in message.subject
    body = message.body
    assert "bestätig" in body.lower()
    assert "Please" not in body and "You're receiving" not in body
    assert re.search(r"http://testserver/konto/confirm-email/\S+", body)


def test_visitor_can_sign_up_with_profile_and_municipality_resolved_from_registry(client):
    client.post(reverse("account_signup"), signup_data())

    user = User.objects.get(email="kim.muster@menden.example")
    profile = Profile.objects.select_related("municipality").get(user=user)
    assert profile.name == "Kim Muster"
    assert profile.organisation == "Stadtverwaltung Menden"
    assert profile.function == "Digitalisierungsbeauftragte"
    assert profile.municipality == Municipality.objects.get(key="05962040")  # Menden (Sauerland), Märkischer Kreis
    assert not EmailAddress.objects.get(user=user).verified


def test_visitor_cannot_sign_up_with_ambiguous_municipality_and_sees_candidates_at_the_field(client):
    response = client.post(reverse("account_signup"), signup_data(municipality="Neustadt"))

    assert response.status_code == 200
    assert not User.objects.filter(email="kim.muster@menden.example").exists()
    assert len(mail.outbox) == 0
    html = response.content.decode()
    error = re.search(r'<p class="error" id="id_municipality_error">(.*?)</p>', html, flags=re.S)
    assert error, "the message belongs next to the municipality field"
    text = error.group(1)
    assert "nicht eindeutig" in text
    candidates = [c.strip() for c in text.split(":", 1)[1].split("·")]
    assert len(candidates) >= 2
    assert all("Neustadt" in c for c in candidates)
    # Every candidate is a label the field accepts as it is, so it can be copied into the field.
    for candidate in candidates:
        label = candidate.replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&")
        assert MunicipalityField().clean(label).name.startswith("Neustadt")
    assert 'aria-invalid="true"' in re.search(r'<input[^>]*name="municipality"[^>]*>', html).group(0)


def test_member_cannot_log_in_before_verifying_the_email_address(client):
    client.post(reverse("account_signup"), signup_data())
    client.logout()
    mail.outbox.clear()

    response = client.post(reverse("account_login"), {"login": "kim.muster@menden.example", "password": PASSWORD})

    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert client.get(reverse("accounts:dashboard")).status_code == 302  # back to the login page
    assert len(mail.outbox) == 1  # a fresh verification e-mail instead


def test_member_can_log_in_after_verifying_the_email_address(client):
    make_member("verified")

    response = client.post(reverse("account_login"), {"login": "verified@kommune.example", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    assert client.get(reverse("accounts:dashboard")).status_code == 200


# --- Editor rights -----------------------------------------------------------------------------


def test_member_can_request_editor_rights_and_moderators_are_emailed(client, django_capture_on_commit_callbacks):
    member = make_member("antrag")
    moderator = make_moderator()
    project = ModelProject.objects.get(name="Ulm")
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:editor-request"), {"model_project": project.pk, "message": "Ich leite das Projektbüro."})

    assert response.status_code == 302
    editor_request = EditorRequest.objects.get(user=member)
    assert editor_request.model_project == project and editor_request.status == EditorRequestStatus.OPEN
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    assert "Ulm" in mail.outbox[0].subject
    assert "Ich leite das Projektbüro." in mail.outbox[0].body
    assert not ProjectEditor.objects.filter(user=member).exists()


def test_member_cannot_open_a_second_request_for_the_same_project(client, django_capture_on_commit_callbacks):
    member = make_member("doppelt")
    make_moderator()
    project = ModelProject.objects.get(name="Ulm")
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:editor-request"), {"model_project": project.pk, "message": "Erster Antrag"})
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:editor-request"), {"model_project": project.pk, "message": "Zweiter Antrag"})

    assert response.status_code == 200
    assert EditorRequest.objects.filter(user=member).count() == 1
    assert len(mail.outbox) == 0
    html = response.content.decode()
    error = re.search(r'<p class="error" id="id_model_project_error">(.*?)</p>', html, flags=re.S)
    assert error and "bereits ein offener Antrag" in error.group(1)


def test_moderator_can_approve_an_editor_request(client, django_capture_on_commit_callbacks):
    member = make_member("bewerberin")
    moderator = make_moderator()
    project = ModelProject.objects.get(name="Ulm")
    with django_capture_on_commit_callbacks(execute=True):
        editor_request = editor_request_create(member, project, message="Projektleitung")
    mail.outbox.clear()
    client.force_login(moderator)

    assert client.get(reverse("accounts:editor-request-decide", args=[editor_request.pk])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:editor-request-decide", args=[editor_request.pk]),
                               {"decision": "approve", "note": "Willkommen!"})

    assert response.status_code == 302 and response["Location"] == reverse("accounts:moderation")
    assert ProjectEditor.objects.filter(user=member, model_project=project, granted_by=moderator).exists()
    editor_request.refresh_from_db()
    assert editor_request.status == EditorRequestStatus.APPROVED and editor_request.decided_by == moderator
    by_recipient = {tuple(m.to): m for m in mail.outbox}
    assert set(by_recipient) == {(member.email,), (moderator.email,)}
    assert "bestätigt" in by_recipient[(member.email,)].body and "Willkommen!" in by_recipient[(member.email,)].body
    assert "bestätigt" in by_recipient[(moderator.email,)].body


def test_moderator_can_decline_an_editor_request(client, django_capture_on_commit_callbacks):
    member = make_member("abgelehnt")
    moderator = make_moderator()
    project = ModelProject.objects.get(name="Ulm")
    editor_request = EditorRequest.objects.create(user=member, model_project=project, message="Bitte")
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:editor-request-decide", args=[editor_request.pk]), {"decision": "decline", "note": ""})

    assert not ProjectEditor.objects.filter(user=member).exists()
    editor_request.refresh_from_db()
    assert editor_request.status == EditorRequestStatus.DECLINED
    to_member = [m for m in mail.outbox if m.to == [member.email]]
    assert len(to_member) == 1 and "abgelehnt" in to_member[0].body
    assert any(m.to == [moderator.email] and "abgelehnt" in m.body for m in mail.outbox)


def test_member_cannot_decide_editor_requests(client):
    member = make_member("neugierig")
    other = make_member("andere")
    editor_request = EditorRequest.objects.create(user=other, model_project=ModelProject.objects.get(name="Ulm"))
    client.force_login(member)

    response = client.post(reverse("accounts:editor-request-decide", args=[editor_request.pk]), {"decision": "approve"})

    assert response.status_code == 403
    assert not ProjectEditor.objects.exists()


# --- Data export and deletion ------------------------------------------------------------------


def test_member_can_export_their_data_as_json_without_password_hash(client):
    ulm, hof = ModelProject.objects.get(name="Ulm"), ModelProject.objects.get(name="Landkreis Hof")
    member = make_editor("export", ulm)
    Profile.objects.create(user=member, name="Eva Export", organisation="Stadt Ulm", function="CDO",
                           municipality=Municipality.objects.get(key="08421000"))
    EditorRequest.objects.create(user=member, model_project=hof, message="Auch Hof, bitte")
    api_token_create(member, name="Rathaus-CMS")
    client.force_login(member)

    response = client.get(reverse("accounts:data-export"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == member.email
    assert data["profile"]["name"] == "Eva Export" and data["profile"]["municipality_key"] == "08421000"
    assert [r["model_project"] for r in data["editor_rights"]] == ["Ulm"]
    assert [(r["model_project"], r["message"], r["status"]) for r in data["editor_requests"]] == [("Landkreis Hof", "Auch Hof, bitte", "open")]
    assert [t["name"] for t in data["api_tokens"]] == ["Rathaus-CMS"]
    raw = response.content.decode()
    member.refresh_from_db()
    assert member.password not in raw and "md5$" not in raw and "password" not in raw
    assert ApiToken.objects.get(user=member).key_hash not in raw


def _published_measure_changed_by(editor, moderator, measure_line, to_lines):
    """An imported (published) measure whose change by the editor a moderator published."""
    from wissensspeicher.measures.models import Measure
    from wissensspeicher.measures.services import editorial, measures_import

    measures_import(to_lines(measure_line()))
    measure = Measure.objects.get(external_id="ulm-parken-001")
    revision = editorial.measure_revision_start(editor, measure)
    content = editorial.content_of(revision)
    content.values["title"] = "Parkleitsystem Innenstadt"
    editorial.measure_update(editor, revision, content)
    editorial.measure_submit(editor, revision)
    editorial.measure_publish(moderator, revision)
    return Measure.objects.get(pk=measure.pk)


def test_member_can_delete_their_account_and_their_measures_stay(client, measure_line, to_lines):
    from wissensspeicher.measures.models import Measure

    editor = make_editor("weg", ModelProject.objects.get(name="Ulm"))
    Profile.objects.create(user=editor, name="Wanda Weg")
    measure = _published_measure_changed_by(editor, make_moderator(), measure_line, to_lines)
    assert measure.history.filter(history_user=editor).exists()
    history_count = measure.history.count()
    client.force_login(editor)

    assert client.post(reverse("accounts:account-delete"), {}).status_code == 200  # without confirmation nothing happens
    assert User.objects.filter(pk=editor.pk).exists()
    response = client.post(reverse("accounts:account-delete"), {"confirm": "on"})

    assert response.status_code == 302
    assert not User.objects.filter(pk=editor.pk).exists()
    assert not Profile.objects.filter(name="Wanda Weg").exists()
    assert not ProjectEditor.objects.filter(user_id=editor.pk).exists()
    assert not EmailAddress.objects.filter(email=editor.email).exists()
    kept = Measure.objects.get(pk=measure.pk)
    assert kept.title == "Parkleitsystem Innenstadt" and kept.is_published
    assert kept.history.count() == history_count
    assert kept.history.filter(history_user_id=editor.pk).count() == 0
    assert kept.history.filter(title="Parkleitsystem Innenstadt", history_user__isnull=True).exists()
    assert "_auth_user_id" not in client.session


# --- Second factor for moderators --------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/", "/massnahmen/", "/konto/uebersicht/", "/moderation/", "/konto/profil/", "/konto/daten/", "/kommunen/",
     "/en/konto/uebersicht/"],
)
def test_moderator_without_totp_cannot_reach_pages_but_the_totp_setup(client, path):
    client.force_login(make_moderator(with_totp=False))

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].split("?")[0] in {reverse("mfa_activate_totp"), "/en" + reverse("mfa_activate_totp")}
    assert f"next={path}" in response["Location"].replace("%2F", "/")


@pytest.mark.parametrize("url_name", ["mfa_activate_totp", "mfa_index"])
def test_moderator_without_totp_can_open_the_second_factor_pages(client, url_name):
    client.force_login(make_moderator(with_totp=False))

    response = client.get(reverse(url_name))

    # allauth may first ask for the password again (reauthentication), which is allowed too.
    target = response["Location"].split("?")[0] if response.status_code == 302 else None
    assert response.status_code == 200 or target in {reverse("account_reauthenticate"), reverse("mfa_activate_totp")}
    if target:
        assert client.get(response["Location"]).status_code == 200


def test_moderator_without_totp_can_log_out(client):
    client.force_login(make_moderator(with_totp=False))

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_moderator_with_totp_can_reach_moderation(client):
    client.force_login(make_moderator())

    assert client.get(reverse("accounts:moderation")).status_code == 200
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_member_without_totp_is_not_sent_to_totp_setup(client):
    client.force_login(make_member("ohne-zweiten-faktor"))

    assert client.get(reverse("accounts:dashboard")).status_code == 200


# --- Login lockout (django-axes) ---------------------------------------------------------------


def test_visitor_cannot_log_in_after_five_failed_attempts_even_with_the_right_password(client):
    make_member("ziel")
    login = reverse("account_login")
    for _attempt in range(5):
        client.post(login, {"login": "ziel@kommune.example", "password": "falsch-geraten"})

    response = client.post(login, {"login": "ziel@kommune.example", "password": PASSWORD})

    assert "_auth_user_id" not in client.session
    assert response.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in response.content.decode()
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_member_can_log_in_after_four_failed_attempts(client):
    make_member("vergesslich")
    login = reverse("account_login")
    for _attempt in range(4):
        client.post(login, {"login": "vergesslich@kommune.example", "password": "falsch-geraten"})

    response = client.post(login, {"login": "vergesslich@kommune.example", "password": PASSWORD})

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


# --- Municipality suggestions ------------------------------------------------------------------


def test_visitor_gets_municipality_suggestions_that_the_field_resolves_exactly(client):
    response = client.get(reverse("accounts:municipality-suggestions"), {"q": "Mend"})

    assert response.status_code == 200
    labels = response.json()["suggestions"]
    assert labels and any(label.startswith("Menden (Sauerland)") for label in labels)
    field = MunicipalityField()
    for label in labels:
        key = re.search(r"; (\d+)\)$", label).group(1)
        assert field.clean(label) == Municipality.objects.get(key=key)
    assert client.get(reverse("accounts:municipality-suggestions"), {"q": "M"}).json() == {"suggestions": []}


def test_member_sees_their_upcoming_registrations_and_groups_on_the_dashboard(client):
    from wissensspeicher.communities.models import CommunityMembership, MembershipStatus
    from wissensspeicher.communities.tests.factories import CommunityFactory
    from wissensspeicher.events.models import RegistrationStatus
    from wissensspeicher.events.services import registration_create, registration_cancel
    from wissensspeicher.events.tests.factories import EventFactory

    member = make_member("teilnehmerin")
    kept = EventFactory(title="Themenwerkstatt Wärmeplanung")
    dropped = EventFactory(title="Webinar Förderaufrufe")
    registration_create(kept, user=member)
    registration_cancel(registration_create(dropped, user=member).token)
    group = CommunityFactory(title="AG Urbane Digitale Zwillinge")
    CommunityMembership.objects.create(community=group, user=member, status=MembershipStatus.APPROVED)
    client.force_login(member)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Themenwerkstatt Wärmeplanung" in page and str(RegistrationStatus.CONFIRMED.label) in page
    assert "Webinar Förderaufrufe" not in page  # cancelled registrations are not listed
    assert "AG Urbane Digitale Zwillinge" in page


def test_member_export_holds_registrations_and_groups_and_deletion_frees_seats_and_forgets_the_person(
        client, django_capture_on_commit_callbacks):
    from wissensspeicher.communities.models import CommunityMembership, MembershipStatus
    from wissensspeicher.communities.tests.factories import CommunityFactory
    from wissensspeicher.events.models import Registration, RegistrationStatus
    from wissensspeicher.events.services import registration_create
    from wissensspeicher.events.tests.factories import EventFactory

    member = make_member("lea")
    waiting = make_member("waiting")
    event = EventFactory(title="Themenwerkstatt Wärmeplanung", capacity=1)
    registration_create(event, user=member)
    queued = registration_create(event, user=waiting)
    CommunityMembership.objects.create(community=CommunityFactory(title="AG Digitale Zwillinge"), user=member,
                                       status=MembershipStatus.REQUESTED, message="Wir bauen gerade ein 3D-Stadtmodell.")
    client.force_login(member)
    data = json.loads(client.get(reverse("accounts:data-export")).content)
    assert [r["event"] for r in data["event_registrations"]] == ["Themenwerkstatt Wärmeplanung"]
    assert data["group_memberships"][0]["message"] == "Wir bauen gerade ein 3D-Stadtmodell."
    assert data["pool_postings"] == []

    own = Registration.objects.get(event=event, user=member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:account-delete"), {"confirm": "on"})
    assert not get_user_model().objects.filter(username="lea").exists()
    own.refresh_from_db()
    queued.refresh_from_db()
    assert own.status == RegistrationStatus.CANCELLED and "lea" not in own.email and own.name == "Gelöschtes Konto"
    assert queued.status == RegistrationStatus.CONFIRMED  # the seat went to the waiting list
    assert not CommunityMembership.objects.filter(message__contains="3D-Stadtmodell").exists()
