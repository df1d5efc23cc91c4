from __future__ import annotations

import pytest

from wissensspeicher.measures.tests.factories import ModeratorFactory
from wissensspeicher.startsmart.demo import demo_startsmart_load
from wissensspeicher.startsmart.models import ExpressionOfInterest, PipelineState

pytestmark = pytest.mark.django_db


def test_demo_loads_once_with_every_state_history_and_the_peer_learning_towns():
    moderator = ModeratorFactory(email="moderation@demo.wissensspeicher.example")
    count = demo_startsmart_load()
    assert count >= 15
    assert demo_startsmart_load() == 0
    demo = ExpressionOfInterest.objects.filter(is_demo=True)
    confirmed = demo.confirmed()
    assert demo.count() == count and demo.filter(confirmed_at__isnull=True).count() == 1
    assert {e.state for e in confirmed} == set(PipelineState.values)
    assert confirmed.filter(assignee=moderator).exists()
    assert all(e.entries.filter(kind="confirmed").exists() for e in confirmed)
    assert all(e.entries.filter(kind="state").exists() for e in confirmed.exclude(state=PipelineState.NEW))
    peers = confirmed.filter(state=PipelineState.ACCOMPANIED)
    assert {(e.municipality.short_name, e.municipality.state.name) for e in peers if "peer-learning" in e.formats} >= {
        ("Zwiesel", "Bayern"), ("Pirna", "Sachsen"), ("Treuenbrietzen", "Brandenburg")}
    assert len({e.municipality.state_id for e in confirmed}) >= 12
    # Start Smart brings in municipalities without funding: no demo request comes from a model project.
    assert not demo.filter(municipality__model_projects__isnull=False).exists()
