"""The grants demo: this 年度's programmes and applications in every state, as the issue asks
(one adopted for less than asked, one returned, one refused with reasons, one with a change
request, one confirmed and paid), all made through the services."""

from __future__ import annotations

import pytest
from django.db.models import F

from tsunagaru.core.dates import fiscal_year
from tsunagaru.grants import selectors
from tsunagaru.grants.models import Application, ChangeRequest, Payment, Programme

pytestmark = pytest.mark.django_db


def test_the_demo_shows_every_programme_and_the_whole_life_of_an_application(demo_data):
    year = fiscal_year(selectors.today())
    assert Programme.objects.filter(fiscal_year=year).count() == 6
    this_year = Application.objects.filter(programme__fiscal_year=year)
    assert this_year.count() == 12
    states = set(Application.objects.values_list("state", flat=True))
    assert states >= {
        "draft",
        "submitted",
        "returned",
        "in_review",
        "adopted",
        "not_adopted",
        "withdrawn",
        "paid",
    }
    assert this_year.filter(decided_amount__lt=F("requested")).exists()
    assert set(this_year.exclude(refusal="").values_list("refusal", flat=True)) == {
        "score",
        "not_eligible",
    }
    assert ChangeRequest.objects.filter(state=ChangeRequest.State.PENDING).count() == 1
    paid = Application.objects.get(state=Application.State.PAID)
    assert paid.confirmed_amount == 97_000 < paid.decided_amount
    assert paid.results_report.costs.count() == 2
    assert paid.results_report.photos.count() == 1
    half = Payment.objects.get(kind=Payment.Kind.FIRST_HALF)
    assert half.paid_on is not None
    assert half.amount * 2 == half.application.decided_amount
    overdue = selectors.overdue_reports()
    assert [a.title for a in overdue] == ["商店街の夏まつりの子ども広場"]
