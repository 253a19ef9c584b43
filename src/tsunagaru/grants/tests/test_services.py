"""The rules of writing and sending an application (grants.services.applications)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tsunagaru.audit.models import AuditEvent
from tsunagaru.community.tests.plan_factories import adopted, association, drafted
from tsunagaru.grants import selectors, services
from tsunagaru.grants.models import Application, Attachment
from tsunagaru.grants.tests.factories import (
    FULL_TEXT as FULL,
)
from tsunagaru.grants.tests.factories import (
    TEXT,
    begin,
    citizen_proposal,
    complete,
    group,
    pdf,
    self_reliance,
    this_year,
    today,
)
from tsunagaru.partners.models import Organisation
from tsunagaru.proposals import services as proposal_services

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}  # type: ignore[misc]
    return {e.code for e in error.error_list}  # type: ignore[misc]


def proposed(people, **changes):
    data = {"title": "提案", "problem": "課題", "idea": "案", "needs_money": False, **changes}
    return proposal_services.proposal_save(
        proposal=None, data=data, by=people.representative, proposer=people.organisation
    )


@pytest.fixture
def programme():
    return citizen_proposal()


@pytest.fixture
def people():
    return group()


def test_a_member_begins_a_draft_in_the_open_round_and_it_is_audited(programme, people):
    application = begin(people, programme)

    assert application.state == Application.State.DRAFT
    assert application.round == programme.rounds.get()
    assert AuditEvent.objects.filter(
        action="grant_application.create", target_id=str(application.pk)
    ).exists()


def test_someone_outside_the_group_cannot_begin_for_it(programme, people):
    outsider = group().member
    with pytest.raises(ValidationError) as error:
        services.application_create(
            programme=programme,
            organisation=people.organisation,
            course=programme.courses.first(),
            by=outsider,
        )
    assert codes(error.value) == {"not_member"}


def test_a_group_not_yet_verified_cannot_apply(programme, people):
    Organisation.objects.filter(pk=people.organisation.pk).update(
        status=Organisation.Status.PENDING
    )
    people.organisation.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        begin(people, programme)
    assert codes(error.value) == {"not_verified"}


def test_a_programme_with_courses_needs_one_of_its_own(programme, people):
    with pytest.raises(ValidationError) as error:
        begin(people, programme, course=None)
    assert codes(error.value) == {"course_required"}
    other = citizen_proposal(year=this_year() + 1)
    with pytest.raises(ValidationError) as error:
        services.application_create(
            programme=programme,
            organisation=people.organisation,
            course=other.courses.first(),
            by=people.member,
        )
    assert codes(error.value) == {"course_elsewhere"}


def test_no_application_is_begun_when_no_round_is_open(programme, people):
    round_ = programme.rounds.get()
    with pytest.raises(ValidationError) as error:
        begin(people, programme, today=round_.deadline + datetime.timedelta(days=1))
    assert codes(error.value) == {"not_open"}


def test_self_reliance_is_for_district_associations_only(people):
    with pytest.raises(ValidationError) as error:
        begin(people, self_reliance(), course=None)
    assert codes(error.value) == {"not_district_association"}


def test_a_draft_saves_only_the_fields_sent_as_autosave_does(programme, people):
    application = begin(people, programme)
    services.application_save(application=application, data={"title": "居場所"}, by=people.member)
    services.application_save(
        application=application, data={"place": "商店街"}, by=people.representative
    )

    application.refresh_from_db()
    assert (application.title, application.place) == ("居場所", "商店街")


def test_dates_in_the_wrong_order_are_refused_and_nothing_is_saved(programme, people):
    application = begin(people, programme)
    with pytest.raises(ValidationError) as error:
        services.application_save(
            application=application,
            data={
                "title": "新しい名前",
                "starts_on": today(),
                "ends_on": today() - datetime.timedelta(days=1),
            },
            by=people.member,
        )
    assert codes(error.value) == {"dates_order"}
    application.refresh_from_db()
    assert application.title == ""
    assert application.starts_on is None


def test_an_expense_needs_a_category_of_the_programme(programme, people):
    application = begin(people, programme)
    other = citizen_proposal(year=this_year() + 1).cost_categories.first()
    for category, code in ((None, "category_required"), (other, "category_elsewhere")):
        with pytest.raises(ValidationError) as error:
            services.budget_line_add(
                application=application,
                data={"side": "expense", "category": category, "description": "x", "amount": 1000},
                by=people.member,
            )
        assert codes(error.value) == {code}


def test_an_income_needs_its_source(programme, people):
    application = begin(people, programme)
    with pytest.raises(ValidationError) as error:
        services.budget_line_add(
            application=application,
            data={"side": "income", "source": "", "description": "x", "amount": 1000},
            by=people.member,
        )
    assert codes(error.value) == {"source_required"}


def test_the_totals_count_only_eligible_costs_and_cap_the_course(programme, people):
    application = begin(people, programme)
    food = programme.cost_categories.get(eligible=False)
    supplies = programme.cost_categories.get(eligible=True)
    for category, amount in ((supplies, 130_400), (food, 9_000)):
        services.budget_line_add(
            application=application,
            data={"side": "expense", "category": category, "description": "x", "amount": amount},
            by=people.member,
        )

    totals = selectors.totals_of(application)

    assert (totals.expenses, totals.eligible, totals.grant) == (139_400, 130_400, 100_000)
    assert totals.shortfall == 39_400


def test_a_file_that_is_not_what_its_name_says_is_refused(programme, people):
    application = begin(people, programme)
    fake = SimpleUploadedFile(
        "規約.pdf", b"MZ\x90\x00 this is a program", content_type="application/pdf"
    )
    with pytest.raises(ValidationError):
        services.attachment_add(application=application, kind="rules", file=fake, by=people.member)
    assert not Attachment.objects.exists()


def test_a_file_is_kept_with_its_name_size_and_type_and_the_addition_is_audited(programme, people):
    application = begin(people, programme)
    attachment = services.attachment_add(
        application=application, kind="rules", file=pdf("会の規約.pdf"), by=people.member
    )

    assert (attachment.name, attachment.content_type) == ("会の規約.pdf", "application/pdf")
    assert attachment.size == attachment.file.size > 0
    assert AuditEvent.objects.filter(action="grant_application.attach").exists()


def test_submission_lists_everything_missing_and_changes_nothing(programme, people):
    application = begin(people, programme)
    with pytest.raises(ValidationError) as error:
        services.application_submit(
            application=application, confirmed=True, by=people.representative
        )

    assert codes(error.value) == {"incomplete"}
    messages = " ".join(error.value.messages)
    assert "規約" in messages or "Rules" in messages
    application.refresh_from_db()
    assert application.state == Application.State.DRAFT
    assert not application.versions.exists()


def test_a_budget_that_does_not_add_up_cannot_be_sent(programme, people):
    application = complete(
        begin(people, programme), people.member, expenses=150_000, own_funds=10_000
    )

    missing = selectors.missing_items(application)

    assert [m.code for m in missing] == ["budget"]
    assert "40,000" in str(missing[0].message)


def test_the_representative_sends_a_complete_application_as_a_frozen_version(programme, people):
    application = complete(begin(people, programme), people.member, expenses=80_000)

    version = services.application_submit(
        application=application, confirmed=True, by=people.representative
    )

    application.refresh_from_db()
    assert application.state == Application.State.SUBMITTED
    assert application.requested == version.requested == 80_000
    assert version.number == 1
    assert version.snapshot["title"] == TEXT["title"]
    assert version.snapshot["totals"]["grant"] == 80_000
    assert version.snapshot["files"][0]["name"] == "規約.pdf"
    assert application.first_time
    with pytest.raises(ValidationError) as error:
        services.application_save(
            application=application, data={"title": "後から"}, by=people.member
        )
    assert codes(error.value) == {"not_editable"}
    event = AuditEvent.objects.get(action="grant_application.submit")
    assert event.after["state"] == "submitted"


def test_a_member_who_is_not_the_representative_cannot_send(programme, people):
    application = complete(begin(people, programme), people.member)
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=application, confirmed=True, by=people.member)
    assert codes(error.value) == {"cannot_submit"}


def test_the_group_must_confirm_its_statements(programme, people):
    application = complete(begin(people, programme), people.member)
    with pytest.raises(ValidationError) as error:
        services.application_submit(
            application=application, confirmed=False, by=people.representative
        )
    assert codes(error.value) == {"not_confirmed"}


def test_after_the_deadline_nothing_is_sent(programme, people):
    application = complete(begin(people, programme), people.member)
    late = application.round.deadline + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.application_submit(
            application=application, confirmed=True, by=people.representative, today=late
        )
    assert codes(error.value) == {"after_deadline"}
    application.refresh_from_db()
    assert application.state == Application.State.DRAFT


def test_one_application_a_year_but_collaboration_besides(programme, people):
    first = complete(begin(people, programme), people.member)
    services.application_submit(application=first, confirmed=True, by=people.representative)

    with pytest.raises(ValidationError) as error:
        begin(people, programme, course="step-up")
    assert codes(error.value) == {"second_this_year"}
    besides = begin(people, programme, course="collaboration")
    assert besides.course.code == "collaboration"
    second = complete(besides, people.member)
    services.application_submit(application=second, confirmed=True, by=people.representative)
    second.refresh_from_db()
    assert not second.first_time  # the group applied before


def test_two_drafts_of_one_group_cannot_both_be_sent(programme, people):
    one = complete(begin(people, programme), people.member)
    other = complete(begin(people, programme, course="step-up"), people.member)
    services.application_submit(application=one, confirmed=True, by=people.representative)

    with pytest.raises(ValidationError) as error:
        services.application_submit(application=other, confirmed=True, by=people.representative)
    assert codes(error.value) == {"second_this_year"}


def test_a_withdrawn_application_frees_the_year(programme, people):
    first = complete(begin(people, programme), people.member)
    services.application_submit(application=first, confirmed=True, by=people.representative)
    services.application_withdraw(application=first, by=people.representative)

    again = begin(people, programme, course="step-up")

    assert again.state == Application.State.DRAFT


def test_a_group_not_registered_with_the_centre_cannot_send():
    programme = citizen_proposal()
    people = group(registered=False)
    application = complete(begin(people, programme), people.member)
    with pytest.raises(ValidationError) as error:
        services.application_submit(
            application=application, confirmed=True, by=people.representative
        )
    assert codes(error.value) == {"not_registered"}


def test_a_returned_application_may_be_sent_again_after_the_deadline(programme, people):
    application = complete(begin(people, programme), people.member)
    services.application_submit(application=application, confirmed=True, by=people.representative)
    Application.objects.filter(pk=application.pk).update(state=Application.State.RETURNED)
    application.refresh_from_db()
    services.application_save(application=application, data={"place": "駅前"}, by=people.member)

    late = application.round.deadline + datetime.timedelta(days=3)
    version = services.application_submit(
        application=application, confirmed=True, by=people.representative, today=late
    )

    assert version.number == 2
    assert version.snapshot["place"] == "駅前"
    assert application.versions.get(number=1).snapshot["place"] == TEXT["place"]


def test_a_proposal_becomes_an_application_with_its_text_and_keeps_the_link(programme, people):
    proposal = proposed(people, title="川の清掃を一緒に", problem="川にごみが多い")

    application = begin(people, programme, proposal=proposal)

    assert (application.title, application.purpose) == ("川の清掃を一緒に", "川にごみが多い")
    assert list(proposal.grant_applications.all()) == [application]


def test_a_proposal_of_another_group_is_not_carried_over(programme, people):
    proposal = proposed(group())
    with pytest.raises(ValidationError) as error:
        begin(people, programme, proposal=proposal)
    assert codes(error.value) == {"proposal_elsewhere"}


class TestSelfReliance:
    @pytest.fixture
    def district(self):
        return association()

    def test_the_project_is_an_action_of_the_adopted_plan(self, district):
        made, _version = adopted(district)
        programme = self_reliance()
        application = services.application_create(
            programme=programme, organisation=district.organisation, by=district.member
        )

        services.application_save(
            application=application, data={"plan_action": made.action}, by=district.member
        )

        application.refresh_from_db()
        assert application.plan_action == made.action

    def test_an_application_begun_from_an_action_carries_it(self, district):
        made, _version = adopted(district)
        application = services.application_create(
            programme=self_reliance(),
            organisation=district.organisation,
            plan_action=made.action,
            by=district.member,
        )
        assert application.plan_action == made.action
        assert application.title == made.action.title
        assert application.partners == made.action.partners

    def test_an_application_is_not_begun_from_an_action_not_adopted(self, district):
        made = drafted(district)
        with pytest.raises(ValidationError) as error:
            services.application_create(
                programme=self_reliance(),
                organisation=district.organisation,
                plan_action=made.action,
                by=district.member,
            )
        assert codes(error.value) == {"action_not_adopted"}
        assert not Application.objects.exists()

    def test_an_action_of_a_plan_still_drafted_is_refused(self, district):
        made = drafted(district)
        application = services.application_create(
            programme=self_reliance(), organisation=district.organisation, by=district.member
        )
        with pytest.raises(ValidationError) as error:
            services.application_save(
                application=application, data={"plan_action": made.action}, by=district.member
            )
        assert codes(error.value) == {"action_not_adopted"}

    def test_half_of_the_eligible_costs_rounded_down_and_capped(self, district):
        adopted(district)
        application = services.application_create(
            programme=self_reliance(), organisation=district.organisation, by=district.member
        )
        category = application.programme.cost_categories.get()
        services.budget_line_add(
            application=application,
            data={
                "side": "expense",
                "category": category,
                "description": "加工機",
                "amount": 451_999,
            },
            by=district.member,
        )
        assert selectors.totals_of(application).grant == 225_000

    def test_the_same_action_cannot_be_funded_twice_when_not_combinable(self, district):
        made, _version = adopted(district)
        application = services.application_create(
            programme=self_reliance(), organisation=district.organisation, by=district.member
        )
        services.application_save(
            application=application, data={"plan_action": made.action}, by=district.member
        )
        complete(application, district.member, text=FULL)
        # The same action already sent to another programme (the city's other subsidy).
        Application.objects.create(
            programme=citizen_proposal(),
            organisation=district.organisation,
            plan_action=made.action,
            state=Application.State.SUBMITTED,
            created_by=district.member,
        )
        with pytest.raises(ValidationError) as error:
            services.application_submit(
                application=application, confirmed=True, by=district.representative
            )
        assert codes(error.value) == {"not_combinable"}

    def test_an_application_from_the_plan_is_sent(self, district):
        made, _version = adopted(district)
        application = services.application_create(
            programme=self_reliance(), organisation=district.organisation, by=district.member
        )
        services.application_save(
            application=application, data={"plan_action": made.action}, by=district.member
        )
        complete(application, district.member, text=FULL)

        version = services.application_submit(
            application=application, confirmed=True, by=district.representative
        )

        assert version.snapshot["plan_action"] == str(made.action)


def test_only_the_groups_members_save_its_draft_or_add_to_it(programme, people):
    application = begin(people, programme)
    outsider = group().representative
    category = programme.cost_categories.first()
    calls = [
        lambda: services.application_save(
            application=application, data={"title": "x"}, by=outsider
        ),
        lambda: services.budget_line_add(
            application=application,
            data={"side": "expense", "category": category, "description": "x", "amount": 1},
            by=outsider,
        ),
        lambda: services.attachment_add(
            application=application, kind="rules", file=pdf(), by=outsider
        ),
    ]
    for call in calls:
        with pytest.raises(ValidationError) as error:
            call()
        assert codes(error.value) == {"not_member"}
    application.refresh_from_db()
    assert application.title == ""


def test_a_collaboration_application_does_not_use_up_the_groups_yearly_one(programme, people):
    besides = complete(begin(people, programme, course="collaboration"), people.member)
    services.application_submit(application=besides, confirmed=True, by=people.representative)

    yearly = complete(begin(people, programme, course="challenge"), people.member)
    services.application_submit(application=yearly, confirmed=True, by=people.representative)

    yearly.refresh_from_db()
    assert yearly.state == Application.State.SUBMITTED
