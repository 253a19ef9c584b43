"""The graduates list comes a page at a time with the whole count: at 3,000 graduates
(bench/support.py) showing up to 200 cards at once cost 60–80 ms of the page's time, and its
heading said "200 graduates" whatever the real number."""

from __future__ import annotations

import re

import pytest

from tsunagaru.academy.tests.test_graduates import URL, esashi_member, graduate
from tsunagaru.academy.views import GRADUATES_PAGE

pytestmark = pytest.mark.django_db

__all__ = ["esashi_member"]  # the fixture, used by name


def _cards(page: str) -> list[str]:
    return re.findall(r"<h3>(修了生\d+)</h3>", page)


def test_graduates_come_a_page_at_a_time_with_the_whole_count(client, esashi_member):
    for n in range(GRADUATES_PAGE + 1):
        graduate(f"修了生{n}")
    client.force_login(esashi_member)

    first = client.get(URL).content.decode()
    second = client.get(URL, {"page": 2}).content.decode()

    assert f"江刺区の修了生 {GRADUATES_PAGE + 1} 人" in first
    assert len(_cards(first)) == GRADUATES_PAGE
    assert len(_cards(second)) == 1
    assert set(_cards(first)) | set(_cards(second)) == {
        f"修了生{n}" for n in range(GRADUATES_PAGE + 1)
    }
    assert 'class="pagination"' in first
