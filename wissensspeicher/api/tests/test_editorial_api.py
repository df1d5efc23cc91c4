"""Editorial API v1 as editors use it from their own systems: token, create, change, submit."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from wissensspeicher.accounts.models import MODERATOR_GROUP, ApiToken, ProjectEditor
from wissensspeicher.accounts.services import api_token_create
from wissensspeicher.measures.models import Measure, PublicationState
from wissensspeicher.measures.services import measures_import
from wissensspeicher.municipalities.models import ModelProject

pytestmark = pytest.mark.django_db

PASSWORD = "Sichere-Passphrase-2026"
EDITORIAL = "/api/v1/editorial/measures"
User = get_user_model()


@pytest.fixture(autouse=True)
def _fresh_cache_and_language():
    cache.clear()
    translation.activate("de")
    yield
    translation.deactivate()
    cache.clear()


def make_member(username: str):
    user = User.objects.create_user(username=username, email=f"{username}@kommune.example", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def make_editor(username: str, project_name: str):
    user = make_member(username)
    ProjectEditor.objects.create(user=user, model_project=ModelProject.objects.get(name=project_name))
    return user


def make_moderator(username: str = "moderation"):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = make_member(username)
    user.groups.add(Group.objects.get_or_create(name=MODERATOR_GROUP)[0])
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def editor_a():
    return make_editor("redaktion-ulm", "Ulm")


@pytest.fixture
def editor_b():
    return make_editor("redaktion-hof", "Landkreis Hof")


def auth(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def token_of(user) -> str:
    return api_token_create(user, name="Rathaus-CMS")[1]


def payload(**overrides) -> dict:
    data = {
        "model_project": "Ulm",
        "title": "Digitaler Bauantrag",
        "summary": "Bauanträge online stellen und den Stand verfolgen.",
        "description": "Ausgangslage: Papierakten.\n\nZiel: medienbruchfrei.",
        "state": "Baden-Württemberg",
        "fields_of_action": ["Verwaltung und Bürgerservice"],
        "spatial_impact": "Gesamtstadt",
        "status": "In Umsetzung",
        "municipalities": ["Ulm"],
        "start": "2023-01",
        "end": "2025-06",
        "contact_name": "Alex Beispiel",
        "contact_email": "bauantrag@ulm.example",
    }
    for key, value in overrides.items():
        if value is ...:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def post(client, data: dict, secret: str | None):
    headers = auth(secret) if secret else {}
    return client.post(EDITORIAL, json.dumps(data), content_type="application/json", **headers)


def patch(client, pk: int, data: dict, secret: str):
    return client.patch(f"{EDITORIAL}/{pk}", json.dumps(data), content_type="application/json", **auth(secret))


def public_titles(client) -> set[str]:
    return {item["title"] for item in client.get("/api/v1/measures").json()["items"]}


@pytest.fixture
def published(measure_line, to_lines):
    """A published measure of Ulm (imports are published at once)."""
    measures_import(to_lines(measure_line()))
    return Measure.objects.get(external_id="ulm-parken-001")


# --- Tokens ------------------------------------------------------------------------------------


def test_editor_can_create_a_token_that_is_shown_once_and_stored_as_hash(client, editor_a):
    client.force_login(editor_a)

    response = client.post(reverse("accounts:api-tokens"), {"name": "Rathaus-CMS"})

    assert response.status_code == 200
    secret = re.search(r"wsp_[A-Za-z0-9_\-]{20,}", response.content.decode()).group(0)
    token = ApiToken.objects.get(user=editor_a)
    assert token.name == "Rathaus-CMS"
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(token.prefix) and len(token.prefix) < len(secret)
    stored = [str(v) for v in ApiToken.objects.filter(pk=token.pk).values().get().values()]
    assert secret not in stored
    again = client.get(reverse("accounts:api-tokens")).content.decode()
    assert secret not in again and "Rathaus-CMS" in again
    assert post(client, payload(), secret).status_code == 201  # the secret shown works


def test_visitor_cannot_create_tokens(client):
    response = client.post(reverse("accounts:api-tokens"), {"name": "Versuch"})

    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert not ApiToken.objects.exists()


def test_visitor_cannot_use_the_editorial_api_without_token(client):
    assert post(client, payload(), None).status_code == 401
    assert post(client, payload(), "wsp_erfunden-und-falsch").status_code == 401
    assert client.get(f"{EDITORIAL}/1").status_code == 401
    assert not Measure.objects.exists()


def test_editor_cannot_use_a_revoked_token(client, editor_a):
    token, secret = api_token_create(editor_a, name="Alt")
    assert post(client, payload(), secret).status_code == 201
    client.force_login(editor_a)

    response = client.post(reverse("accounts:api-token-revoke", args=[token.pk]))

    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    client.logout()
    assert post(client, payload(title="Noch einer"), secret).status_code == 401
    assert Measure.objects.count() == 1


def test_editor_cannot_revoke_someone_elses_token(client, editor_a, editor_b):
    token, secret = api_token_create(editor_b, name="Hof")
    client.force_login(editor_a)

    assert client.post(reverse("accounts:api-token-revoke", args=[token.pk])).status_code == 403
    assert ApiToken.objects.filter(pk=token.pk).exists()


# --- Creating measures -------------------------------------------------------------------------


def test_editor_can_create_a_draft_that_the_public_api_does_not_show(client, editor_a):
    response = post(client, payload(), token_of(editor_a))

    assert response.status_code == 201
    body = response.json()
    assert body["publication_state"] == "draft" and body["model_project"] == "ulm" and body["revision_of"] is None
    measure = Measure.objects.get(pk=body["id"])
    assert measure.title == "Digitaler Bauantrag" and measure.publication_state == PublicationState.DRAFT
    assert measure.start.isoformat() == "2023-01-01" and measure.end.isoformat() == "2025-06-01"
    assert [f.label for f in measure.fields_of_action.all()] == ["Verwaltung und Bürgerservice"]
    assert measure.history.get().history_user == editor_a
    assert client.get("/api/v1/measures").json()["count"] == 0
    assert "Digitaler Bauantrag" not in public_titles(client)


def test_editor_can_create_and_submit_for_review(client, editor_a, django_capture_on_commit_callbacks):
    from django.core import mail

    moderator = make_moderator()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, payload(submit=True), token_of(editor_a))

    assert response.status_code == 201
    assert response.json()["publication_state"] == "in_review"
    assert Measure.objects.get(pk=response.json()["id"]).publication_state == PublicationState.IN_REVIEW
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    assert public_titles(client) == set()


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"title": ...}, "body.title", "Titel"),
        ({"title": ""}, "body.title", "Titel"),
        ({"fields_of_action": ["Raketen"]}, "body.fields_of_action", "Raketen"),
        ({"start": "2025-06", "end": "2024-01"}, "body.end", "vor dem Beginn"),
        ({"state": "Atlantis"}, "body.state", "Atlantis"),
        ({"contact_email": "keine-adresse"}, "body.contact_email", "E-Mail-Adresse"),
        ({"municipalities": []}, "body.municipalities", "Kommune"),
    ],
)
def test_editor_cannot_create_with_bad_input_and_is_told_the_field(client, editor_a, overrides, field, words):
    response = post(client, payload(**overrides), token_of(editor_a))

    assert response.status_code == 422
    detail = response.json()["detail"]
    problem = next((part for part in detail.split("; ") if part.startswith(f"{field}:")), None)
    assert problem is not None, detail
    assert words in problem
    assert not Measure.objects.exists()


def test_editor_cannot_create_with_a_wrongly_typed_value(client, editor_a):
    response = post(client, payload(budget_eur="viel"), token_of(editor_a))

    assert response.status_code == 422
    assert any("budget_eur" in e["location"] for e in response.json()["errors"])
    assert not Measure.objects.exists()


def test_editor_cannot_create_for_an_unknown_model_project(client, editor_a):
    response = post(client, payload(model_project="Gotham"), token_of(editor_a))

    assert response.status_code == 422
    assert "body.model_project" in response.json()["detail"]


def test_editor_of_another_project_cannot_create_or_see_drafts_of_project_a(client, editor_a, editor_b):
    draft_id = post(client, payload(), token_of(editor_a)).json()["id"]
    secret_b = token_of(editor_b)

    assert post(client, payload(title="Fremd"), secret_b).status_code == 403
    assert client.get(f"{EDITORIAL}/{draft_id}", **auth(secret_b)).status_code in (403, 404)
    assert patch(client, draft_id, {"title": "Übernommen"}, secret_b).status_code in (403, 404)
    assert client.post(f"{EDITORIAL}/{draft_id}/submit", **auth(secret_b)).status_code in (403, 404)
    assert Measure.objects.get(pk=draft_id).title == "Digitaler Bauantrag"
    assert Measure.objects.get(pk=draft_id).publication_state == PublicationState.DRAFT
    assert Measure.objects.count() == 1


def test_editor_of_another_project_cannot_change_a_published_measure_of_project_a(client, editor_b, published):
    response = patch(client, published.pk, {"title": "Übernommen"}, token_of(editor_b))

    assert response.status_code == 403
    assert not Measure.objects.filter(revision_of=published).exists()


def test_member_with_token_but_without_editor_rights_cannot_create(client):
    member = make_member("ehemals-redaktion")
    secret = token_of(member)  # e.g. the token outlived the editor rights

    assert post(client, payload(), secret).status_code == 403
    assert not Measure.objects.exists()


# --- Changing measures -------------------------------------------------------------------------


def test_editor_can_change_own_draft_and_submit_it(client, editor_a):
    secret = token_of(editor_a)
    draft_id = post(client, payload(), secret).json()["id"]

    response = patch(client, draft_id, {"summary": "Anträge digital, Stand jederzeit einsehbar."}, secret)

    assert response.status_code == 200
    measure = Measure.objects.get(pk=draft_id)
    assert measure.summary == "Anträge digital, Stand jederzeit einsehbar." and measure.title == "Digitaler Bauantrag"
    assert measure.publication_state == PublicationState.DRAFT

    response = patch(client, draft_id, {"submit": True}, secret)

    assert response.status_code == 200 and response.json()["publication_state"] == "in_review"
    assert Measure.objects.get(pk=draft_id).publication_state == PublicationState.IN_REVIEW


def test_editor_cannot_change_own_draft_with_bad_input(client, editor_a):
    secret = token_of(editor_a)
    draft_id = post(client, payload(), secret).json()["id"]

    response = patch(client, draft_id, {"end": "2020-01"}, secret)

    assert response.status_code == 422 and "body.end" in response.json()["detail"]
    assert Measure.objects.get(pk=draft_id).end.isoformat() == "2025-06-01"


def test_editor_changes_a_published_measure_through_a_revision_that_a_moderator_publishes(client, editor_a, published):
    secret = token_of(editor_a)

    response = patch(client, published.pk, {"title": "Parkleitsystem Innenstadt", "submit": True}, secret)

    assert response.status_code == 200
    body = response.json()
    assert body["revision_of"] == published.pk and body["id"] != published.pk
    assert body["publication_state"] == "in_review"
    revision = Measure.objects.get(pk=body["id"])
    assert revision.title == "Parkleitsystem Innenstadt"
    # Everything the editor did not send is kept from the published measure.
    assert revision.summary == published.summary and revision.end == published.end
    assert sorted(revision.fields_of_action.values_list("pk", flat=True)) == sorted(published.fields_of_action.values_list("pk", flat=True))
    assert list(revision.municipality_links.values_list("name_as_written", flat=True)) == ["Ulm", "Neu-Ulm"]
    # The public still sees the published version.
    assert client.get("/api/v1/measures/ulm-parken-001").json()["title"] == "Parkplatzsensorik in der Innenstadt"
    assert public_titles(client) == {"Parkplatzsensorik in der Innenstadt"}

    client.force_login(make_moderator())
    response = client.post(reverse("measures:measure-review", args=[revision.pk]), {"action": "publish"})

    assert response.status_code == 302
    client.logout()
    assert client.get("/api/v1/measures/ulm-parken-001").json()["title"] == "Parkleitsystem Innenstadt"
    assert public_titles(client) == {"Parkleitsystem Innenstadt"}
    assert not Measure.objects.filter(pk=revision.pk).exists()


def test_editor_continues_the_same_revision_on_a_second_change(client, editor_a, published):
    secret = token_of(editor_a)

    first = patch(client, published.pk, {"title": "Erste Fassung"}, secret).json()
    second = patch(client, published.pk, {"summary": "Zweite Änderung."}, secret).json()

    assert first["id"] == second["id"]
    revision = Measure.objects.get(pk=first["id"])
    assert revision.title == "Erste Fassung" and revision.summary == "Zweite Änderung."
    assert Measure.objects.get(pk=published.pk).title == "Parkplatzsensorik in der Innenstadt"
