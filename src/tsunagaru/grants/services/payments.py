"""Paying a grant, as the programme says (Programme.payment), in whole yen worked out here —
never typed by anyone:

- **after the results** (精算払): once the amount is confirmed, the group claims it and the
  city pays it;
- **in advance** (概算払): once adopted, the group claims the amount decided; after the
  confirmation, the rest if the confirmed amount is more than was paid (it never is more than
  decided), or the city records the difference paid back (返還);
- **in two halves** (the 地域運営交付金): the first half claimed from April, the second from
  October of the 年度, then settled against the confirmed amount like an advance.

The group's representative or contact person claims; one claim waits at a time. Staff record a
claim as paid (and a repayment as received); the programme's paid amount moves in the same
transaction under its row lock, and an application paid exactly its confirmed amount is
settled (state PAID).

Errors are ValidationErrors with stable codes: "not_speaker", "not_staff", "not_claimable",
"claim_waiting", "already_claimed", "too_early", "already_paid", "nothing_to_refund",
"paid_date"."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record
from tsunagaru.core.dates import fiscal_year_start, format_wareki
from tsunagaru.grants import selectors
from tsunagaru.grants.models import Application, Payment, Programme
from tsunagaru.grants.services.common import (
    locked,
    locked_programme,
    move,
    require_speaker,
    require_staff,
)

BEFORE_CONFIRMATION = (Application.State.ADOPTED, Application.State.REPORTED)


def claimable(application: Application, on: datetime.date | None = None) -> tuple[str, int] | None:
    """What the group may claim now, as (kind, amount), or None. Pure reading: the services
    below call it again under the lock."""
    on = on or selectors.today()
    way = application.programme.payment
    decided = application.decided_amount or 0
    payments = list(application.payments.all())
    claimed = {p.kind for p in payments}
    net = _net(payments)
    if application.state == Application.State.CONFIRMED:
        rest = (application.confirmed_amount or 0) - net
        if rest > 0 and Payment.Kind.FINAL not in claimed:
            return Payment.Kind.FINAL, rest
        return None
    if application.state not in BEFORE_CONFIRMATION:
        return None
    if way == Programme.Payment.ADVANCE and Payment.Kind.ADVANCE not in claimed:
        return Payment.Kind.ADVANCE, decided
    if way == Programme.Payment.HALVES:
        year = application.programme.fiscal_year
        if Payment.Kind.FIRST_HALF not in claimed and on >= fiscal_year_start(year):
            return Payment.Kind.FIRST_HALF, decided // 2
        if (
            Payment.Kind.FIRST_HALF in claimed
            and Payment.Kind.SECOND_HALF not in claimed
            and on >= second_half_from(year)
            and decided - net > 0
        ):
            return Payment.Kind.SECOND_HALF, decided - net
    return None


def second_half_from(year: int) -> datetime.date:
    """The second half of a 交付金 is claimed from October of the 年度."""
    return datetime.date(year, 10, 1)


def _net(payments: list[Payment]) -> int:
    """What has been claimed (paid or not) less what was paid back."""
    return sum(-p.amount if p.kind == Payment.Kind.REFUND else p.amount for p in payments)


def payment_claim(*, application: Application, by: User) -> Payment:
    """The group claims what it may claim now (交付請求)."""
    require_speaker(application, by)
    with transaction.atomic():
        application = locked(application)
        if selectors.unpaid_claim(application) is not None:
            raise ValidationError(
                _("A claim is already waiting for the city to pay it."), code="claim_waiting"
            )
        due = claimable(application)
        if due is None:
            raise ValidationError(_nothing_to_claim(application), code="not_claimable")
        kind, amount = due
        try:
            with transaction.atomic():
                payment = Payment.objects.create(
                    application=application, kind=kind, amount=amount, claimed_by=by
                )
        except IntegrityError:
            raise ValidationError(
                _("This has already been claimed."), code="already_claimed"
            ) from None
        audit_record(
            actor=by,
            action="grant_payment.claim",
            target=application,
            after={"kind": kind, "amount": amount},
        )
    return payment


def _nothing_to_claim(application: Application) -> str:
    if (
        application.programme.payment == Programme.Payment.HALVES
        and application.state in BEFORE_CONFIRMATION
        and application.payments.filter(kind=Payment.Kind.FIRST_HALF).exists()
        and not application.payments.filter(kind=Payment.Kind.SECOND_HALF).exists()
    ):
        return _("The second half can be claimed from %(date)s.") % {
            "date": format_wareki(second_half_from(application.programme.fiscal_year))
        }
    if application.programme.payment == Programme.Payment.AFTER_RESULTS:
        return _(
            "This grant is paid once the city has confirmed the amount from your results report."
        )
    return _("There is nothing to claim now.")


def payment_record(*, payment: Payment, paid_on: datetime.date, by: User) -> Payment:
    """Staff record a claim as paid on `paid_on`; the year's paid amount moves with it."""
    require_staff(by)
    with transaction.atomic():
        application = locked(payment.application)
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.paid_on is not None:
            raise ValidationError(_("This payment has already been recorded."), code="already_paid")
        _check_date(paid_on, application)
        payment.paid_on = paid_on
        payment.recorded_by = by
        payment.save(update_fields=["paid_on", "recorded_by", "updated_at"])
        _settle(application, payment.amount)
        audit_record(
            actor=by,
            action="grant_payment.record",
            target=application,
            after={"kind": payment.kind, "amount": payment.amount, "paid_on": paid_on},
        )
    return payment


def refund_record(*, application: Application, received_on: datetime.date, by: User) -> Payment:
    """Staff record what the group paid back because more was paid than the confirmed amount."""
    require_staff(by)
    with transaction.atomic():
        application = locked(application)
        excess = application.paid_amount - (application.confirmed_amount or 0)
        if application.state != Application.State.CONFIRMED or excess <= 0:
            raise ValidationError(_("Nothing is to be paid back."), code="nothing_to_refund")
        _check_date(received_on, application)
        payment = Payment.objects.create(
            application=application,
            kind=Payment.Kind.REFUND,
            amount=excess,
            paid_on=received_on,
            recorded_by=by,
        )
        _settle(application, -excess)
        audit_record(
            actor=by,
            action="grant_payment.refund",
            target=application,
            after={"amount": excess, "received_on": received_on},
        )
    return payment


def _check_date(paid_on: datetime.date, application: Application) -> None:
    if paid_on > selectors.today() or (
        application.decided_at is not None and paid_on < application.decided_at.date()
    ):
        raise ValidationError(
            {
                "paid_on": ValidationError(
                    _("Give a date between the decision and today."), code="paid_date"
                )
            }
        )


def _settle(application: Application, amount: int) -> None:
    """Move the application's and the programme's paid amounts by `amount` (negative: paid
    back); settled when the confirmed amount is exactly what has been paid."""
    programme = locked_programme(application.programme_id)
    programme.paid += amount
    programme.save(update_fields=["paid", "updated_at"])
    application.paid_amount += amount
    if (
        application.state == Application.State.CONFIRMED
        and application.paid_amount == application.confirmed_amount
    ):
        move(application, Application.State.PAID)
    application.save(update_fields=["paid_amount", "state", "updated_at"])
