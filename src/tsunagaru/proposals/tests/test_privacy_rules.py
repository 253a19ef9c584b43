"""What stays at the table: the agreement page and its private part are for the parties and
the support staff; the public API shows an evaluation only once all are open (原則6)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tsunagaru.accounts.models import Role
from tsunagaru.guideline.models import Principle
from tsunagaru.partners.tests.factories import MembershipFactory
from tsunagaru.proposals import services
from tsunagaru.proposals.tests.conftest import (
    approve_all,
    complete_agreement,
    met,
    submitted,
)

pytestmark = pytest.mark.django_db

PRIVATE = "参加者の個人名"
TABLE_PAGES = ("agreement", "agreement_edit", "meetings", "thread", "reports")


@pytest.fixture
def declined(make_user):
    """A group invited to the table that said no."""
    rep = make_user(Role.PARTNER_MEMBER, email="declined@example.jp")
    return MembershipFactory(user=rep, organisation__name="奥州まちづくり研究会")


def agreed_with_a_declined_party(t, declined):
    proposal = submitted(t)
    services.proposal_accept(
        proposal=proposal,
        departments=[t.department],
        partners=[t.npo, declined.organisation],
        by=t.secretariat,
    )
    services.party_answer(party=t.party(proposal, t.npo), accept=True, by=t.npo_rep)
    services.party_answer(party=t.party(proposal, t.department), accept=True, by=t.department_rep)
    services.party_answer(
        party=t.party(proposal, declined.organisation),
        accept=False,
        reason="今年度は手が回りません",
        by=declined.user,
    )
    met(t, proposal, absent=declined.organisation)
    approve_all(t, proposal, complete_agreement(t, proposal))
    proposal.refresh_from_db()
    return proposal


def table_answers(client, proposal):
    return {
        name: client.get(reverse(f"proposals:{name}", args=[proposal.pk])).status_code
        for name in TABLE_PAGES
    }


@pytest.mark.parametrize("who", ["outsider", "resident", "declined_party"])
def test_a_non_party_cannot_open_an_agreement_page_or_its_private_part(
    client, table, declined, make_user, who
):
    proposal = agreed_with_a_declined_party(table, declined)
    user = {
        "outsider": table.outsider,
        "resident": make_user(Role.RESIDENT),
        "declined_party": declined.user,
    }[who]
    client.force_login(user)

    public = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()

    assert table_answers(client, proposal) == dict.fromkeys(TABLE_PAGES, 403)
    assert proposal.title in public  # the agreed project itself is public
    assert PRIVATE not in public


def test_anonymous_visitors_are_sent_to_log_in_from_the_table(client, table, declined):
    proposal = agreed_with_a_declined_party(table, declined)

    public = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()

    assert set(table_answers(client, proposal).values()) == {302}
    assert PRIVATE not in public


@pytest.mark.parametrize("who", ["district_member", "npo_rep", "department_rep", "secretariat"])
def test_the_parties_and_the_secretariat_read_the_private_part(client, table, declined, who):
    proposal = agreed_with_a_declined_party(table, declined)
    client.force_login(getattr(table, who))

    page = client.get(reverse("proposals:agreement", args=[proposal.pk]))

    assert page.status_code == 200
    assert PRIVATE in page.content.decode()


def evaluate(t, proposal, organisation, rep, comment):
    principles = Principle.objects.filter(retired_in__isnull=True)
    services.evaluation_submit(
        proposal=proposal,
        party=t.party(proposal, organisation),
        data={
            "goal_achievement": 4,
            "goal_comment": comment,
            "improvements": "次は早めに準備する",
            "continue_project": "yes",
        },
        scores={p.pk: (4, f"{comment}: {p.name}") for p in principles},
        by=rep,
    )


def api_project(client, proposal):
    body = client.get("/api/projects").json()
    return next(p for p in body["items"] if p["id"] == proposal.pk)


def test_the_public_api_shows_no_sealed_evaluation(client, table, declined):
    proposal = agreed_with_a_declined_party(table, declined)
    services.proposal_finish(proposal=proposal, by=table.secretariat)
    evaluate(table, proposal, table.district, table.district_rep, "地区の手応え")
    evaluate(table, proposal, table.npo, table.npo_rep, "NPOの手応え")
    client.force_login(table.district_rep)  # even a party that sent its own

    project = api_project(client, proposal)

    assert project["evaluations"] == []
    assert "手応え" not in str(project)

    evaluate(table, proposal, table.department, table.department_rep, "市の手応え")
    project = api_project(client, proposal)
    assert {e["goal_comment"] for e in project["evaluations"]} == {
        "地区の手応え",
        "NPOの手応え",
        "市の手応え",
    }


def test_the_public_api_shows_the_evaluations_once_the_deadline_has_passed(client, table, declined):
    proposal = agreed_with_a_declined_party(table, declined)
    services.proposal_finish(proposal=proposal, by=table.secretariat)
    evaluate(table, proposal, table.npo, table.npo_rep, "NPOの手応え")
    assert api_project(client, proposal)["evaluations"] == []

    proposal.evaluation_deadline = timezone.localdate()  # the last day to send one
    proposal.save(update_fields=["evaluation_deadline"])
    assert api_project(client, proposal)["evaluations"] == []

    proposal.evaluation_deadline = timezone.localdate() - datetime.timedelta(days=1)
    proposal.save(update_fields=["evaluation_deadline"])

    assert [e["goal_comment"] for e in api_project(client, proposal)["evaluations"]] == [
        "NPOの手応え"
    ]


@pytest.mark.parametrize(
    ("target_value", "due_on"),
    [(Decimal(40), None), (None, datetime.date(2026, 9, 30)), (None, None)],
    ids=["value-without-date", "date-without-value", "neither"],
)
def test_principle_1_needs_a_goal_with_both_a_target_value_and_a_date(
    table, declined, target_value, due_on
):
    proposal = agreed_with_a_declined_party(table, declined)
    version = proposal.agreement.current
    tasks = [
        {
            "description": t.description,
            "responsible": t.responsible,
            "citizens_part": t.citizens_part,
            "city_part": t.city_part,
        }
        for t in version.tasks.all()
    ]
    goal = {"description": "参加者を増やす", "unit": "人"}

    amended = services.agreement_save(
        proposal=proposal,
        data={},
        goals=[{**goal, "target_value": target_value, "due_on": due_on}],
        tasks=tasks,
        by=table.npo_rep,
    )

    assert {e.code for e in services.agreement_problems(amended)} == {"goal"}
    with pytest.raises(ValidationError) as error:
        services.agreement_approve(
            proposal=proposal,
            version=amended,
            party=table.party(proposal, table.district),
            by=table.district_rep,
        )
    assert {e.code for e in error.value.error_list} == {"goal"}
