"""Start Smart selectors: pipeline list with filters, overview per Bundesland and state."""

from __future__ import annotations

import pytest

from wissensspeicher.municipalities.models import Municipality
from wissensspeicher.startsmart import selectors
from wissensspeicher.startsmart.models import PipelineState
from wissensspeicher.startsmart.tests.factories import ExpressionOfInterestFactory

pytestmark = pytest.mark.django_db


def test_moderator_can_count_requests_per_state_and_bundesland_in_one_query(django_assert_num_queries):
    pirna = Municipality.objects.get(key="14628270")
    ExpressionOfInterestFactory()  # Zwiesel, Bayern, new
    ExpressionOfInterestFactory(state=PipelineState.IN_REVIEW)
    ExpressionOfInterestFactory(municipality=pirna, state=PipelineState.ACCOMPANIED)
    ExpressionOfInterestFactory(municipality=pirna, confirmed_at=None)  # not in the pipeline yet
    with django_assert_num_queries(1):
        overview = selectors.pipeline_overview()
    columns = [value for value, _label in overview.columns]
    rows = {row.state.name: row for row in overview.rows}
    assert len(rows) == 16
    assert rows["Bayern"].counts[columns.index("new")] == 1 and rows["Bayern"].counts[columns.index("in_review")] == 1
    assert rows["Bayern"].total == 2 and rows["Sachsen"].total == 1 and rows["Bremen"].total == 0
    assert overview.column_totals[columns.index("accompanied")] == 1
    assert overview.total == 3


def test_moderator_can_filter_the_pipeline(moderator):
    pirna = Municipality.objects.get(key="14628270")
    zwiesel = ExpressionOfInterestFactory(contact_name="Theresa Gruber")
    mine = ExpressionOfInterestFactory(municipality=pirna, contact_name="Henrik Lorenz", assignee=moderator, state=PipelineState.IN_REVIEW)
    ExpressionOfInterestFactory(confirmed_at=None)

    def found(**params):
        return set(selectors.expression_of_interest_list(selectors.pipeline_filters_parse(params), moderator))

    assert found() == {zwiesel, mine}
    assert found(zustaendig="mine") == {mine}
    assert found(zustaendig="niemand") == {zwiesel}
    assert found(zustaendig=str(moderator.pk)) == {mine}
    assert found(stand="in_review") == {mine}
    assert found(land="sachsen") == {mine}
    assert found(q="pirna") == {mine}
    assert found(q="gruber") == {zwiesel}
    assert selectors.pipeline_filters_parse({"stand": "unbekannt"}).errors == ["state: unbekannt"]


def test_moderator_can_read_a_request_with_its_history(moderator):
    eoi = ExpressionOfInterestFactory()
    eoi.entries.create(kind="note", actor=moderator, text="Notiz")
    assert list(selectors.expression_of_interest_detail(eoi.pk).entries.all())[0].text == "Notiz"
    unconfirmed = ExpressionOfInterestFactory(confirmed_at=None)
    with pytest.raises(type(eoi).DoesNotExist):
        selectors.expression_of_interest_detail(unconfirmed.pk)
