"""API v1 as developers and Länder portals use it."""

from __future__ import annotations

import pytest

from wissensspeicher.measures.services import measures_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def measures(measure_line, to_lines):
    measures_import(
        to_lines(
            measure_line(),
            measure_line(external_id="b", title="Sirenen", state="Bayern", model_project="Landkreis Hof",
                         municipalities=["Landkreis Hof"], fields_of_action=["Sicherheit und Katastrophenschutz"],
                         status="Verstetigt", spatial_impact="Landkreis", solution_types=[], target_groups=["Verwaltung"]),
        )
    )


def test_developer_lists_measures_with_count_and_external_ids(client, measures):
    body = client.get("/api/v1/measures").json()
    assert body["count"] == 2
    assert {item["external_id"] for item in body["items"]} == {"ulm-parken-001", "b"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("state=Bayern", {"b"}),
        ("state=bayern", {"b"}),
        ("fields_of_action=Mobilität", {"ulm-parken-001"}),
        ("status=Verstetigt&status=In Umsetzung", {"ulm-parken-001", "b"}),
        ("spatial_impact=Landkreis", {"b"}),
        ("solution_types=App", {"ulm-parken-001"}),
        ("target_groups=Verwaltung", {"b"}),
        ("model_project=Landkreis Hof", {"b"}),
        ("model_project=ulm&state=Bayern", set()),
    ],
)
def test_developer_filters_with_import_key_names(client, measures, query, expected):
    body = client.get(f"/api/v1/measures?{query}").json()
    assert {item["external_id"] for item in body["items"]} == expected
    assert body["count"] == len(expected)


def test_detail_by_external_id_has_every_public_field_and_no_email(client, measures):
    from wissensspeicher.measures.models import Measure

    assert client.get("/api/v1/measures/ulm-parken-001").json()["contact"] is None  # no consent confirmed yet
    Measure.objects.filter(external_id="ulm-parken-001").update(contact_consent=True)
    response = client.get("/api/v1/measures/ulm-parken-001")
    body = response.json()
    assert response.status_code == 200
    assert body["title"] == "Parkplatzsensorik in der Innenstadt"
    assert body["municipalities"][0] == {"name_as_written": "Ulm", "key": "08421000", "name": "Ulm, Universitätsstadt", "level": "municipality"}
    assert body["start"] == "2021-04" and body["budget_eur"] == 420000 and body["licence"] == "EUPL-1.2"
    assert body["contact"] == {"name": "Alex Beispiel", "role": "Projektleitung"}
    assert "example.org" not in response.content.decode().replace("code.example.org", "")


def test_errors_are_json(client, measures):
    missing = client.get("/api/v1/measures/nope")
    assert missing.status_code == 404 and missing.json()["detail"]
    bad_filter = client.get("/api/v1/measures?status=fertig")
    assert bad_filter.status_code == 422 and "status" in bad_filter.json()["detail"]
    bad_page = client.get("/api/v1/measures?page=0")
    assert bad_page.status_code == 422 and bad_page.json()["errors"][0]["location"] == "query.page"
    unknown_route = client.get("/api/v1/nothing-here")
    assert unknown_route.status_code == 404 and unknown_route["Content-Type"] == "application/json"


def test_model_projects_and_municipality_lookup(client):
    projects = client.get("/api/v1/model-projects").json()
    assert projects["count"] == 73
    soest = client.get("/api/v1/municipalities?q=Soest").json()
    assert soest["count"] >= 2 and {i["level"] for i in soest["items"]} >= {"municipality", "district"}
    by_ags = client.get("/api/v1/municipalities?ags=05974040").json()
    assert by_ags["count"] == 1 and by_ags["items"][0]["short_name"] == "Soest"
    assert by_ags["items"][0]["population_source"] == "zensus2022"
    assert client.get("/api/v1/municipalities?ags=12").status_code == 422


def test_openapi_document_is_published(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/measures", "/api/v1/measures/{external_id}", "/api/v1/model-projects", "/api/v1/municipalities"} <= set(spec["paths"])
