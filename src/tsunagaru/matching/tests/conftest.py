from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tsunagaru.matching import index, people

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _fresh_engine(settings: pytest.FixtureRequest) -> Iterator[None]:
    # The engine lives for the process; each test's database (and stored index, see the root
    # conftest) starts anew. Tasks run at once, so the first ranking's request for a
    # background build is answered before it looks again: as a worker would, a moment later.
    settings.TASKS = IMMEDIATE_TASKS  # type: ignore[attr-defined]
    index.reset()
    people.reset()
    yield
    index.reset()
    people.reset()


@pytest.fixture
def built_index(db: None) -> Path:
    """The shared index, built now from the test's registry (as `manage.py matching_index`)."""
    return index.build()
