"""What visitors see on the knowledge-base pages."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from wissensspeicher.measures.services import measures_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_measures(measure_line, to_lines):
    measures_import(
        to_lines(
            measure_line(),
            measure_line(external_id="b", title="Hochwasser-Frühwarnsystem", fields_of_action=["Klimaanpassung und Resilienz"],
                         state="Bayern", model_project="Landkreis Hof", municipalities=["Landkreis Hof"], status="Verstetigt"),
            measure_line(external_id="c", title="Bürger-App für Bayern", fields_of_action=["Mobilität"],
                         state="Bayern", model_project="Bamberg", municipalities=["Bamberg"], status="Abgeschlossen",
                         contact={"name": "Kim Muster", "role": "Digitallotsin", "email": "geheim@example.org"}),
        )
    )


def test_visitor_sees_home_with_counts_and_entry_points(client, three_measures):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Start – Wissensspeicher Smart Cities</title>" in html
    assert re.search(r"<strong>3</strong>\s*Maßnahmen", html)
    assert re.search(r"<strong>73</strong>", html)
    assert "?fields_of_action=mobilitaet" in html and "?state=bayern" in html


def test_visitor_filters_list_with_counts_per_option(client, three_measures):
    response = client.get(reverse("search:measure-list"), {"state": "bayern"})
    html = response.content.decode()
    assert "2 Maßnahmen gefunden" in html
    assert "Hochwasser-Frühwarnsystem" in html and "Parkplatzsensorik" not in html
    facets = {f.param: {o.value: o.count for o in f.options} for f in response.context["facets"]}
    # The state facet ignores its own filter, so other states still show what they would add.
    assert facets["state"]["baden-wuerttemberg"] == 1 and facets["state"]["bayern"] == 2
    assert facets["fields_of_action"]["mobilitaet"] == 1
    assert facets["status"]["verstetigt"] == 1 and facets["status"]["in-umsetzung"] == 0


def test_filters_combine_or_within_and_across_dimensions(client, three_measures):
    response = client.get("/massnahmen/?status=verstetigt&status=abgeschlossen&fields_of_action=mobilitaet")
    titles = [m.title for m in response.context["page_obj"]]
    assert titles == ["Bürger-App für Bayern"]


def test_list_is_paginated_and_bookmarkable(client, measure_line, to_lines):
    measures_import(to_lines(*[measure_line(external_id=f"m{i:02d}", title=f"Maßnahme {i:02d}") for i in range(25)]))
    response = client.get("/massnahmen/?sort=title&page=2&state=baden-wuerttemberg")
    assert [m.title for m in response.context["page_obj"]] == [f"Maßnahme {i:02d}" for i in range(20, 25)]
    previous = re.search(r'href="\?([^"]*)" rel="prev"', response.content.decode()).group(1).split("&amp;")
    assert sorted(previous) == ["page=1", "sort=title", "state=baden-wuerttemberg"]


def test_visitor_sees_the_contact_person_only_with_consent_and_writes_through_the_relay(client, three_measures):
    from wissensspeicher.measures.models import Measure

    measure = Measure.objects.get(external_id="c")
    html = client.get(measure.get_absolute_url()).content.decode()
    assert "Kim Muster" not in html and "Digitallotsin" not in html  # imported: nobody confirmed consent
    assert f"/massnahmen/{measure.pk}/kontakt/" in html and "@example.org" not in html
    Measure.objects.filter(pk=measure.pk).update(contact_consent=True)
    html = client.get(measure.get_absolute_url()).content.decode()
    assert "Kim Muster" in html and "Digitallotsin" in html and "@example.org" not in html


def test_detail_shows_every_public_field_but_never_the_email(client, three_measures):
    from wissensspeicher.measures.models import Measure

    Measure.objects.filter(external_id="c").update(contact_consent=True)
    measure = Measure.objects.get(external_id="c")
    html = client.get(measure.get_absolute_url()).content.decode()
    for text in ["Bürger-App für Bayern", "Bamberg", "Mobilität", "Abgeschlossen", "Gesamtstadt", "Sensorik/IoT",
                 "420.000", "EUPL-1.2", "https://code.example.org/ulm/parken", "Neu-Ulm", "Kim Muster", "Digitallotsin",
                 "April 2021", "Dezember 2025", "herstellerunabhängig"]:
        assert text in html, text
    assert "geheim@example.org" not in html and "@example.org" not in html


def test_model_project_page_lists_members_and_measures(client, three_measures):
    html = client.get("/modellprojekte/5-fuer-suedwestfalen/").content.decode()
    for member in ["Arnsberg", "Bad Berleburg", "Menden (Sauerland)", "Olpe", "Soest"]:
        assert member in html
    html = client.get("/modellprojekte/bamberg/").content.decode()
    assert "Bürger-App für Bayern" in html and "Staffel" in html


def test_municipality_page_shows_registry_facts_and_measures(client, three_measures):
    html = client.get("/kommunen/08421000/").content.decode()  # Ulm
    assert "08421000" in html and "Zensus 2022" in html and "Parkplatzsensorik" in html
    html = client.get("/kommunen/09775135/").content.decode()  # Neu-Ulm reuses the parking solution
    assert "Nutzt Lösungen nach" in html and "Parkplatzsensorik" in html


def test_english_pages_live_under_en_and_keep_german_content_marked(client, three_measures):
    html = client.get("/en/massnahmen/").content.decode()
    assert '<html lang="en">' in html
    assert '<h3 lang="de"><a href="/en/massnahmen/' in html


def test_unknown_page_is_a_404_in_the_site_layout(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404 and "Seite nicht gefunden" in response.content.decode()


def test_demo_banner_shows_only_while_demo_records_exist(client, measure_line, to_lines):
    assert "Demo-Daten: fiktive Beispiele" not in client.get("/").content.decode()
    measures_import(to_lines(measure_line()), is_demo=True)
    for url in ["/", "/massnahmen/", "/datenquellen/", "/impressum/"]:
        assert "Demo-Daten: fiktive Beispiele" in client.get(url).content.decode(), url


@pytest.mark.parametrize("url", ["/datenquellen/", "/impressum/", "/datenschutz/", "/barrierefreiheit/", "/modellprojekte/", "/kommunen/?q=Soest"])
def test_static_and_directory_pages_render_with_title_and_landmarks(client, url):
    html = client.get(url).content.decode()
    assert re.search(r"<title>[^<]+ – Wissensspeicher Smart Cities</title>", html)
    assert '<main id="main"' in html and "<header" in html and "<footer" in html and 'href="#main"' in html


def test_data_sources_page_carries_the_licence_attributions(client):
    html = client.get("/datenquellen/").content.decode()
    assert "Statistisches Bundesamt (Destatis)" in html
    assert "Zensus 2022" in html
    assert 'href="https://www.bkg.bund.de"' in html
    assert "dl-de/by-2-0" in html


def test_counts_follow_edits_and_deletions_at_once(client, three_measures):
    from wissensspeicher.measures.models import FieldOfAction, Measure, ProgressStatus

    def status_counts():
        facets = client.get("/massnahmen/").context["facets"]
        return {o.value: o.count for f in facets if f.param == "status" for o in f.options}

    assert status_counts()["verstetigt"] == 1
    measure = Measure.objects.get(external_id="c")
    measure.status = ProgressStatus.objects.get(label="Verstetigt")
    measure.save()
    assert status_counts()["verstetigt"] == 2
    measure.fields_of_action.add(FieldOfAction.objects.get(label="Bildung"))
    response = client.get("/massnahmen/?fields_of_action=bildung")
    assert [m.external_id for m in response.context["page_obj"]] == ["c"]
    Measure.objects.filter(external_id="b").delete()
    assert status_counts()["verstetigt"] == 1
