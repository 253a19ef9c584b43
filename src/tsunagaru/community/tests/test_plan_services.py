"""The community plan's rules: it belongs to its 地区振興会 (members draft, the representative
adopts with the general meeting's date), its period holds its years, versions keep history."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tsunagaru.audit.models import AuditEvent
from tsunagaru.community import plan_selectors as selectors
from tsunagaru.community import plan_services as services
from tsunagaru.community.plan_models import ActionProgress, CommunityPlan, PlanVersion
from tsunagaru.community.tests.plan_factories import (
    action_data,
    adopted,
    association,
    drafted,
    meeting,
    plan_data,
)
from tsunagaru.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_2026():
    # 令和8年度 has begun; 令和9年度 has not.
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)):
        yield


@pytest.fixture
def people():
    return association()


def codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def test_a_member_begins_a_plan_for_the_associations_district(people):
    plan = services.plan_create(
        organisation=people.organisation, data=plan_data(), by=people.member
    )

    assert plan.district == people.organisation.district
    assert plan.status == CommunityPlan.Status.DRAFTING
    assert plan.period_label == "令和8〜12年度"
    assert AuditEvent.objects.filter(action="plan.create", target_id=str(plan.pk)).exists()


def test_only_members_write_the_plan(people, city_staff):
    with pytest.raises(ValidationError) as caught:
        services.plan_create(organisation=people.organisation, data=plan_data(), by=city_staff)
    assert codes(caught.value) == {"not_member"}

    plan = drafted(people).plan
    with pytest.raises(ValidationError) as caught:
        services.goal_add(plan=plan, text="よその人の目標", by=city_staff)
    assert codes(caught.value) == {"not_member"}
    assert plan.goals.count() == 1


def test_only_a_district_association_makes_a_community_plan(people):
    club = OrganisationFactory()
    club.memberships.create(user=people.member, role="member")

    with pytest.raises(ValidationError) as caught:
        services.plan_create(organisation=club, data=plan_data(), by=people.member)

    assert codes(caught.value) == {"not_district_association"}


@pytest.mark.parametrize(
    ("first", "last", "code"),
    [
        (2026, 2025, "period_order"),
        (2026, 2036, "period_too_long"),
        (1990, 1994, "year_out_of_range"),
        (2026, None, "year_out_of_range"),
    ],
)
def test_a_period_must_be_a_few_years_in_order(people, first, last, code):
    with pytest.raises(ValidationError) as caught:
        services.plan_create(
            organisation=people.organisation,
            data=plan_data(first_year=first, last_year=last),
            by=people.member,
        )
    assert codes(caught.value) == {code}
    assert not CommunityPlan.objects.exists()


def test_two_plans_of_one_association_do_not_overlap(people):
    drafted(people)

    with pytest.raises(ValidationError) as caught:
        services.plan_create(
            organisation=people.organisation,
            data=plan_data(first_year=2030, last_year=2034),
            by=people.member,
        )
    assert codes(caught.value) == {"period_overlaps"}

    services.plan_create(
        organisation=people.organisation,
        data=plan_data(first_year=2031, last_year=2035),
        by=people.member,
    )


def test_an_action_lies_within_the_plans_period(people):
    plan = drafted(people).plan

    with pytest.raises(ValidationError) as caught:
        services.action_save(
            plan=plan, data=action_data(first_year=2029, last_year=2031), by=people.member
        )
    assert codes(caught.value) == {"action_outside_period"}

    with pytest.raises(ValidationError) as caught:
        services.action_save(
            plan=plan, data=action_data(first_year=2028, last_year=2027), by=people.member
        )
    assert codes(caught.value) == {"years_order"}
    assert plan.actions.count() == 1


def test_the_period_cannot_shrink_past_an_action_or_a_target(people):
    plan = drafted(people).plan

    with pytest.raises(ValidationError) as caught:
        services.plan_update(plan=plan, data=plan_data(first_year=2027), by=people.member)
    assert codes(caught.value) == {"action_outside_period"}

    with pytest.raises(ValidationError) as caught:
        services.plan_update(plan=plan, data=plan_data(last_year=2029), by=people.member)
    assert codes(caught.value) == {"indicator_outside_period"}

    plan.refresh_from_db()
    assert (plan.first_year, plan.last_year) == (2026, 2030)


def test_an_indicators_target_year_lies_within_the_period(people):
    made = drafted(people)

    with pytest.raises(ValidationError) as caught:
        services.indicator_add(
            goal=made.goal,
            data={"name": "参加者", "unit": "人", "target": 10, "target_year": 2032},
            by=people.member,
        )
    assert codes(caught.value) == {"indicator_outside_period"}


def test_an_action_links_only_to_the_associations_own_need(people):
    made = drafted(people)
    other = OrganisationFactory()
    need = other.needs.create(title="除雪の手伝い", category="trouble")

    with pytest.raises(ValidationError) as caught:
        services.action_save(
            plan=made.plan, action=made.action, data=action_data(need=need), by=people.member
        )
    assert codes(caught.value) == {"link_elsewhere"}

    own = people.organisation.needs.create(title="見守りの担い手", category="trouble")
    saved = services.action_save(
        plan=made.plan, action=made.action, data=action_data(need=own), by=people.member
    )
    assert saved.need == own


def test_only_the_representative_adopts_and_a_member_cannot(people):
    plan = drafted(people).plan

    with pytest.raises(ValidationError) as caught:
        services.plan_adopt(plan=plan, general_meeting_on=meeting(), by=people.member)

    assert codes(caught.value) == {"not_representative"}
    assert not PlanVersion.objects.exists()


def test_adoption_keeps_the_plan_as_it_stands_with_the_meetings_date(people):
    made, version = adopted(people)

    made.plan.refresh_from_db()
    assert made.plan.status == CommunityPlan.Status.ADOPTED
    assert version.number == 1
    assert version.general_meeting_on == meeting()
    assert version.snapshot["actions"][0]["title"] == "地区合同防災訓練"
    assert version.snapshot["goals"][0]["indicators"][0]["target"] == "200.0"
    event = AuditEvent.objects.get(action="plan.adopt")
    assert event.after["version"] == 1


@pytest.mark.parametrize(
    ("missing", "code"),
    [("vision", "no_vision"), ("goal", "no_goal"), ("action", "no_action")],
)
def test_an_empty_plan_is_not_adopted(people, missing, code):
    made = drafted(people)
    if missing == "vision":
        services.plan_update(plan=made.plan, data=plan_data(vision=""), by=people.member)
    elif missing == "goal":
        services.goal_remove(goal=made.goal, by=people.member)
    else:
        services.action_remove(action=made.action, by=people.member)

    with pytest.raises(ValidationError) as caught:
        services.plan_adopt(plan=made.plan, general_meeting_on=meeting(), by=people.representative)
    assert codes(caught.value) == {code}


def test_a_meeting_that_has_not_happened_adopts_nothing(people):
    plan = drafted(people).plan

    with pytest.raises(ValidationError) as caught:
        services.plan_adopt(
            plan=plan, general_meeting_on=datetime.date(2026, 6, 2), by=people.representative
        )
    assert codes(caught.value) == {"meeting_in_future"}


def test_a_revision_says_what_changed_and_why_and_keeps_the_first_version(people):
    made, first = adopted(people)
    rep = people.representative

    with pytest.raises(ValidationError) as caught:
        services.plan_adopt(plan=made.plan, general_meeting_on=meeting(), by=rep)
    assert codes(caught.value) == {"nothing_changed"}

    services.action_save(
        plan=made.plan, data=action_data(title="見守り訪問", lead="福祉部会"), by=people.member
    )
    with pytest.raises(ValidationError) as caught:
        services.plan_adopt(plan=made.plan, general_meeting_on=meeting(), by=rep)
    assert codes(caught.value) == {"changes_required"}
    with pytest.raises(ValidationError) as caught:
        services.plan_adopt(
            plan=made.plan,
            general_meeting_on=datetime.date(2026, 5, 1),
            changes="見守りを加えた",
            by=rep,
        )
    assert codes(caught.value) == {"meeting_before_last"}

    second = services.plan_adopt(
        plan=made.plan, general_meeting_on=meeting(), changes="見守りを加えた", by=rep
    )

    made.plan.refresh_from_db()
    assert made.plan.status == CommunityPlan.Status.REVISED
    assert second.number == 2
    assert len(second.snapshot["actions"]) == 2
    first.refresh_from_db()
    assert len(first.snapshot["actions"]) == 1  # the first version is as it was adopted


def test_the_public_reads_the_adopted_version_not_the_edits_since(people):
    made, _version = adopted(people)
    services.plan_update(
        plan=made.plan, data=plan_data(vision="書きかけの将来像"), by=people.member
    )

    assert selectors.latest_version(made.plan).snapshot["vision"] == (
        "みんなで支え合い、笑顔で暮らせる稲瀬"
    )
    made.plan.refresh_from_db()
    assert selectors.content_of(made.plan)["vision"] == "書きかけの将来像"


def test_progress_is_recorded_per_year_and_a_second_record_replaces_the_first(people):
    made, _version = adopted(people)
    by = people.member

    services.progress_record(
        action=made.action, year=2026, data={"result": "partly", "figure": 90}, by=by
    )
    services.progress_record(
        action=made.action,
        year=2026,
        data={"result": "done", "figure": 150, "note": "雨天でも実施"},
        by=by,
    )

    progress = ActionProgress.objects.get()
    assert (progress.result, progress.figure, progress.note) == ("done", 150, "雨天でも実施")
    summary = selectors.progress_summary(made.plan)
    assert (summary["planned"], summary["done"], summary["unreported"]) == (1, 1, 0)
    assert AuditEvent.objects.filter(action="plan.progress").count() == 2


@pytest.mark.parametrize(
    ("year", "code"), [(2029, "year_outside_action"), (2027, "year_not_started")]
)
def test_progress_is_for_a_begun_year_of_the_action(people, year, code):
    made, _version = adopted(people)

    with pytest.raises(ValidationError) as caught:
        services.progress_record(
            action=made.action, year=year, data={"result": "done"}, by=people.member
        )
    assert codes(caught.value) == {code}


def test_progress_is_for_actions_of_the_adopted_plan_and_by_members(people, city_staff):
    made, _version = adopted(people)
    new = services.action_save(plan=made.plan, data=action_data(), by=people.member)

    with pytest.raises(ValidationError) as caught:
        services.progress_record(action=new, year=2026, data={"result": "done"}, by=people.member)
    assert codes(caught.value) == {"action_not_adopted"}

    with pytest.raises(ValidationError) as caught:
        services.progress_record(
            action=made.action, year=2026, data={"result": "done"}, by=city_staff
        )
    assert codes(caught.value) == {"not_member"}


def test_an_action_with_progress_stays_and_keeps_its_years(people):
    made, _version = adopted(people)
    services.progress_record(
        action=made.action, year=2026, data={"result": "done"}, by=people.member
    )

    with pytest.raises(ValidationError) as caught:
        services.action_remove(action=made.action, by=people.member)
    assert codes(caught.value) == {"action_has_progress"}

    with pytest.raises(ValidationError) as caught:
        services.action_save(
            plan=made.plan,
            action=made.action,
            data=action_data(first_year=2027, last_year=2028),
            by=people.member,
        )
    assert codes(caught.value) == {"progress_outside_years"}


def test_the_overview_summary_counts_each_action_once_per_begun_year(people):
    made, _version = adopted(people)
    services.action_save(
        plan=made.plan, data=action_data(first_year=2028, last_year=2030), by=people.member
    )

    assert selectors.progress_summary(made.plan, year=2026)["planned"] == 1
    assert selectors.progress_summary(made.plan, year=2028)["planned"] == 3 + 1
