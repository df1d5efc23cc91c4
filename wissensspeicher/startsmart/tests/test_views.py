"""Start Smart pages: public form (errors, no-JS municipality resolution, honeypot, rate limit), opt-in, staff pages."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from wissensspeicher.measures.models import FieldOfAction
from wissensspeicher.measures.tests.factories import UserFactory, editor_of
from wissensspeicher.municipalities.models import ModelProject
from wissensspeicher.startsmart.models import ExpressionOfInterest, PipelineState
from wissensspeicher.startsmart.tests.factories import ExpressionOfInterestFactory

pytestmark = pytest.mark.django_db

FORM = reverse("startsmart:expression-of-interest-create")
LIST = reverse("startsmart:expression-of-interest-list")
OVERVIEW = reverse("startsmart:pipeline-overview")


def form_data(**overrides):
    data = {"municipality": "Zwiesel", "contact_name": "Theresa Gruber", "function": "Geschäftsleitung",
            "email": "t.gruber@zwiesel.example", "formats": ["peer-learning"],
            "topics": [FieldOfAction.objects.get(slug="kultur-und-tourismus").pk], "consent": "on", "website": ""}
    data.update(overrides)
    return data


def test_visitor_can_read_the_landing_page_with_the_form_link(client):
    content = client.get(reverse("startsmart:landing")).content.decode()
    assert "Themenwerkstätten" in content and "Regionalkonferenzen" in content and FORM in content
    assert LIST not in content


def test_visitor_can_submit_by_typing_the_municipality_name_without_javascript(client, django_capture_on_commit_callbacks):
    page = client.get(FORM).content.decode()
    assert "<legend>Gewünschte Formate" in page and 'name="consent"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM, form_data())
    assert response.status_code == 302 and response.url == reverse("startsmart:expression-of-interest-submitted")
    eoi = ExpressionOfInterest.objects.get()
    assert eoi.municipality.key == "09276148" and not eoi.is_confirmed
    assert "Postfach" in client.get(response.url).content.decode()
    assert eoi.token in mail.outbox[0].body


def test_visitor_on_the_english_site_gets_english_links(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/en" + FORM, form_data()).status_code == 302
    eoi = ExpressionOfInterest.objects.get()
    assert eoi.language == "en"
    assert f"/en/start-smart/interesse/bestaetigen/{eoi.token}/" in mail.outbox[0].body


def test_visitor_can_see_clear_errors_next_to_the_fields(client):
    response = client.post(FORM, form_data(municipality="Gibtsnichtheim", email="kaputt", consent="", formats=[]))
    assert response.status_code == 400
    content = response.content.decode()
    assert 'id="error-summary"' in content
    assert "steht nicht im amtlichen Gemeindeverzeichnis" in content
    assert "Bitte geben Sie eine gültige E-Mail-Adresse an" in content
    assert "Bitte willigen Sie in die Verarbeitung" in content
    assert "Bitte wählen Sie mindestens ein Format." in content
    assert 'id="id_consent_error"' in content
    assert not ExpressionOfInterest.objects.exists()


def test_visitor_can_pick_from_candidates_when_the_name_is_ambiguous(client):
    content = client.post(FORM, form_data(municipality="Lauterbach")).content.decode()
    assert "ist nicht eindeutig" in content and "08325036" in content
    assert not ExpressionOfInterest.objects.exists()


def test_bot_cannot_submit_through_the_honeypot(client):
    response = client.post(FORM, form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not ExpressionOfInterest.objects.exists() and mail.outbox == []


def test_visitor_cannot_submit_more_than_five_times_an_hour(client):
    for n in range(5):
        assert client.post(FORM, form_data(email=f"p{n}@zwiesel.example")).status_code == 302
    response = client.post(FORM, form_data(email="p6@zwiesel.example"))
    assert response.status_code == 429
    assert ExpressionOfInterest.objects.count() == 5


def test_visitor_can_confirm_by_button_but_not_by_merely_opening_the_link(client, moderator, django_capture_on_commit_callbacks):
    eoi = ExpressionOfInterestFactory(confirmed_at=None)
    url = reverse("startsmart:expression-of-interest-confirm", args=[eoi.token])
    assert "Jetzt bestätigen" in client.get(url).content.decode()
    eoi.refresh_from_db()
    assert not eoi.is_confirmed
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "ist bestätigt" in response.content.decode()
    eoi.refresh_from_db()
    assert eoi.is_confirmed and mail.outbox[0].to == [moderator.email]
    assert client.get(reverse("startsmart:expression-of-interest-confirm", args=["falsch"])).status_code == 404


@pytest.mark.parametrize("role", ["visitor", "member", "editor"])
def test_non_staff_cannot_open_the_pipeline_pages(client, role):
    eoi = ExpressionOfInterestFactory()
    if role != "visitor":
        client.force_login(UserFactory() if role == "member" else editor_of(ModelProject.objects.get(name="Ulm")))
    detail = reverse("startsmart:expression-of-interest-detail", args=[eoi.pk])
    transition = reverse("startsmart:expression-of-interest-transition", args=[eoi.pk])
    for url in (LIST, detail, OVERVIEW):
        response = client.get(url)
        if role == "visitor":
            assert response.status_code == 302 and "/konto/login/" in response.url
        else:
            assert response.status_code == 403
    response = client.post(transition, {"stand-to_state": "in_review"})
    assert response.status_code in (302, 403)
    eoi.refresh_from_db()
    assert eoi.state == PipelineState.NEW


def test_moderator_can_list_filter_and_count_requests(client, moderator):
    ExpressionOfInterestFactory(contact_name="Theresa Gruber")
    ExpressionOfInterestFactory(contact_name="Unbestätigt", confirmed_at=None)
    client.force_login(moderator)
    content = client.get(LIST).content.decode()
    assert "Theresa Gruber" in content and "Unbestätigt" not in content
    assert "Theresa Gruber" not in client.get(LIST, {"zustaendig": "mine"}).content.decode()
    overview = client.get(OVERVIEW).content.decode()
    assert '<th scope="row">Bayern</th>' in overview and '<th scope="col">in Prüfung</th>' in overview
    assert f'href="{LIST}?stand=new&amp;land=bayern">1</a>' in overview


def test_moderator_can_work_a_request_through_the_detail_page(client, moderator, django_capture_on_commit_callbacks):
    eoi = ExpressionOfInterestFactory()
    client.force_login(moderator)
    detail = reverse("startsmart:expression-of-interest-detail", args=[eoi.pk])
    assert client.post(reverse("startsmart:expression-of-interest-assign", args=[eoi.pk]),
                       {"zustaendig-assignee": moderator.pk}).status_code == 302
    assert client.post(reverse("startsmart:expression-of-interest-transition", args=[eoi.pk]),
                       {"stand-to_state": "in_review", "stand-note": "Fördermittel klären"}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("startsmart:expression-of-interest-transition", args=[eoi.pk]),
                               {"stand-to_state": "consultation", "stand-next_step": "Initialberatung per Video",
                                "stand-next_step_date": "2027-01-12"}, follow=True)
    assert "Die Kommune erhält eine E-Mail" in response.content.decode()
    assert mail.outbox[-1].to == [eoi.email]
    assert client.post(reverse("startsmart:expression-of-interest-note", args=[eoi.pk]), {"notiz-text": "Agenda senden"}).status_code == 302
    page = client.get(detail).content.decode()
    for text in ("Fördermittel klären", "Initialberatung per Video", "Agenda senden", "Kommune per E-Mail informiert", "in Prüfung"):
        assert text in page
    eoi.refresh_from_db()
    assert eoi.state == PipelineState.CONSULTATION_SCHEDULED and eoi.assignee == moderator


def test_a_date_that_is_not_one_is_shown_again_to_correct(client, moderator):
    eoi = ExpressionOfInterestFactory()
    client.force_login(moderator)
    response = client.post(reverse("startsmart:expression-of-interest-transition", args=[eoi.pk]),
                           {"stand-to_state": "in_review", "stand-next_step_date": "31.02.2027"})
    page = response.content.decode()
    assert "Bitte geben Sie ein Datum an" in page
    # Typed without a date picker: shown in a text field (a date input may only hold a date), nothing saved.
    assert re.search(r'<input type="text" name="stand-next_step_date" value="31.02.2027"', page)
    assert 'type="date" name="stand-next_step_date" value="31.02.2027"' not in page
    eoi.refresh_from_db()
    assert eoi.state == PipelineState.NEW
    valid = client.get(reverse("startsmart:expression-of-interest-detail", args=[eoi.pk])).content.decode()
    assert re.search(r'<input type="date" name="stand-next_step_date"', valid)


def test_moderator_cannot_choose_a_state_that_is_not_allowed(client, moderator):
    eoi = ExpressionOfInterestFactory()
    client.force_login(moderator)
    response = client.post(reverse("startsmart:expression-of-interest-transition", args=[eoi.pk]), {"stand-to_state": "completed"})
    assert response.status_code == 400
    assert "Dieser Stand ist von hier aus nicht möglich." in response.content.decode()
    response = client.post(reverse("startsmart:expression-of-interest-note", args=[eoi.pk]), {"notiz-text": ""})
    assert response.status_code == 400 and "Bitte schreiben Sie eine Notiz." in response.content.decode()


def test_the_pipeline_list_is_paged_and_keeps_its_filters(client, moderator):
    from wissensspeicher.startsmart import selectors

    for number in range(selectors.PIPELINE_PAGE_SIZE + 3):
        ExpressionOfInterestFactory(contact_name=f"Ansprechperson {number:03d}")
    client.force_login(moderator)
    first = client.get(LIST, {"stand": "new"}).content.decode()
    assert f"{selectors.PIPELINE_PAGE_SIZE + 3} Anfragen" in first
    assert first.count('<th scope="row">') == selectors.PIPELINE_PAGE_SIZE
    assert 'href="?stand=new&amp;page=2" rel="next"' in first
    second = client.get(LIST, {"stand": "new", "page": "2"}).content.decode()
    assert second.count('<th scope="row">') == 3 and 'aria-current="page">2<' in second
    shown = {m for page in (first, second) for m in re.findall(r"Ansprechperson \d{3}", page)}
    assert len(shown) == selectors.PIPELINE_PAGE_SIZE + 3  # every request on one of the pages, none twice
