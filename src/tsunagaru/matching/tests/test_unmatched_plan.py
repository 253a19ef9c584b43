"""The workspace's "needs without a partner" reads the oldest open needs from an index.

At 10,000 groups (bench/support.py) sorting every open need to show the first five cost
35–55 ms on PostgreSQL; read in the order of partners_need_status_created it costs under 1 ms.
The plan is asked with sorting priced out, so the test answers whether an index *can* give the
order, not whether the planner prefers it on a table of three rows.
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from tsunagaru.core.workspace import SHOWN
from tsunagaru.matching import selectors
from tsunagaru.partners.models import Need
from tsunagaru.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _plan(sql: str, params: tuple[object, ...]) -> str:
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def test_the_oldest_open_needs_come_in_index_order_without_sorting_them_all():
    group = OrganisationFactory()
    for title in ("雪かきの手伝い", "夏祭りの担い手", "会計の相談相手"):
        Need.objects.create(organisation=group, category="trouble", title=title)

    sql, params = selectors.unmatched_needs()[:SHOWN].query.sql_with_params()
    plan = _plan(sql, params)

    if connection.vendor == "postgresql":
        assert "Sort" not in plan, plan
    else:
        assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
    assert "partners_need_status_created" in plan, plan
