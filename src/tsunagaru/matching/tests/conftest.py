from __future__ import annotations

from collections.abc import Iterator

import pytest

from tsunagaru.matching import index, people


@pytest.fixture(autouse=True)
def _fresh_engine() -> Iterator[None]:
    # The engine lives for the process; each test's database starts anew.
    index.reset()
    people.reset()
    yield
    index.reset()
    people.reset()
