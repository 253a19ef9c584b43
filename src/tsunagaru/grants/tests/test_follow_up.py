"""After the decision (grants.services.reports and .payments): change requests, progress, the
results report with receipts, the confirmed amount, claims and payments, repayments."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext

from tsunagaru.accounts.models import Role
from tsunagaru.audit.models import AuditEvent
from tsunagaru.core.dates import fiscal_year_end, fiscal_year_start
from tsunagaru.grants import selectors, services
from tsunagaru.grants.models import (
    Application,
    ChangeRequest,
    CostCategory,
    Payment,
    Programme,
)
from tsunagaru.grants.services.payments import claimable
from tsunagaru.grants.tests.factories import (
    adopt,
    begin,
    citizen_proposal,
    complete,
    group,
    pdf,
    report,
    this_year,
    today,
)
from tsunagaru.notices.models import Notice

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}  # type: ignore[misc]
    return {e.code for e in error.error_list}  # type: ignore[misc]


@pytest.fixture
def staff(make_user):
    return make_user(Role.CITY_STAFF)


@pytest.fixture
def people():
    return group()


@pytest.fixture
def programme():
    """The citizen-proposal grant (10/10, ¥1,000 rounding), paid after the results."""
    return citizen_proposal()


def adopted(programme, people, staff, amount=60_000, expenses=80_000, **text):
    application = complete(begin(people, programme), people.member, expenses=expenses)
    if text:
        services.application_save(application=application, data=text, by=people.member)
    return adopt(application, staff, amount)


def fresh(programme: Programme) -> Programme:
    return Programme.objects.get(pk=programme.pk)


# -- change requests ---------------------------------------------------------------------------


def test_a_schedule_change_approved_moves_the_dates_and_the_report_due(programme, people, staff):
    start = today()
    application = adopted(
        programme, people, staff, starts_on=start, ends_on=start + datetime.timedelta(days=30)
    )
    assert application.report_due == start + datetime.timedelta(days=60)  # 30 days after the end
    change = services.change_request(
        application=application,
        data={
            "kind": "schedule",
            "details": "2月の回を3月に延ばす",
            "reason": "大雪で会場が使えなかった",
            "new_starts_on": start,
            "new_ends_on": start + datetime.timedelta(days=90),
        },
        by=people.representative,
    )
    services.change_decide(change=change, approve=True, by=staff)
    application.refresh_from_db()
    assert application.ends_on == start + datetime.timedelta(days=90)
    assert application.report_due == start + datetime.timedelta(days=120)
    assert AuditEvent.objects.filter(
        action="grant_change.decide", target_id=application.pk
    ).exists()
    told = Notice.objects.filter(user=people.representative).values_list("message", flat=True)
    assert gettext("Your change request is approved.") in told


def test_a_budget_change_lowers_the_grant_and_frees_the_budget_but_never_raises_it(
    programme, people, staff
):
    application = adopted(programme, people, staff, amount=60_000)
    assert fresh(programme).committed == 60_000
    lower = services.change_request(
        application=application,
        data={
            "kind": "budget",
            "details": "材料費を減らす",
            "reason": "寄付があった",
            "new_eligible": 45_500,
        },
        by=people.representative,
    )
    services.change_decide(change=lower, approve=True, by=staff)
    application.refresh_from_db()
    assert application.decided_amount == 45_000  # 10/10 of 45,500, rounded down to ¥1,000
    assert fresh(programme).committed == 45_000
    higher = services.change_request(
        application=application,
        data={
            "kind": "budget",
            "details": "材料費を増やす",
            "reason": "参加者が増えた",
            "new_eligible": 200_000,
        },
        by=people.representative,
    )
    services.change_decide(change=higher, approve=True, by=staff)
    application.refresh_from_db()
    assert application.decided_amount == 45_000
    assert fresh(programme).committed == 45_000


def test_a_change_needs_what_and_why_and_its_own_values(programme, people, staff):
    application = adopted(programme, people, staff)
    base = {"details": "変更", "reason": "理由"}
    for data, code in [
        ({"kind": "content", "details": "", "reason": "理由"}, "reason_required"),
        ({"kind": "schedule", **base}, "dates_required"),
        (
            {
                "kind": "schedule",
                **base,
                "new_starts_on": today(),
                "new_ends_on": today() - datetime.timedelta(days=1),
            },
            "dates_order",
        ),
        ({"kind": "budget", **base}, "eligible_required"),
    ]:
        with pytest.raises(ValidationError) as error:
            services.change_request(application=application, data=data, by=people.representative)
        assert code in codes(error.value)
    assert not ChangeRequest.objects.exists()


def test_one_change_waits_at_a_time_and_only_the_representative_asks(programme, people, staff):
    application = adopted(programme, people, staff)
    data = {"kind": "content", "details": "会場を変える", "reason": "改修工事"}
    with pytest.raises(ValidationError) as error:
        services.change_request(application=application, data=data, by=people.member)
    assert codes(error.value) == {"not_speaker"}
    services.change_request(application=application, data=data, by=people.representative)
    with pytest.raises(ValidationError) as error:
        services.change_request(application=application, data=data, by=people.representative)
    assert codes(error.value) == {"change_pending"}


def test_a_refusal_says_why_and_a_request_is_answered_once(programme, people, staff):
    application = adopted(programme, people, staff)
    change = services.change_request(
        application=application,
        data={"kind": "content", "details": "会場を変える", "reason": "改修工事"},
        by=people.representative,
    )
    with pytest.raises(ValidationError) as error:
        services.change_decide(change=change, approve=False, answer=" ", by=staff)
    assert codes(error.value) == {"answer_required"}
    with pytest.raises(ValidationError) as error:
        services.change_decide(change=change, approve=True, by=people.representative)
    assert codes(error.value) == {"not_staff"}
    services.change_decide(change=change, approve=False, answer="補助の目的から外れます", by=staff)
    with pytest.raises(ValidationError) as error:
        services.change_decide(change=change, approve=True, by=staff)
    assert codes(error.value) == {"already_decided"}
    assert Notice.objects.filter(message__contains="補助の目的から外れます").exists()


def test_only_an_adopted_project_changes_or_writes_progress(programme, people, staff):
    application = complete(begin(people, programme), people.member)
    with pytest.raises(ValidationError) as error:
        services.change_request(
            application=application,
            data={"kind": "content", "details": "a", "reason": "b"},
            by=people.representative,
        )
    assert codes(error.value) == {"not_adopted"}
    with pytest.raises(ValidationError) as error:
        services.progress_add(application=application, text="順調", by=people.member)
    assert codes(error.value) == {"not_adopted"}


def test_members_write_progress(programme, people, staff, make_user):
    application = adopted(programme, people, staff)
    services.progress_add(application=application, text="第1回に25人が来た", by=people.member)
    assert application.progress_notes.get().text == "第1回に25人が来た"
    with pytest.raises(ValidationError) as error:
        services.progress_add(application=application, text="x", by=make_user(Role.RESIDENT))
    assert codes(error.value) == {"not_member"}


# -- the results report ------------------------------------------------------------------------


def test_a_report_is_sent_only_complete_and_by_the_representative(programme, people, staff):
    application = adopted(programme, people, staff)
    with pytest.raises(ValidationError) as error:
        services.report_submit(application=application, by=people.representative)
    assert codes(error.value) == {"report_incomplete"}
    report(application, people.member, [("消耗品費", 70_000)])
    with pytest.raises(ValidationError) as error:
        services.report_submit(application=application, by=people.member)
    assert codes(error.value) == {"not_speaker"}
    services.report_submit(application=application, by=people.representative)
    application.refresh_from_db()
    assert application.state == Application.State.REPORTED
    with pytest.raises(ValidationError) as error:  # sent: no longer changed
        services.report_save(application=application, data={"done": "x"}, by=people.member)
    assert codes(error.value) == {"not_adopted"}


@pytest.mark.parametrize(
    ("missing", "message"),
    [("text", "What was done"), ("cost", "Actual costs with receipts"), ("photo", "Photos")],
)
def test_the_report_says_what_it_lacks(programme, people, staff, missing, message):
    application = adopted(programme, people, staff)
    if missing != "text":
        services.report_save(
            application=application, data={"done": "実施した", "participants": 10}, by=people.member
        )
    if missing != "cost":
        services.cost_add(
            application=application,
            category=programme.cost_categories.get(name="消耗品費"),
            description="紙",
            amount=1_000,
            receipt=pdf("領収書.pdf"),
            by=people.member,
        )
    if missing != "photo":
        from tsunagaru.grants.tests.factories import photo

        services.photo_add(
            application=application, image=photo(), alt_text="会場", by=people.member
        )
    lacks = [str(m) for m in selectors.report_missing(selectors.report_of(application))]
    assert len(lacks) == (2 if missing == "text" else 1)
    assert gettext(message) in lacks
    with pytest.raises(ValidationError) as error:
        services.report_submit(application=application, by=people.representative)
    assert codes(error.value) == {"report_incomplete"}


def test_a_receipt_must_be_what_its_name_says_and_nothing_is_kept_otherwise(
    programme, people, staff
):
    application = adopted(programme, people, staff)
    fake = SimpleUploadedFile("領収書.pdf", b"not a pdf at all", content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.cost_add(
            application=application,
            category=programme.cost_categories.get(name="消耗品費"),
            description="紙",
            amount=1_000,
            receipt=fake,
            by=people.member,
        )
    other = CostCategory.objects.create(programme=citizen_proposal(this_year() - 1), name="他")
    with pytest.raises(ValidationError) as error:
        services.cost_add(
            application=application,
            category=other,
            description="紙",
            amount=1_000,
            receipt=pdf(),
            by=people.member,
        )
    assert codes(error.value) == {"category_elsewhere"}
    assert (
        not selectors.report_of(application) or not selectors.report_of(application).costs.exists()
    )


def test_a_photo_needs_its_description_and_a_real_picture(programme, people, staff):
    application = adopted(programme, people, staff)
    from tsunagaru.grants.tests.factories import photo

    with pytest.raises(ValidationError) as error:
        services.photo_add(application=application, image=photo(), alt_text=" ", by=people.member)
    assert codes(error.value) == {"alt_required"}
    with pytest.raises(ValidationError):
        services.photo_add(
            application=application, image=pdf("写真.jpg"), alt_text="会場", by=people.member
        )


def test_staff_return_a_report_saying_what_to_correct(programme, people, staff):
    application = report(adopted(programme, people, staff), people.member, [("消耗品費", 70_000)])
    services.report_submit(application=application, by=people.representative)
    with pytest.raises(ValidationError) as error:
        services.report_return(application=application, reason="", by=staff)
    assert codes(error.value) == {"reason_required"}
    services.report_return(
        application=application, reason="領収書の宛名を確認してください", by=staff
    )
    application.refresh_from_db()
    assert application.state == Application.State.ADOPTED
    assert application.results_report.return_reason == "領収書の宛名を確認してください"
    assert Notice.objects.filter(message__contains="領収書の宛名").exists()


@pytest.mark.parametrize(
    ("decided", "costs", "confirmed"),
    [
        (60_000, [("消耗品費", 70_000)], 60_000),  # spent more: the amount decided
        (60_000, [("消耗品費", 52_800)], 52_000),  # spent less: 10/10, rounded down
        (60_000, [("消耗品費", 40_000), ("食糧費", 30_000)], 40_000),  # food does not count
        (60_000, [("食糧費", 30_000)], 0),
    ],
)
def test_the_confirmed_amount_is_the_lower_of_decided_and_the_rules_on_what_was_spent(
    programme, people, staff, decided, costs, confirmed
):
    application = report(adopted(programme, people, staff, amount=decided), people.member, costs)
    services.report_submit(application=application, by=people.representative)
    application = services.report_confirm(application=application, by=staff)
    assert application.confirmed_amount == confirmed
    assert application.state == Application.State.CONFIRMED
    assert fresh(programme).committed == confirmed  # the rest goes back to the year's budget
    assert AuditEvent.objects.filter(
        action="grant_report.confirm", target_id=application.pk
    ).exists()


def test_the_confirmation_comes_after_the_report_and_from_staff(programme, people, staff):
    application = report(adopted(programme, people, staff), people.member, [("消耗品費", 70_000)])
    with pytest.raises(ValidationError) as error:
        services.report_confirm(application=application, by=staff)
    assert codes(error.value) == {"invalid_transition"}
    services.report_submit(application=application, by=people.representative)
    with pytest.raises(ValidationError) as error:
        services.report_confirm(application=application, by=people.representative)
    assert codes(error.value) == {"not_staff"}


# -- payments ----------------------------------------------------------------------------------


def test_after_results_the_group_claims_the_confirmed_amount_once_and_staff_pay_it(
    programme, people, staff
):
    application = adopted(programme, people, staff)
    with pytest.raises(ValidationError) as error:
        services.payment_claim(application=application, by=people.representative)
    assert codes(error.value) == {"not_claimable"}
    report(application, people.member, [("消耗品費", 52_800)])
    services.report_submit(application=application, by=people.representative)
    application = services.report_confirm(application=application, by=staff)
    with pytest.raises(ValidationError) as error:  # a member, not the group's speaker
        services.payment_claim(application=application, by=people.member)
    assert codes(error.value) == {"not_speaker"}
    with pytest.raises(ValidationError) as error:  # nothing was paid: nothing comes back
        services.refund_record(application=application, received_on=today(), by=staff)
    assert codes(error.value) == {"nothing_to_refund"}
    payment = services.payment_claim(application=application, by=people.representative)
    assert (payment.kind, payment.amount) == (Payment.Kind.FINAL, 52_000)
    with pytest.raises(ValidationError) as error:
        services.payment_claim(application=application, by=people.representative)
    assert codes(error.value) == {"claim_waiting"}
    with pytest.raises(ValidationError) as error:
        services.payment_record(payment=payment, paid_on=today(), by=people.representative)
    assert codes(error.value) == {"not_staff"}
    with pytest.raises(ValidationError) as error:
        services.payment_record(
            payment=payment, paid_on=today() + datetime.timedelta(days=1), by=staff
        )
    assert codes(error.value) == {"paid_date"}
    services.payment_record(payment=payment, paid_on=today(), by=staff)
    application.refresh_from_db()
    assert application.state == Application.State.PAID
    assert application.paid_amount == 52_000
    assert fresh(programme).paid == 52_000
    with pytest.raises(ValidationError) as error:
        services.payment_record(payment=payment, paid_on=today(), by=staff)
    assert codes(error.value) == {"already_paid"}


def test_an_advance_is_settled_by_a_repayment_when_less_is_confirmed(people, staff):
    programme = citizen_proposal(payment=Programme.Payment.ADVANCE)
    application = adopted(programme, people, staff, amount=60_000)
    advance = services.payment_claim(application=application, by=people.representative)
    assert (advance.kind, advance.amount) == (Payment.Kind.ADVANCE, 60_000)
    services.payment_record(payment=advance, paid_on=today(), by=staff)
    report(application, people.member, [("消耗品費", 41_200)])
    services.report_submit(application=application, by=people.representative)
    application = services.report_confirm(application=application, by=staff)
    assert application.confirmed_amount == 41_000
    with pytest.raises(ValidationError) as error:  # nothing more to claim
        services.payment_claim(application=application, by=people.representative)
    assert codes(error.value) == {"not_claimable"}
    refund = services.refund_record(application=application, received_on=today(), by=staff)
    assert refund.amount == 19_000
    application.refresh_from_db()
    assert application.state == Application.State.PAID
    assert application.paid_amount == 41_000
    assert fresh(programme).paid == 41_000
    with pytest.raises(ValidationError) as error:
        services.refund_record(application=application, received_on=today(), by=staff)
    assert codes(error.value) == {"nothing_to_refund"}


def test_an_advance_paid_exactly_is_settled_on_confirmation(people, staff):
    programme = citizen_proposal(payment=Programme.Payment.ADVANCE)
    application = adopted(programme, people, staff, amount=60_000)
    advance = services.payment_claim(application=application, by=people.representative)
    services.payment_record(payment=advance, paid_on=today(), by=staff)
    report(application, people.member, [("消耗品費", 90_000)])
    services.report_submit(application=application, by=people.representative)
    application = services.report_confirm(application=application, by=staff)
    assert application.state == Application.State.PAID


def last_years_grant_in_aid(people, staff, amount: int, unit: int = 1000) -> Application:
    """A 交付金 (paid in halves) adopted, then moved to last 年度 so that its April and
    October are both behind us whatever today is."""
    programme = citizen_proposal(payment=Programme.Payment.HALVES, rounding_unit=unit)
    application = adopted(programme, people, staff, amount=amount)
    Programme.objects.filter(pk=programme.pk).update(fiscal_year=this_year() - 1)
    application.refresh_from_db()
    return application


@pytest.mark.parametrize(
    ("claimed", "on", "expected"),
    [
        ([], "start", ("first_half", 30_500)),
        ([], "before", None),  # not before April of the 年度
        (["first_half"], "september", None),  # the second half from October
        (["first_half"], "october", ("second_half", 30_500)),
        (["first_half", "second_half"], "october", None),
    ],
)
def test_the_grant_in_aid_is_claimed_in_two_halves(people, staff, claimed, on, expected):
    application = last_years_grant_in_aid(people, staff, 61_000, unit=1)
    year = application.programme.fiscal_year
    amounts = {"first_half": 30_500, "second_half": 30_500}
    for kind in claimed:
        Payment.objects.create(application=application, kind=kind, amount=amounts[kind])
    dates = {
        "start": fiscal_year_start(year),
        "before": fiscal_year_start(year) - datetime.timedelta(days=1),
        "september": datetime.date(year, 9, 30),
        "october": datetime.date(year, 10, 1),
    }
    assert claimable(application, on=dates[on]) == expected


def test_a_past_years_grant_in_aid_is_claimed_in_halves_then_settled(people, staff):
    application = last_years_grant_in_aid(people, staff, 60_000)
    programme = application.programme
    first = services.payment_claim(application=application, by=people.representative)
    services.payment_record(payment=first, paid_on=today(), by=staff)
    second = services.payment_claim(application=application, by=people.representative)
    assert (first.amount, second.kind, second.amount) == (30_000, "second_half", 30_000)
    services.payment_record(payment=second, paid_on=today(), by=staff)
    report(application, people.member, [("消耗品費", 70_000)])
    services.report_submit(application=application, by=people.representative)
    application = services.report_confirm(application=application, by=staff)
    assert application.state == Application.State.PAID
    assert fresh(programme).paid == 60_000


def test_overdue_reports_are_listed_for_staff(programme, people, staff):
    start = today() - datetime.timedelta(days=90)
    late = adopted(
        programme, people, staff, starts_on=start, ends_on=start + datetime.timedelta(days=30)
    )
    other = group()
    on_time = adopted(programme, other, staff)  # no end given: due after the 年度 ends
    assert on_time.report_due == fiscal_year_end(programme.fiscal_year) + datetime.timedelta(
        days=30
    )
    assert list(selectors.overdue_reports()) == [late]
    report(late, people.member, [("消耗品費", 70_000)])
    services.report_submit(application=late, by=people.representative)
    assert list(selectors.overdue_reports()) == []


def test_a_reported_confirmed_or_paid_grant_stays_adopted_in_the_results_and_the_year(
    programme, people, staff
):
    from tsunagaru.grants import results

    application = report(
        adopted(programme, people, staff, amount=60_000), people.member, [("消耗品費", 70_000)]
    )
    services.report_submit(application=application, by=people.representative)
    services.report_confirm(application=application, by=staff)
    claim = services.payment_claim(application=application, by=people.representative)
    services.payment_record(payment=claim, paid_on=today(), by=staff)
    application.refresh_from_db()
    assert application.state == Application.State.PAID

    (result,) = [r for r in results.year_results(this_year()) if r.programme == programme]
    assert (result.adopted, result.total) == (1, 60_000)
    assert [line["title"] for line in results.adopted_lines(programme)] == [application.title]
    assert application.title in {row[5] for row in results.csv_rows(this_year())}
    with pytest.raises(ValidationError) as error:  # still the group's application of the year
        begin(people, programme)
    assert codes(error.value) == {"second_this_year"}
