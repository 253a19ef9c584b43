import sqlite3

import pytest

from tsunagaru.core.models import Area, District
from tsunagaru.core.queries import InIds
from tsunagaru.core.sqlite.base import DatabaseWrapper


@pytest.mark.django_db
def test_in_ids_keeps_exactly_the_given_rows_also_inside_a_subquery():
    districts = list(District.objects.order_by("pk"))
    wanted = [d.pk for d in districts[::3]]

    found = District.objects.filter(InIds("pk", wanted)).values_list("pk", flat=True)
    # As a subquery Django renames the tables (U0); the filter follows.
    areas = Area.objects.filter(
        pk__in=District.objects.filter(InIds("pk", wanted)).values("area_id")
    )

    assert sorted(found) == wanted
    assert set(areas) == {d.area for d in districts[::3]}
    assert not District.objects.filter(InIds("pk", [])).exists()


def test_an_sqlite_connection_leaves_the_planner_statistics_when_it_closes(
    tmp_path, django_db_blocker
):
    # A database file of its own, whichever database the suite runs on.
    path = tmp_path / "stats.sqlite3"
    wrapper = DatabaseWrapper(
        {
            "NAME": str(path),
            "OPTIONS": {},
            "TIME_ZONE": None,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
            "TEST": {},
        }
    )
    with django_db_blocker.unblock(), wrapper.cursor() as cursor:
        cursor.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, status TEXT)")
        cursor.execute("CREATE INDEX item_status ON item (status)")
        cursor.executemany(
            "INSERT INTO item (status) VALUES (%s)", [("published",)] * 500 + [("draft",)] * 5
        )
        cursor.execute("SELECT id FROM item WHERE status = %s AND id IN (1, 2)", ["published"])
    with django_db_blocker.unblock():
        wrapper.close()

    stats = sqlite3.connect(path).execute("SELECT tbl, idx, stat FROM sqlite_stat1").fetchall()
    assert ("item", "item_status", "505 253") in stats
