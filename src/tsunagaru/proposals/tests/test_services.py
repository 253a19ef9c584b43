"""The proposal table's rules, as services: the six principles made into checks."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from tsunagaru.guideline.models import Principle
from tsunagaru.matching.models import Connection
from tsunagaru.notices.models import Notice
from tsunagaru.partners.models import Membership, Organisation
from tsunagaru.partners.tests.factories import MembershipFactory
from tsunagaru.proposals import permissions, services
from tsunagaru.proposals.models import Party, Proposal
from tsunagaru.proposals.tests.conftest import (
    PROPOSAL,
    agreed,
    approve_all,
    at_table,
    complete_agreement,
    met,
    submitted,
)

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> set[str]:
    return {e.code for e in error.error_list}


def test_a_proposal_without_money_is_a_full_proposal_and_its_draft_is_private(table):
    proposal = services.proposal_save(
        proposal=None, data={"title": "下書き"}, by=table.district_member, proposer=table.district
    )

    assert proposal.status == Proposal.Status.DRAFT
    assert permissions.can_view(table.district_member, proposal)
    assert not permissions.can_view(table.secretariat, proposal)
    assert not permissions.can_view(table.npo_rep, proposal)
    with pytest.raises(ValidationError) as error:
        services.proposal_submit(proposal=proposal, by=table.district_rep)
    assert codes(error.value) == {"incomplete"}

    services.proposal_save(proposal=proposal, data=PROPOSAL, by=table.district_member)
    with pytest.raises(PermissionDenied):  # a plain member does not send for the group
        services.proposal_submit(proposal=proposal, by=table.district_member)
    services.proposal_submit(proposal=proposal, by=table.district_rep)

    assert proposal.status == Proposal.Status.SUBMITTED
    assert proposal.needs_money is False
    assert permissions.can_view(table.secretariat, proposal)
    assert not permissions.can_view(table.outsider, proposal)
    assert Notice.objects.filter(user=table.secretariat).exists()


def test_only_a_registered_group_proposes(table, make_user):
    pending = MembershipFactory(organisation__status=Organisation.Status.PENDING)
    with pytest.raises(PermissionDenied):
        services.proposal_save(
            proposal=None, data=PROPOSAL, by=pending.user, proposer=pending.organisation
        )
    with pytest.raises(PermissionDenied):  # nor anyone for a group they are not in
        services.proposal_save(
            proposal=None, data=PROPOSAL, by=table.outsider, proposer=table.district
        )


def test_the_secretariat_returns_a_proposal_with_reasons_and_it_comes_back(
    table, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = submitted(table)
    with pytest.raises(PermissionDenied):
        services.proposal_return(proposal=proposal, reason="x", by=table.district_rep)
    with pytest.raises(ValidationError):
        services.proposal_return(proposal=proposal, reason=" ", by=table.secretariat)

    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_return(proposal=proposal, reason="目標を具体的に", by=table.secretariat)

    assert proposal.status == Proposal.Status.RETURNED
    assert proposal.return_reason == "目標を具体的に"
    assert any("目標を具体的に" in m.body for m in mailoutbox if table.district_rep.email in m.to)
    services.proposal_save(proposal=proposal, data={"idea": "改めた案"}, by=table.district_rep)
    services.proposal_submit(proposal=proposal, by=table.district_rep)
    assert proposal.status == Proposal.Status.SUBMITTED


def test_opening_the_table_needs_a_department_and_each_party_answers_for_itself(table):
    proposal = submitted(table)
    with pytest.raises(ValidationError) as error:
        services.proposal_accept(proposal=proposal, departments=[], by=table.secretariat)
    assert codes(error.value) == {"department_required"}

    services.proposal_accept(
        proposal=proposal,
        departments=[table.department],
        partners=[table.npo],
        by=table.secretariat,
    )
    npo = table.party(proposal, table.npo)
    assert npo.answer == Party.Answer.INVITED
    assert permissions.can_view_table(table.npo_rep, proposal)
    with pytest.raises(PermissionDenied):  # the proposer cannot answer for the NPO
        services.party_answer(party=npo, accept=True, by=table.district_rep)
    services.party_answer(party=npo, accept=False, reason="今年度は手が回らない", by=table.npo_rep)
    with pytest.raises(PermissionDenied):  # answered once
        services.party_answer(party=npo, accept=True, by=table.npo_rep)
    npo.refresh_from_db()
    assert npo.answer == Party.Answer.DECLINED
    assert not permissions.can_view_table(table.npo_rep, proposal)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"purpose": ""}, "purpose"),
        ({"domain": None}, "domain"),
        ({"forms": []}, "form"),
        ({"cost_sharing": ""}, "cost_sharing"),
        ({"ends_on": None}, "schedule"),
        ({"ends_on": datetime.date(2026, 1, 1)}, "schedule"),
        ({"publication_text": ""}, "publication"),
        ({"private_matters": ""}, "private"),
    ],
)
def test_an_agreement_missing_any_item_cannot_be_approved(table, changes, code):
    proposal = at_table(table)
    met(table, proposal)
    version = complete_agreement(table, proposal, **changes)

    with pytest.raises(ValidationError) as error:
        services.agreement_approve(
            proposal=proposal,
            version=version,
            party=table.party(proposal, table.district),
            by=table.district_rep,
        )

    assert codes(error.value) == {code}
    assert not version.approvals.exists()


def test_goals_need_a_target_value_and_a_date(table):
    proposal = at_table(table)
    met(table, proposal)
    version = complete_agreement(table, proposal)
    services.agreement_save(
        proposal=proposal,
        data={},
        goals=[{"description": "参加者を増やす", "target_value": None, "due_on": None}],
        tasks=[
            {
                "description": t.description,
                "responsible": t.responsible,
                "citizens_part": t.citizens_part,
                "city_part": t.city_part,
            }
            for t in version.tasks.all()
        ],
        by=table.npo_rep,
    )

    assert codes(ValidationError(services.agreement_problems(version))) == {"goal"}


def test_every_party_needs_a_task_and_both_sides_say_what_they_do(table):
    proposal = at_table(table)
    met(table, proposal)
    version = complete_agreement(table, proposal)
    district = table.party(proposal, table.district)
    services.agreement_save(
        proposal=proposal,
        data={},
        goals=[
            {
                "description": g.description,
                "target_value": g.target_value,
                "due_on": g.due_on,
                "key": g.key,
            }
            for g in version.goals.all()
        ],
        tasks=[{"description": "全部", "responsible": district, "citizens_part": "すべて"}],
        by=table.district_rep,
    )

    assert codes(ValidationError(services.agreement_problems(version))) == {
        "roles",
        "roles_sides",
    }


def test_every_party_must_have_met_or_answered_the_minutes(table):
    proposal = at_table(table)
    meeting = met(table, proposal, absent=table.npo)
    version = complete_agreement(table, proposal)
    assert codes(ValidationError(services.agreement_problems(version))) == {"meeting"}

    services.meeting_reply(
        meeting=meeting,
        party=table.party(proposal, table.npo),
        text="議事録を確認しました。進行を引き受けます。",
        by=table.npo_rep,
    )

    assert services.agreement_problems(version) == []


def test_an_unanswered_invitation_holds_the_agreement(table):
    proposal = submitted(table)
    services.proposal_accept(
        proposal=proposal,
        departments=[table.department],
        partners=[table.npo],
        by=table.secretariat,
    )
    services.party_answer(
        party=table.party(proposal, table.department), accept=True, by=table.department_rep
    )
    version = proposal.agreement.current
    assert "pending_party" in codes(ValidationError(services.agreement_problems(version)))


def test_a_change_after_one_approval_is_a_new_version_and_clears_all_approvals(table):
    proposal = at_table(table)
    met(table, proposal)
    v1 = complete_agreement(table, proposal)
    services.agreement_approve(
        proposal=proposal, version=v1, party=table.party(proposal, table.npo), by=table.npo_rep
    )

    v2 = complete_agreement(table, proposal, purpose="住民の声を計画に生かし、担い手を育てる。")

    assert (v1.number, v2.number) == (1, 2)
    proposal.agreement.refresh_from_db()
    assert proposal.agreement.current == v2
    assert not v2.approvals.exists()
    with pytest.raises(ValidationError) as error:  # the old version can no longer be approved
        services.agreement_approve(
            proposal=proposal,
            version=v1,
            party=table.party(proposal, table.district),
            by=table.district_rep,
        )
    assert codes(error.value) == {"stale_version"}


def test_unapproved_edits_stay_in_the_same_version(table):
    proposal = at_table(table)
    v1 = complete_agreement(table, proposal)
    again = complete_agreement(table, proposal, purpose="目的を書き直した")

    assert again.pk == v1.pk
    again.refresh_from_db()
    assert again.purpose == "目的を書き直した"


def test_all_parties_approve_the_same_version_then_no_one_changes_it_alone(table):
    proposal = at_table(table)
    met(table, proposal)
    v1 = complete_agreement(table, proposal)

    approve_all(table, proposal, v1)

    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.AGREED
    assert proposal.agreement.approved == v1
    assert Connection.objects.filter(source=Connection.Source.PROPOSAL).count() == 3
    # The city changes the text: a new version, and the agreed one stays in force.
    amendment = services.agreement_save(
        proposal=proposal,
        data={"cost_sharing": "市が資料の印刷費を負担する。"},
        goals=[
            {
                "description": g.description,
                "unit": g.unit,
                "target_value": g.target_value,
                "due_on": g.due_on,
                "key": g.key,
            }
            for g in v1.goals.all()
        ],
        tasks=[
            {
                "description": t.description,
                "responsible": t.responsible,
                "citizens_part": t.citizens_part,
                "city_part": t.city_part,
            }
            for t in v1.tasks.all()
        ],
        by=table.department_rep,
    )
    v1.refresh_from_db()
    assert amendment.number == 2
    assert v1.cost_sharing == "費用は発生しない（会場は地区センター）。"
    proposal.agreement.refresh_from_db()
    assert proposal.agreement.approved == v1
    services.agreement_approve(
        proposal=proposal,
        version=amendment,
        party=table.party(proposal, table.department),
        by=table.department_rep,
    )
    proposal.agreement.refresh_from_db()
    assert proposal.agreement.approved == v1  # one approval is not all
    approve_all_but = [(table.district, table.district_rep), (table.npo, table.npo_rep)]
    for organisation, rep in approve_all_but:
        services.agreement_approve(
            proposal=proposal,
            version=amendment,
            party=table.party(proposal, organisation),
            by=rep,
        )
    proposal.agreement.refresh_from_db()
    assert proposal.agreement.approved == amendment
    assert [g.key for g in amendment.goals.all()] == [g.key for g in v1.goals.all()]


@pytest.mark.parametrize("who", ["district_member", "npo_rep", "secretariat", "outsider"])
def test_only_the_partys_representative_approves_for_it(table, who):
    proposal = at_table(table)
    met(table, proposal)
    version = complete_agreement(table, proposal)

    with pytest.raises(PermissionDenied):
        services.agreement_approve(
            proposal=proposal,
            version=version,
            party=table.party(proposal, table.district),
            by=getattr(table, who),
        )


def test_a_contact_person_cannot_approve(table, make_user):
    proposal = at_table(table)
    contact = MembershipFactory(organisation=table.district, role=Membership.Role.CONTACT).user
    version = complete_agreement(table, proposal)
    assert not permissions.can_approve(contact, table.party(proposal, table.district))
    with pytest.raises(PermissionDenied):
        services.agreement_approve(
            proposal=proposal,
            version=version,
            party=table.party(proposal, table.district),
            by=contact,
        )


def test_two_versions_approved_at_once_only_the_current_counts(table):
    """Two representatives open the agreement; one party's contact saves a change in between.
    The approval of what the other saw (the old version) is refused, not recorded."""
    proposal = at_table(table)
    met(table, proposal)
    seen = complete_agreement(table, proposal)
    services.agreement_approve(
        proposal=proposal, version=seen, party=table.party(proposal, table.npo), by=table.npo_rep
    )
    changed = complete_agreement(table, proposal, purpose="変更後の目的")

    with pytest.raises(ValidationError) as error:
        services.agreement_approve(
            proposal=proposal,
            version=seen,
            party=table.party(proposal, table.department),
            by=table.department_rep,
        )
    assert codes(error.value) == {"stale_version"}
    with pytest.raises(ValidationError) as error:  # nor is a stale edit saved over it
        services.agreement_save(
            proposal=proposal,
            data={"purpose": "古い画面から"},
            goals=[],
            tasks=[],
            by=table.district_rep,
            based_on=seen,
        )
    assert codes(error.value) == {"stale_version"}
    changed.refresh_from_db()
    assert changed.purpose == "変更後の目的"
    assert not changed.approvals.exists()


def test_progress_reports_against_the_goals_and_reminders(
    table, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = agreed(table)
    goal = proposal.agreement.approved.goals.get()
    assert services.report_due_on(proposal) == datetime.date(2026, 10, 1)

    services.report_add(
        proposal=proposal,
        data={"reported_on": datetime.date(2026, 7, 20), "note": "1回目を開催しました。"},
        values={goal.key: Decimal(18)},
        by=table.district_member,
    )

    assert services.report_due_on(proposal) == datetime.date(2026, 10, 20)
    with pytest.raises(PermissionDenied):
        services.report_add(
            proposal=proposal,
            data={"reported_on": datetime.date(2026, 7, 21), "note": "x"},
            values={},
            by=table.outsider,
        )
    assert services.reports_remind(today=datetime.date(2026, 10, 19)) == 0
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reports_remind(today=datetime.date(2026, 10, 20)) == 1
    assert {a for m in mailoutbox for a in m.to} == {
        table.district_rep.email,
        table.npo_rep.email,
        table.department_rep.email,
    }
    # The date people read is 和暦, in the notice and in the mail.
    assert "令和8年10月20日" in mailoutbox[0].body
    assert "2026-10-20" not in mailoutbox[0].body


def test_evaluations_are_sealed_until_every_party_has_sent_one(table):
    proposal = agreed(table)
    with pytest.raises(PermissionDenied):  # not before the project has ended
        _evaluate(table, proposal, table.district, table.district_rep)
    services.proposal_finish(proposal=proposal, by=table.npo_rep)

    mine = _evaluate(table, proposal, table.district, table.district_rep)
    _evaluate(table, proposal, table.npo, table.npo_rep)

    assert not services.evaluations_open(proposal)
    assert mine.scores.count() == 6
    with pytest.raises(ValidationError) as error:
        _evaluate(table, proposal, table.district, table.district_rep)
    assert codes(error.value) == {"already_evaluated"}
    _evaluate(table, proposal, table.department, table.department_rep)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.EVALUATED
    assert services.evaluations_open(proposal)


def test_evaluations_open_when_the_deadline_passes(table):
    proposal = agreed(table)
    with time_machine.travel(datetime.datetime(2027, 3, 31, 12, tzinfo=datetime.UTC)):
        services.proposal_finish(proposal=proposal, by=table.secretariat)
        _evaluate(table, proposal, table.npo, table.npo_rep)
    assert proposal.evaluation_deadline == datetime.date(2027, 4, 30)
    assert not services.evaluations_open(proposal, today=datetime.date(2027, 4, 30))
    assert services.evaluations_close_overdue(today=datetime.date(2027, 5, 1)) == 1
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.EVALUATED


def test_an_evaluation_scores_every_principle_from_one_to_five(table):
    proposal = agreed(table)
    services.proposal_finish(proposal=proposal, by=table.npo_rep)
    party = table.party(proposal, table.npo)
    principles = list(Principle.objects.filter(retired_in__isnull=True))
    with pytest.raises(ValidationError) as error:
        services.evaluation_submit(
            proposal=proposal,
            party=party,
            data=_evaluation_data(),
            scores={p.pk: (4, "") for p in principles[:5]},
            by=table.npo_rep,
        )
    assert codes(error.value) == {"principles"}
    with pytest.raises(ValidationError) as error:
        services.evaluation_submit(
            proposal=proposal,
            party=party,
            data=_evaluation_data(),
            scores={p.pk: (6, "") for p in principles},
            by=table.npo_rep,
        )
    assert codes(error.value) == {"score_range"}


def test_an_evaluated_project_becomes_a_draft_case_in_one_step(table):
    proposal = agreed(table)
    services.proposal_finish(proposal=proposal, by=table.npo_rep)
    for organisation, rep in (
        (table.district, table.district_rep),
        (table.npo, table.npo_rep),
        (table.department, table.department_rep),
    ):
        _evaluate(table, proposal, organisation, rep)
    proposal.refresh_from_db()

    case = services.proposal_make_case(proposal=proposal, by=table.district_rep)

    assert case.status == "draft"
    assert case.title == proposal.title
    assert case.summary == "ワークショップの内容と参加者数を公開します。"
    assert "参加者の個人名" not in " ".join([case.summary, case.roles, case.results])
    assert {p.name for p in case.partners.all()} == {
        "白山地区振興会",
        "NPO法人いわて地域づくり支援センター",
        "奥州市 地域づくり推進課",
    }
    assert case.fiscal_year == 2026
    with pytest.raises(PermissionDenied):  # once
        services.proposal_make_case(proposal=proposal, by=table.district_rep)


def test_a_proposal_not_adopted_is_closed_with_a_reason_the_proposer_sees(table):
    proposal = submitted(table)
    with pytest.raises(PermissionDenied):
        services.proposal_close(proposal=proposal, category="existing", note="x", by=table.outsider)
    services.proposal_close(
        proposal=proposal,
        category="existing",
        note="既存の地区計画事業で対応",
        by=table.secretariat,
    )
    assert proposal.status == Proposal.Status.NOT_ADOPTED
    assert proposal.closing_reason == Proposal.ClosingReason.EXISTING
    assert Notice.objects.filter(user=table.district_rep, message__contains="既存").exists()
    with pytest.raises(PermissionDenied):
        services.proposal_submit(proposal=proposal, by=table.district_rep)


def test_the_proposer_may_withdraw_its_proposal(table):
    proposal = submitted(table)
    services.proposal_close(
        proposal=proposal, category="other", note="体制が整わないため", by=table.district_rep
    )
    assert proposal.closing_reason == Proposal.ClosingReason.WITHDRAWN


def test_a_step_out_of_turn_is_refused(table):
    proposal = submitted(table)
    with pytest.raises(PermissionDenied):
        services.proposal_finish(proposal=proposal, by=table.secretariat)
    stale = Proposal.objects.get(pk=proposal.pk)
    services.proposal_return(proposal=proposal, reason="具体的に", by=table.secretariat)
    with pytest.raises(ValidationError) as error:  # a second screener acting on an old page
        services.proposal_accept(
            proposal=stale, departments=[table.department], by=table.secretariat
        )
    assert codes(error.value) == {"stale_state"}


def _evaluation_data():
    return {
        "goal_achievement": 4,
        "goal_comment": "参加者は目標に届かなかったが、若い世代が来た。",
        "improvements": "周知を早める。",
        "continue_project": "yes",
    }


def _evaluate(table, proposal, organisation, rep):
    principles = Principle.objects.filter(retired_in__isnull=True)
    return services.evaluation_submit(
        proposal=proposal,
        party=table.party(proposal, organisation),
        data=_evaluation_data(),
        scores={p.pk: (4, f"{p.name}はよくできた") for p in principles},
        by=rep,
    )


def test_the_demo_has_a_proposal_in_every_state_and_one_all_the_way(db):
    from tsunagaru.core import demo

    demo.load()

    states = set(Proposal.objects.values_list("status", flat=True))
    assert states == set(Proposal.Status.values)
    evaluated = Proposal.objects.get(status=Proposal.Status.EVALUATED)
    assert services.evaluations_open(evaluated)
    assert evaluated.evaluations.count() == evaluated.parties.filter(answer="accepted").count() == 3
    assert evaluated.agreement.approved.approvals.count() == 3


def test_the_daily_command_reminds_and_opens_overdue_evaluations(table):
    from io import StringIO

    from django.core.management import call_command

    proposal = agreed(table)
    with time_machine.travel(datetime.datetime(2026, 11, 1, 12, tzinfo=datetime.UTC)):
        out = StringIO()
        call_command("remind_reports", stdout=out)
    assert out.getvalue().strip() == "report reminders: 1, evaluations opened: 0"
    with time_machine.travel(datetime.datetime(2027, 3, 31, 12, tzinfo=datetime.UTC)):
        services.proposal_finish(proposal=proposal, by=table.secretariat)
    with time_machine.travel(datetime.datetime(2027, 5, 1, 12, tzinfo=datetime.UTC)):
        out = StringIO()
        call_command("remind_reports", stdout=out)
    assert out.getvalue().strip() == "report reminders: 0, evaluations opened: 1"
