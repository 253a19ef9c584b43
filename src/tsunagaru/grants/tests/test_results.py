"""The year's public results and their open data: who received what, not-adopted counts by
reason, first-time applicants; nothing private; a fixed number of queries."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tsunagaru.accounts.models import Role
from tsunagaru.grants import results, services
from tsunagaru.grants.tests.factories import begin, citizen_proposal, complete, group, this_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_user):
    return make_user(Role.CITY_STAFF)


def decided(programme, staff, *, adopt, amount=None, refusal="", name=None, first=True):
    people = group(name=name) if name else group()
    if not first:  # the group applied before, to another grant
        other = citizen_proposal(code="another-grant", name="別の補助金")
        previous = complete(begin(people, other), people.member)
        services.application_submit(application=previous, confirmed=True, by=people.representative)
    application = complete(begin(people, programme), people.member, expenses=90_000)
    services.application_submit(application=application, confirmed=True, by=people.representative)
    services.application_accept(application=application, by=staff)
    services.application_decide(
        application=application,
        adopted=adopt,
        amount=amount,
        refusal=refusal,
        note="理由",
        by=staff,
    )
    return application


def test_the_year_lists_who_received_what_and_counts_refusals_and_newcomers(client, staff):
    programme = citizen_proposal()
    decided(programme, staff, adopt=True, amount=90_000, name="あおぞら会")
    decided(programme, staff, adopt=True, amount=60_000, name="みどり会", first=False)
    decided(programme, staff, adopt=False, refusal="score")
    decided(programme, staff, adopt=False, refusal="score")
    decided(programme, staff, adopt=False, refusal="not_eligible")

    (result,) = [r for r in results.year_results(this_year()) if r.programme == programme]

    lines = results.adopted_lines(programme)
    assert [row["organisation__name"] for row in lines] == ["あおぞら会", "みどり会"]
    assert result.adopted == 2
    assert result.total == 150_000
    assert (result.applied, result.first_time, result.first_time_adopted) == (5, 4, 1)
    assert sorted(count for _label, count in result.refusals) == [1, 2]
    html = client.get(reverse("grants:results")).content.decode()
    assert "あおぞら会" in html
    assert "150,000" in html


def test_the_open_data_has_the_adopted_rows_and_no_personal_data(client, staff):
    programme = citizen_proposal()
    application = decided(programme, staff, adopt=True, amount=90_000, name="=HYPERLINK(1)")
    decided(programme, staff, adopt=False, refusal="score", name="不採択の会")

    response = client.get(reverse("grants:results_csv"))

    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2
    assert rows[1][3] == "'=HYPERLINK(1)"  # a formula is never run in Excel
    assert rows[1][5] == application.title
    assert rows[1][6] == "90000"
    assert "不採択の会" not in text
    assert application.created_by.email not in text
    cp932 = client.get(reverse("grants:results_csv") + "?format=csv-cp932")
    assert cp932.content.decode("cp932").splitlines()[0] == text.splitlines()[0].lstrip("\ufeff")


def test_the_results_page_reads_in_fixed_queries(client, staff):
    programme = citizen_proposal()
    decided(programme, staff, adopt=True, amount=10_000)
    client.get(reverse("grants:results"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("grants:results"))
    for _n in range(3):
        decided(programme, staff, adopt=True, amount=10_000)
    with CaptureQueriesContext(connection) as four:
        client.get(reverse("grants:results"))
    assert len(four) == len(one)


def test_a_grants_adopted_groups_are_paged_and_another_grant_is_chosen_by_link(client, staff):
    programme = citizen_proposal()
    other = citizen_proposal(code="another-grant", name="別の補助金")
    decided(programme, staff, adopt=True, amount=10_000, name="一番目の会")
    decided(other, staff, adopt=True, amount=20_000, name="別の会")

    first = client.get(reverse("grants:results")).content.decode()
    chosen = client.get(reverse("grants:results"), {"programme": other.pk}).content.decode()

    assert "一番目の会" in first
    assert "別の会" not in first.split('id="adopted"')[1]
    assert "別の会" in chosen.split('id="adopted"')[1]
