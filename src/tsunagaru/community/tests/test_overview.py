"""The city's overview of every district: each plan's state, actions done against planned so
far, the last inventory year; for the city's staff and the support centre only; a CSV; a fixed
number of queries however many districts and plans there are."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tsunagaru.community import inventory_services, overview
from tsunagaru.community import plan_services as services
from tsunagaru.community.tests.plan_factories import adopted, association, drafted, this_year
from tsunagaru.core.models import District

pytestmark = pytest.mark.django_db


def rows_by_district():
    return {row.district.slug: row for area in overview.overview() for row in area.rows}


def test_each_district_shows_its_plans_state_and_progress(people_in_two_districts):
    inase, ide = people_in_two_districts
    made, _version = adopted(inase)
    services.progress_record(
        action=made.action, year=this_year(), data={"result": "done"}, by=inase.member
    )
    drafted(ide)

    rows = rows_by_district()

    assert rows["inase"].status == "adopted"
    assert (rows["inase"].done, rows["inase"].planned) == (1, 1)
    assert rows["ide"].status == "drafting"
    assert rows["yonesato"].status == "none"
    assert [group.pk for group in rows["inase"].associations] == [inase.organisation.pk]


def test_the_last_inventory_year_is_the_associations_latest_review(people_in_two_districts):
    inase, _ide = people_in_two_districts
    activity = inventory_services.activity_save(
        organisation=inase.organisation,
        data={"name": "敬老会", "purpose": "長寿を祝う"},
        by=inase.member,
    )
    for year in (2023, 2024):
        inventory_services.activity_review(
            activity=activity,
            year=year,
            data={"hours": 1, "volunteers": 1, "cost": 0, "decision": "continue"},
            by=inase.member,
        )

    rows = rows_by_district()

    assert rows["inase"].last_inventory == 2024
    assert rows["ide"].last_inventory is None


@pytest.mark.parametrize(
    ("who", "status"),
    [("city_staff", 200), ("coordinator", 200), ("member", 403), ("anonymous", 302)],
)
def test_only_the_city_and_the_support_centre_see_the_overview(
    client, people_in_two_districts, city_staff, coordinator, who, status
):
    users = {"city_staff": city_staff, "coordinator": coordinator}
    users["member"] = people_in_two_districts[0].member
    if who in users:
        client.force_login(users[who])

    assert client.get(reverse("community:overview")).status_code == status
    assert client.get(reverse("community:overview_csv")).status_code == status


def test_the_csv_has_a_line_per_district_in_japanese(client, people_in_two_districts, coordinator):
    inase, _ide = people_in_two_districts
    adopted(inase)
    client.force_login(coordinator)

    text = client.get(reverse("community:overview_csv")).content.decode("utf-8-sig")

    lines = text.strip().splitlines()
    assert len(lines) == 1 + District.objects.filter(is_active=True).count()
    inase_line = next(line for line in lines if line.split(",")[1] == "稲瀬")
    assert "稲瀬地区振興会" in inase_line
    assert "策定済み" in inase_line


def test_the_overview_reads_in_a_fixed_number_of_queries(client, coordinator):
    adopted(association("稲瀬地区振興会", district="inase"))
    client.force_login(coordinator)
    url = reverse("community:overview")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for slug, name in (("ide", "伊手地区振興会"), ("yonesato", "米里地区振興会")):
        adopted(association(name, district=slug))

    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)


@pytest.fixture
def people_in_two_districts():
    return association("稲瀬地区振興会", district="inase"), association(
        "伊手地区振興会", district="ide"
    )


def test_the_page_shows_every_areas_counts_and_one_areas_districts(
    client, people_in_two_districts, coordinator
):
    inase, _ide = people_in_two_districts
    adopted(inase)
    client.force_login(coordinator)
    esashi = District.objects.get(slug="inase").area

    first = client.get(reverse("community:overview")).content.decode()
    chosen = client.get(reverse("community:overview") + f"?area={esashi.slug}").content.decode()

    assert f"?area={esashi.slug}" in first
    assert reverse("community:district", args=[inase.organisation.district_id]) not in first
    assert (
        reverse("community:plan_draft", args=[inase.organisation.community_plans.get().pk])
        in chosen
    )
