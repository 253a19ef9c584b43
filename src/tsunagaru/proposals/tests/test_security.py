"""Security findings of issue 12 on the proposal table: double clicks, query numbers, the API's
page size, the admin and sealed evaluations, line breaks that would break mail headers."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tsunagaru.cases.models import Case
from tsunagaru.guideline.models import Principle
from tsunagaru.proposals import services
from tsunagaru.proposals.models import Evaluation, Proposal
from tsunagaru.proposals.tests.conftest import PROPOSAL, agreed

pytestmark = pytest.mark.django_db


def _evaluate(table, proposal, organisation, rep):
    return services.evaluation_submit(
        proposal=proposal,
        party=table.party(proposal, organisation),
        data={
            "goal_achievement": 2,
            "goal_comment": "封をした評価の本文",
            "improvements": "周知を早める。",
            "continue_project": "yes",
        },
        scores={p.pk: (3, "") for p in Principle.objects.filter(retired_in__isnull=True)},
        by=rep,
    )


def _evaluated(table) -> Proposal:
    proposal = agreed(table)
    services.proposal_finish(proposal=proposal, by=table.secretariat)
    for organisation, rep in (
        (table.district, table.district_rep),
        (table.npo, table.npo_rep),
        (table.department, table.department_rep),
    ):
        _evaluate(table, proposal, organisation, rep)
    proposal.refresh_from_db()
    return proposal


def test_two_quick_clicks_on_make_case_make_one_case(table):
    proposal = _evaluated(table)
    # Both requests read the proposal before either has written: both pass the permission
    # check (no case yet); only the check-and-set in the transaction can notice.
    first = Proposal.objects.get(pk=proposal.pk)
    second = Proposal.objects.get(pk=proposal.pk)

    case = services.proposal_make_case(proposal=first, by=table.district_rep)
    with pytest.raises(ValidationError) as error:
        services.proposal_make_case(proposal=second, by=table.npo_rep)

    assert error.value.code == "case_exists"
    assert Case.objects.count() == 1
    proposal.refresh_from_db()
    assert proposal.case_id == case.pk


@pytest.mark.parametrize(
    "year", ["99999999999999999999", "²", "-1", "２０２６", "2026x", "0" * 400]
)
def test_the_not_adopted_list_answers_any_year_without_an_error(client, year):
    response = client.get(reverse("proposals:not_adopted"), {"year": year})

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"offset": "99999999999999999999"}, "offset"),
        ({"limit": "99999999999999999999"}, "limit"),
        ({"limit": "101"}, "limit"),
        ({"limit": "0"}, "limit"),
    ],
)
def test_the_api_refuses_a_page_it_cannot_serve_with_a_clear_message(client, params, field):
    response = client.get("/api/projects", params)

    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [d["loc"][-1] for d in detail] == [field]
    assert detail[0]["msg"]


def test_the_api_serves_its_largest_page(client, table):
    agreed(table)

    response = client.get("/api/projects", {"limit": "100", "offset": "0"})

    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_the_admin_does_not_show_sealed_evaluations(client, table, administrator):
    proposal = agreed(table)
    services.proposal_finish(proposal=proposal, by=table.secretariat)
    sealed = _evaluate(table, proposal, table.npo, table.npo_rep)
    client.force_login(administrator)

    listed = client.get(reverse("admin:proposals_evaluation_changelist"))
    opened = client.get(reverse("admin:proposals_evaluation_change", args=[sealed.pk]))

    assert listed.status_code == 200
    assert list(listed.context["cl"].result_list) == []
    assert opened.status_code == 302  # the admin's "does not exist" redirect
    assert "封をした評価の本文" not in opened.content.decode()


def test_the_admin_shows_evaluations_once_they_are_open(client, table, administrator):
    proposal = _evaluated(table)
    client.force_login(administrator)

    listed = client.get(reverse("admin:proposals_evaluation_changelist"))

    assert set(listed.context["cl"].result_list) == set(
        Evaluation.objects.filter(proposal=proposal)
    )


@pytest.mark.parametrize("title", ["水沢の未来\r\nBcc: victim@example.com", "改行\nだけ"])
def test_a_title_with_a_line_break_is_refused_before_anything_is_saved(table, title):
    with pytest.raises(ValidationError) as error:
        services.proposal_save(
            proposal=None,
            data={**PROPOSAL, "title": title},
            by=table.district_rep,
            proposer=table.district,
        )

    assert error.value.error_dict["title"][0].code == "line_break"
    assert not Proposal.objects.exists()


def test_the_proposal_form_refuses_a_title_with_a_line_break(client, table):
    client.force_login(table.district_rep)
    url = reverse("proposals:new")

    response = client.post(
        url, {"proposer": table.district.pk, "title": "一行目\r\n二行目", "problem": "困りごと"}
    )

    assert response.status_code == 200
    assert not Proposal.objects.exists()
    assert mail.outbox == []


def test_the_wizard_form_itself_refuses_a_title_with_a_line_break():
    from tsunagaru.proposals.forms import ProposalStepForm

    form = ProposalStepForm(data={"title": "一行目\n二行目", "problem": "困りごと"}, step="problem")

    assert not form.is_valid()
    assert [e.code for e in form.errors.as_data()["title"]] == ["line_break"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("guideline", "oshu")  # an earlier race test flushed them
def test_two_make_case_requests_at_the_same_moment_make_one_case(table):
    """Two real transactions on two connections, started together (a double click)."""
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers at BEGIN IMMEDIATE; the race needs PostgreSQL")
    proposal = _evaluated(table)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def click(by) -> None:
        from django.db import connections

        stale = Proposal.objects.get(pk=proposal.pk)  # both read "no case yet"
        start.wait()
        try:
            services.proposal_make_case(proposal=stale, by=by)
            outcomes.append("made")
        except ValidationError as error:
            outcomes.append(str(error.code))
        except Exception as error:  # shown in the assertion, not lost in the thread
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=click, args=(who,)) for who in (table.district_rep, table.npo_rep)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["case_exists", "made"]
    assert Case.objects.count() == 1
