"""Staff keep the programmes (grants.services.programmes): a year's rules stay as they were for
the applications made under them; next year begins as a copy."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from tsunagaru.accounts.models import Role
from tsunagaru.audit.models import AuditEvent
from tsunagaru.core.dates import fiscal_year_end
from tsunagaru.grants import services
from tsunagaru.grants.models import Programme
from tsunagaru.grants.tests.factories import begin, citizen_proposal, group, this_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_user):
    return make_user(Role.CITY_STAFF)


@pytest.fixture
def programme():
    return citizen_proposal()


def test_rules_change_freely_before_anyone_applies(programme, staff):
    services.programme_update(programme=programme, data={"rate_denominator": 2}, by=staff)

    programme.refresh_from_db()
    assert programme.rate_denominator == 2
    event = AuditEvent.objects.get(action="grant_programme.update")
    assert event.before == {"rate_denominator": 1}


@pytest.mark.parametrize(
    "change",
    [
        {"rate_denominator": 2},
        {"cap": 50_000},
        {"rounding_unit": 1},
        {"requirements": []},
        {"combinable": True},
        {"required_attachments": []},
    ],
)
def test_a_rule_cannot_change_under_an_application(programme, staff, change):
    begin(group(), programme)

    with pytest.raises(ValidationError) as error:
        services.programme_update(programme=programme, data=change, by=staff)

    assert error.value.code == "programme_in_use"
    fresh = Programme.objects.get(pk=programme.pk)
    for name in change:
        assert getattr(fresh, name) == getattr(programme, name)


def test_the_text_contact_and_budget_may_change_under_applications(programme, staff):
    begin(group(), programme)

    services.programme_update(
        programme=programme, data={"summary": "説明を直しました", "budget": 2_000_000}, by=staff
    )

    programme.refresh_from_db()
    assert (programme.summary, programme.budget) == ("説明を直しました", 2_000_000)


def test_the_budget_cannot_fall_below_what_is_committed(programme, staff):
    Programme.objects.filter(pk=programme.pk).update(committed=600_000)
    programme.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        services.programme_update(programme=programme, data={"budget": 500_000}, by=staff)

    assert error.value.error_dict["budget"][0].code == "budget_below_committed"


def test_next_year_is_a_copy_with_rounds_on_the_same_days(programme, staff):
    copy = services.programme_copy(programme=programme, fiscal_year=this_year() + 1, by=staff)

    assert copy.pk != programme.pk
    assert copy.fiscal_year == this_year() + 1
    assert [c.code for c in copy.courses.all()] == ["challenge", "collaboration", "step-up"]
    assert copy.cost_categories.count() == 2
    old, new = programme.rounds.get(), copy.rounds.get()
    assert new.deadline.year == old.deadline.year + 1
    assert (new.deadline.month, new.deadline.day) == (old.deadline.month, old.deadline.day)
    assert copy.committed == 0
    with pytest.raises(ValidationError) as error:
        services.programme_copy(programme=programme, fiscal_year=this_year() + 1, by=staff)
    assert error.value.code == "programme_exists"


def test_a_round_with_applications_may_only_be_extended(programme, staff):
    begin(group(), programme)
    round_ = programme.rounds.get()
    later = min(round_.deadline + datetime.timedelta(days=5), fiscal_year_end(this_year()))

    for data in (
        {"opens_on": round_.opens_on, "deadline": round_.deadline - datetime.timedelta(days=1)},
        {"opens_on": round_.opens_on + datetime.timedelta(days=1), "deadline": later},
    ):
        with pytest.raises(ValidationError) as error:
            services.round_save(programme=programme, round=round_, data=data, by=staff)
        assert error.value.code == "round_in_use"
    services.round_save(
        programme=programme,
        round=round_,
        data={"opens_on": round_.opens_on, "deadline": later},
        by=staff,
    )
    round_.refresh_from_db()
    assert round_.deadline == later


def test_a_rounds_deadline_falls_within_its_year(programme, staff):
    end = fiscal_year_end(this_year())
    with pytest.raises(ValidationError) as error:
        services.round_save(
            programme=programme,
            data={
                "opens_on": end - datetime.timedelta(days=10),
                "deadline": end + datetime.timedelta(days=1),
            },
            by=staff,
        )
    assert error.value.error_dict["deadline"][0].code == "round_outside_year"
    assert programme.rounds.count() == 1
