from __future__ import annotations

import pytest

from wissensspeicher.events.tests.factories import EventFactory


@pytest.fixture
def event(db):
    return EventFactory()
