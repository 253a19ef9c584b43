"""The proposal wizard and the proposal page tell the truth: the real state and what comes
next, every answer on the confirm step, the amount of money asked, a real progress indicator."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tsunagaru.guideline.models import Form
from tsunagaru.proposals import services
from tsunagaru.proposals.models import NEXT_STEPS, Proposal
from tsunagaru.proposals.tests.conftest import PROPOSAL, agreed, at_table, submitted

pytestmark = pytest.mark.django_db


def _draft(t, **data):
    return services.proposal_save(
        proposal=None, data={**PROPOSAL, **data}, by=t.district_rep, proposer=t.district
    )


def _page(client, proposal, user) -> str:
    client.force_login(user)
    response = client.get(proposal.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("state", ["draft", "submitted", "returned", "at_table", "agreed"])
def test_the_proposal_page_shows_its_real_state_and_what_happens_next(client, table, state):
    if state in ("draft", "returned"):
        proposal = _draft(table)
        if state == "returned":
            services.proposal_submit(proposal=proposal, by=table.district_rep)
            services.proposal_return(
                proposal=proposal, reason="目標を具体的に", by=table.secretariat
            )
    else:
        proposal = {"submitted": submitted, "at_table": at_table, "agreed": agreed}[state](table)
    proposal.refresh_from_db()
    assert proposal.status == state
    html = _page(client, proposal, table.district_rep)
    with translation.override("ja"):
        label = str(Proposal.Status(state).label)
        at_table_label = str(Proposal.Status.AT_TABLE.label)
        next_step = str(NEXT_STEPS[state])
    assert f'<span class="status">{label}</span>' in html
    assert next_step.replace("'", "&#x27;") in html
    if state != "at_table":
        assert at_table_label not in html


def test_every_state_has_a_next_step():
    assert set(NEXT_STEPS) == set(Proposal.Status.values)


def test_money_needed_asks_for_an_amount_of_at_least_one_yen(client, table):
    proposal = _draft(table)
    client.force_login(table.district_rep)
    url = reverse("proposals:step", args=[proposal.pk, "table"])
    for amount in ("", "0", "-5"):
        response = client.post(url, {"needs_money": "on", "money_amount": amount})
        assert response.status_code == 200, amount
        assert response.context["form"].has_error("money_amount"), amount
        proposal.refresh_from_db()
        assert proposal.needs_money is False, "nothing half-saved"
    response = client.post(url, {"needs_money": "on", "money_amount": "120000"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.needs_money, proposal.money_amount) == (True, 120000)


def test_the_empty_amount_is_refused_with_its_code(client, table):
    client.force_login(table.district_rep)
    proposal = _draft(table)
    url = reverse("proposals:step", args=[proposal.pk, "table"])
    form = client.post(url, {"needs_money": "on"}).context["form"]
    assert form.has_error("money_amount", code="amount_required")


def test_the_service_refuses_money_without_an_amount_and_drops_an_amount_not_needed(table):
    with pytest.raises(ValidationError) as refused:
        _draft(table, needs_money=True)
    assert refused.value.error_dict["money_amount"][0].code == "amount_required"
    proposal = _draft(table, needs_money=False, money_amount=5000)
    assert proposal.money_amount is None


def test_a_proposal_needing_money_without_an_amount_cannot_be_sent(table):
    proposal = _draft(table)
    Proposal.objects.filter(pk=proposal.pk).update(needs_money=True)  # data from before the field
    proposal.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.proposal_submit(proposal=proposal, by=table.district_rep)
    assert refused.value.code == "incomplete"


def test_the_confirm_step_shows_every_answer_with_forms_schedule_and_amount(client, table):
    form = Form.objects.get(name="事業協力")
    proposal = _draft(
        table, schedule="令和9年4月から1年間", needs_money=True, money_amount=120000, forms=[form]
    )
    client.force_login(table.district_rep)
    for url in (reverse("proposals:step", args=[proposal.pk, "send"]), proposal.get_absolute_url()):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert form.label in html
        assert "令和9年4月から1年間" in html
        assert "about 120,000 yen" in html
        assert table.district.name in html
        assert PROPOSAL["asks"] in html


def test_step_three_says_the_money_sentence_once(client, table):
    proposal = _draft(table)
    client.force_login(table.district_rep)
    html = client.get(
        reverse("proposals:step", args=[proposal.pk, "table"]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert html.count("A proposal that needs no money is just as welcome.") == 1


def test_the_stepper_is_a_progress_indicator(client, table):
    proposal = _draft(table)
    client.force_login(table.district_rep)
    html = client.get(
        reverse("proposals:step", args=[proposal.pk, "table"]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    steps = re.search(r'<ol class="steps"[^>]*>(.*?)</ol>', html, re.S)
    assert steps is not None
    items = re.findall(r"<li([^>]*)>(.*?)</li>", steps.group(1), re.S)
    assert len(items) == 4
    states = [re.search(r"steps__item--(\w+)", attrs).group(1) for attrs, _body in items]
    assert states == ["done", "done", "current", "todo"]
    assert [('aria-current="step"' in attrs) for attrs, _body in items] == [
        False,
        False,
        True,
        False,
    ]
    assert all("(done)" in body for _attrs, body in items[:2])
    assert "(done)" not in items[2][1] + items[3][1]
