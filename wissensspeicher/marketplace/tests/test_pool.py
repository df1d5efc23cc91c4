"""The Suche-Biete-Pool as members, visitors and moderators use it."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command

from wissensspeicher.marketplace.models import Message, Place, Posting, PostingStatus
from wissensspeicher.marketplace.services import postings_import
from wissensspeicher.marketplace.services.postings import postings_expire
from wissensspeicher.marketplace.tests.conftest import posting_line

pytestmark = pytest.mark.django_db


def test_import_creates_places_on_first_use_and_is_idempotent(pool):
    assert pool.created == 5 and pool.places_created == 3
    place = Place.objects.get(name="Stadtlabor Arnsberg")
    assert place.municipality.key == "05958004"
    again = postings_import([posting_line("o-pegel", title="Neu: Pegelsensoren")])
    assert again.updated == 1 and again.created == 0 and Posting.objects.count() == 5
    assert Posting.objects.get(external_id="o-pegel").title == "Neu: Pegelsensoren"


def test_import_reports_every_bad_line_and_writes_nothing(db):
    lines = [
        posting_line("ok-1"),
        posting_line("bad-1", kind="gift", category="Sonstiges"),
        "{kaputt",
        posting_line("bad-2", fields_of_action=["Raketen"], valid_until="31.12.2026", title=""),
    ]
    report = postings_import(lines)
    messages = [str(e) for e in report.errors]
    assert "line 2: kind: 'gift' is not \"offer\" or \"need\"" in messages
    assert any(m.startswith("line 2: category:") for m in messages)
    assert any(m.startswith("line 3: json:") for m in messages)
    assert "line 4: fields_of_action: unknown Handlungsfeld 'Raketen'" in messages
    assert any(m.startswith("line 4: valid_until:") for m in messages) and any(m.startswith("line 4: title:") for m in messages)
    assert Posting.objects.count() == 0 and Place.objects.count() == 0


def test_needs_see_the_offers_that_serve_them_first(pool, capsys):
    call_command("match_postings", "n-hochwasser", "n-raum", "--json")
    result = json.loads(capsys.readouterr().out)
    assert result["n-hochwasser"][0] == "o-pegel"
    assert result["n-raum"][0] == "o-raum"
    assert set(result["n-raum"]) == {"o-pegel", "o-raum", "o-app"}  # every open offer, best first


def test_visitor_filters_and_searches_the_pool(client, pool):
    html = client.get("/pool/", {"art": "need"}).content.decode()
    assert "Raum für eine Themenwerkstatt" in html and "Mängelmelder" not in html
    html = client.get("/pool/", {"q": "Hochwasserwarnung"}).content.decode()
    assert "LoRaWAN-Sensornetz" in html and "Mängelmelder" not in html  # "Hochwasser" found in the offer's text
    html = client.get("/pool/", {"kategorie": "quatsch"}).content.decode()
    assert "Unbekannte Filterwerte" in html


def test_member_posts_a_need_and_sees_matching_offers(client, pool, member):
    client.force_login(member)
    place = Place.objects.get(name="Digitallabor Olpe")
    response = client.post("/pool/neu/", {"kind": "need", "title": "Wer teilt Erfahrungen mit Pegelsensoren?",
                                          "body": "Wir planen Messfühler an der Bigge und suchen Austausch.", "category": "wissen",
                                          "place": place.pk, "valid_until": "2099-01-31"})
    posting = Posting.objects.get(title__startswith="Wer teilt")
    assert response.status_code == 302 and posting.owner == member
    html = client.get(posting.get_absolute_url()).content.decode()
    assert "Passende Angebote" in html and "LoRaWAN-Sensornetz" in html


def test_bad_posting_form_names_the_fields(client, member, pool):
    client.force_login(member)
    html = client.post("/pool/neu/", {"kind": "", "title": "", "body": "", "valid_until": "morgen"}).content.decode()
    for message in ["Bitte wählen Sie „Biete“ oder „Suche“.", "Bitte geben Sie einen Titel an.", "Bitte wählen Sie den Ort.",
                    "Bitte geben Sie ein Datum an"]:
        assert message in html
    assert Posting.objects.count() == 5


def test_visitor_cannot_post_but_writes_a_relayed_message(client, pool, member, django_capture_on_commit_callbacks):
    offer = Posting.objects.get(external_id="o-app")
    offer.owner = member
    offer.save()
    assert client.get("/pool/neu/").status_code == 302  # to the login
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/pool/eintraege/{offer.pk}/nachricht/", {"name": "Jan Weber", "email": "jan@stadt.example",
                                                                          "text": "Wir möchten die App nachnutzen.", "consent": "on"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [member.email] and mail.outbox[0].reply_to == ["jan@stadt.example"]
    assert Message.objects.get().consent
    html = client.get(offer.get_absolute_url()).content.decode()
    assert member.email not in html
    client.force_login(member)
    assert "Wir möchten die App nachnutzen." in client.get("/pool/postfach/").content.decode()


def test_message_without_consent_is_refused(client, pool, member):
    offer = Posting.objects.get(external_id="o-app")
    offer.owner = member
    offer.save()
    html = client.post(f"/pool/eintraege/{offer.pk}/nachricht/", {"name": "Jan", "email": "jan@stadt.example", "text": "Hallo"}).content.decode()
    assert "Ohne Ihre Zustimmung" in html and Message.objects.count() == 0


def test_owner_marks_fulfilled_and_others_cannot(client, pool, member):
    offer = Posting.objects.get(external_id="o-raum")
    offer.owner = member
    offer.save()
    client.force_login(member)
    client.post(f"/pool/eintraege/{offer.pk}/status/", {"status": "fulfilled"})
    offer.refresh_from_db()
    assert offer.status == PostingStatus.FULFILLED
    other = Posting.objects.get(external_id="o-app")
    assert client.post(f"/pool/eintraege/{other.pk}/status/", {"status": "withdrawn"}).status_code == 403


def test_report_reaches_moderators_who_hide_and_the_owner_is_told(client, pool, member, django_capture_on_commit_callbacks):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    moderator = get_user_model().objects.create_user(username="mod", email="mod@ks.example", password="x")
    EmailAddress.objects.create(user=moderator, email=moderator.email, verified=True, primary=True)
    moderator.groups.add(Group.objects.get(name="moderators"))
    posting = Posting.objects.get(external_id="o-app")
    posting.owner = member
    posting.save()
    reporter = get_user_model().objects.create_user(username="r", email="r@x.example", password="x")
    EmailAddress.objects.create(user=reporter, email=reporter.email, verified=True, primary=True)
    client.force_login(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/pool/eintraege/{posting.pk}/melden/", {"reason": "Werbung für ein kommerzielles Produkt"})
    assert mail.outbox[-1].to == ["mod@ks.example"]
    client.force_login(moderator)
    session = client.session
    session["second_factor_in_place"] = True  # the TOTP step is tested in accounts
    session.save()
    assert "Werbung für ein kommerzielles Produkt" in client.get("/pool/moderation/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/pool/eintraege/{posting.pk}/moderieren/", {"action": "hide", "note": "Bitte ohne Werbung neu einstellen."})
    posting.refresh_from_db()
    assert posting.status == PostingStatus.HIDDEN and mail.outbox[-1].to == [member.email]
    client.logout()
    assert client.get(posting.get_absolute_url()).status_code == 404
    assert "Mängelmelder" not in client.get("/pool/").content.decode()


def test_expiry_closes_old_postings_and_reminds_a_week_before(pool, member, django_capture_on_commit_callbacks):
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    old = Posting.objects.get(external_id="o-raum")
    Posting.objects.filter(pk=old.pk).update(valid_until=today - dt.timedelta(days=1))
    soon = Posting.objects.get(external_id="o-app")
    Posting.objects.filter(pk=soon.pk).update(valid_until=today + dt.timedelta(days=5), owner=member)
    with django_capture_on_commit_callbacks(execute=True):
        counts = postings_expire()
    assert counts == {"expired": 1, "reminded": 1}
    assert Posting.objects.get(pk=old.pk).status == PostingStatus.EXPIRED
    assert mail.outbox[-1].to == [member.email] and "läuft" in mail.outbox[-1].subject
    with django_capture_on_commit_callbacks(execute=True):
        assert postings_expire() == {"expired": 0, "reminded": 0}  # reminded once


def test_api_lists_postings_and_matches_and_members_post_with_a_token(client, pool, member):
    from wissensspeicher.accounts.services import api_token_create

    body = client.get("/api/v1/marketplace/postings", {"art": "need"}).json()
    assert body["count"] == 2 and {i["kind"] for i in body["items"]} == {"need"}
    need = Posting.objects.get(external_id="n-hochwasser")
    matches = client.get(f"/api/v1/marketplace/postings/{need.pk}/matches").json()
    assert matches[0]["external_id"] == "o-pegel" and "@" not in json.dumps(matches)
    assert client.post("/api/v1/marketplace/postings", {}, content_type="application/json").status_code == 401
    _token, secret = api_token_create(member, name="Test")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    bad = client.post("/api/v1/marketplace/postings", {"kind": "need", "title": "", "place": "gibt-es-nicht"},
                      content_type="application/json", **headers)
    assert bad.status_code == 422 and "body.place" in bad.json()["detail"] and "body.title" in bad.json()["detail"]
    created = client.post("/api/v1/marketplace/postings", {"kind": "need", "title": "Daten zu Ladesäulen gesucht", "body": "Für eine Karte.",
                                                           "category": "Daten", "place": "Ankerort Soest"},
                          content_type="application/json", **headers)
    assert created.status_code == 201 and Posting.objects.get(pk=created.json()["id"]).owner == member
    other = Posting.objects.get(external_id="o-app")
    assert client.patch(f"/api/v1/marketplace/postings/{other.pk}", {"title": "x"}, content_type="application/json", **headers).status_code == 403


def test_place_map_and_list_link_every_place(client, pool):
    Place.objects.filter(name="Ankerort Soest").update(latitude=51.57, longitude=8.11)
    html = client.get("/pool/orte/").content.decode()
    for place in Place.objects.all():
        assert place.get_absolute_url() in html
    assert "<svg" in html and "bkg.bund.de" in html


def test_visitor_writes_to_a_place_without_seeing_its_address(client, pool, django_capture_on_commit_callbacks):
    place = Place.objects.get(name="Ankerort Soest")
    assert client.get(f"/pool/orte/{place.slug}/nachricht/").status_code == 404  # no relay address yet
    Place.objects.filter(pk=place.pk).update(contact_email="labor@soest.example")
    html = client.get(place.get_absolute_url()).content.decode()
    assert "labor@soest.example" not in html and f"/pool/orte/{place.slug}/nachricht/" in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/pool/orte/{place.slug}/nachricht/", {"name": "Ida", "email": "ida@gemeinde.example", "text": "Dürfen wir Ihren Raum nutzen?", "consent": "on"})
    assert mail.outbox[-1].to == ["labor@soest.example"] and mail.outbox[-1].reply_to == ["ida@gemeinde.example"]


def test_owner_who_asked_is_emailed_when_a_fitting_posting_appears(client, pool, member, django_capture_on_commit_callbacks):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    need = Posting.objects.get(external_id="n-hochwasser")
    need.owner, need.notify_matches = member, True
    need.save()
    author = get_user_model().objects.create_user(username="a", email="a@labor.example", password="x")
    EmailAddress.objects.create(user=author, email=author.email, verified=True, primary=True)
    client.force_login(author)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/pool/neu/", {"kind": "offer", "title": "Hochwasser-Frühwarnung mit Pegelsensoren zum Nachbauen",
                                   "body": "Wir zeigen Messfühler und Warn-App für Bäche.", "category": "wissen",
                                   "place": Place.objects.get(name="Digitallabor Olpe").pk, "valid_until": "2099-01-31"})
    notices = [m for m in mail.outbox if m.to == [member.email]]
    assert len(notices) == 1 and "Hochwasser-Frühwarnung" in notices[0].body
