"""`migrate` alone gives the registry, the 73 model projects and the taxonomies."""

from __future__ import annotations

import pytest

from wissensspeicher.measures.models import FieldOfAction, ProgressStatus, SolutionType, SpatialImpact, TargetGroup
from wissensspeicher.municipalities.models import Level, ModelProject, Municipality, State
from wissensspeicher.municipalities.selectors import municipality_resolve_name

pytestmark = pytest.mark.django_db


def test_migrated_database_holds_the_registry():
    assert State.objects.count() == 16
    assert Municipality.objects.filter(level=Level.DISTRICT).count() == 401
    assert Municipality.objects.filter(level=Level.ASSOCIATION).count() == 4606
    assert Municipality.objects.filter(level=Level.MUNICIPALITY).count() == 11004
    menden = Municipality.objects.get(ags="05962040")
    assert menden.short_name == "Menden (Sauerland)" and menden.parent.key == "05962"
    assert menden.population_source == "zensus2022" and menden.postcode and menden.latitude


def test_migrated_database_holds_73_model_projects_with_members():
    assert ModelProject.objects.count() == 73
    assert ModelProject.objects.filter(cohort=2019).count() == 13
    cut = ModelProject.objects.get(name="Connected Urban Twins (Hamburg, Leipzig, München)")
    assert sorted(s.name for s in cut.states.all()) == ["Bayern", "Hamburg", "Sachsen"]
    assert sorted(m.short_name for m in cut.members.all()) == ["Hamburg", "Leipzig", "München"]
    osnabrueck = ModelProject.objects.get(name="Smart Region Osnabrück")
    assert osnabrueck.members.count() == 6
    without_members = ModelProject.objects.filter(members=None).values_list("name", flat=True)
    assert list(without_members) == ["Verband Region Rhein-Neckar"]


def test_taxonomies_are_seeded_with_the_import_labels():
    assert FieldOfAction.objects.count() == 18
    assert list(SpatialImpact.objects.values_list("label", flat=True)) == ["Quartier", "Gesamtstadt", "Interkommunal/Region", "Landkreis"]
    assert ProgressStatus.objects.count() == 5 and SolutionType.objects.count() == 12 and TargetGroup.objects.count() == 8
    assert FieldOfAction.objects.get(label="Mobilität").slug == "mobilitaet"


@pytest.mark.parametrize(
    ("text", "state", "key"),
    [("Soest", None, "05974040"), ("Kreis Soest", None, "05974"), ("Landkreis Hof", None, "09475"),
     ("Amt Süderbrarup", None, "010595974"), ("Kirchheim b. München", None, "09184131"), ("05958024", None, "05958024")],
)
def test_database_resolver_understands_how_people_write_names(text, state, key):
    result = municipality_resolve_name(text, state)
    assert result.status == "resolved"
    assert Municipality.objects.get(pk=result.municipality_id).key == key


def test_ambiguous_name_lists_candidates_and_state_narrows_it():
    result = municipality_resolve_name("Neustadt")
    assert result.status == "ambiguous" and len(result.candidates) > 5
    assert all("(" in c for c in result.candidates)
