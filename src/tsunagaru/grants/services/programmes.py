"""Staff keep the programmes: next year's is copied from this year's and edited in the site.
A year's rules do not change under the applications made under them: once a programme has an
application, its rules (who may apply, rate, caps, rounding, categories, courses, rubric) are
fixed; its name, description, contact and budget may still change, and a round's deadline may
be extended but not brought forward.

Errors are ValidationErrors with stable codes: "programme_in_use", "programme_exists",
"budget_below_committed", "round_in_use", "round_outside_year"."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record, snapshot
from tsunagaru.core.dates import fiscal_year_end, fiscal_year_label, fiscal_year_start
from tsunagaru.grants.models import CostCategory, Course, Criterion, Programme, Round

RULE_FIELDS = (
    "requirements",
    "rate_numerator",
    "rate_denominator",
    "cap",
    "rounding_unit",
    "combinable",
    "needs_plan_action",
    "payment",
    "report_days",
    "required_attachments",
    "kind",
)
FREE_FIELDS = ("name", "summary", "legal_basis", "contact", "budget")


def _in_use(programme: Programme) -> bool:
    return programme.applications.exists()


def programme_update(*, programme: Programme, data: Mapping[str, Any], by: User) -> Programme:
    """Change a programme. Staff only (the caller checks).

    Raises ValidationError: "programme_in_use" (a rule changed under applications),
    "budget_below_committed" and field errors.
    """
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=programme.pk)
        before = snapshot(programme, (*FREE_FIELDS, *RULE_FIELDS))
        changed_rules = [n for n in RULE_FIELDS if n in data and data[n] != before[n]]
        if changed_rules and _in_use(programme):
            raise ValidationError(
                _("Applications have been made under these rules: they cannot change this year."),
                code="programme_in_use",
            )
        for name in (*FREE_FIELDS, *RULE_FIELDS):
            if name in data:
                setattr(programme, name, data[name])
        if programme.budget < programme.committed:
            raise ValidationError(
                {
                    "budget": ValidationError(
                        _("The budget cannot be less than what is already committed (¥%(amount)s).")
                        % {"amount": f"{programme.committed:,}"},
                        code="budget_below_committed",
                    )
                }
            )
        programme.full_clean()
        programme.save()
        after = snapshot(programme, (*FREE_FIELDS, *RULE_FIELDS))
        audit_record(
            actor=by,
            action="grant_programme.update",
            target=programme,
            before={k: v for k, v in before.items() if after[k] != v},
            after={k: v for k, v in after.items() if before[k] != v},
        )
    return programme


def round_save(
    *, programme: Programme, data: Mapping[str, Any], by: User, round: Round | None = None
) -> Round:
    """Add a screening round, or change one. A round with applications keeps its opening day
    and may only have its deadline extended.

    Raises ValidationError: "round_in_use", "round_outside_year" and field errors.
    """
    with transaction.atomic():
        Programme.objects.select_for_update().filter(pk=programme.pk).first()
        target = round or Round(programme=programme, number=programme.rounds.count() + 1)
        before = snapshot(target, ("opens_on", "deadline", "review_on"))
        if (
            round is not None
            and round.applications.exists()
            and (data.get("opens_on") != round.opens_on or data["deadline"] < round.deadline)
        ):
            raise ValidationError(
                _("Applications were made in this round: only its deadline may be extended."),
                code="round_in_use",
            )
        for name in ("opens_on", "deadline", "review_on"):
            if name in data:
                setattr(target, name, data[name])
        year_start, year_end = (
            fiscal_year_start(programme.fiscal_year),
            fiscal_year_end(programme.fiscal_year),
        )
        if not (year_start <= target.deadline <= year_end):
            raise ValidationError(
                {
                    "deadline": ValidationError(
                        _("The deadline must fall within %(year)s.")
                        % {"year": fiscal_year_label(programme.fiscal_year)},
                        code="round_outside_year",
                    )
                }
            )
        target.full_clean()
        target.save()
        audit_record(
            actor=by,
            action="grant_programme.round_save",
            target=programme,
            before=before if round else None,
            after={
                "round": target.number,
                **snapshot(target, ("opens_on", "deadline", "review_on")),
            },
        )
    return target


def _shifted(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def programme_copy(*, programme: Programme, fiscal_year: int, by: User) -> Programme:
    """Next year's programme as a copy of this one (rules, courses, categories, rubric, rounds
    on the same days of the later year, the budget), for staff to edit before it opens.

    Raises ValidationError: "programme_exists".
    """
    years = fiscal_year - programme.fiscal_year
    with transaction.atomic():
        if Programme.objects.filter(code=programme.code, fiscal_year=fiscal_year).exists():
            raise ValidationError(
                _("This programme already exists for %(year)s.")
                % {"year": fiscal_year_label(fiscal_year)},
                code="programme_exists",
            )
        source_pk = programme.pk
        copy = Programme.objects.get(pk=source_pk)
        copy.pk = None
        copy.fiscal_year = fiscal_year
        copy.committed = copy.paid = 0
        copy.save()
        for course in Course.objects.filter(programme_id=source_pk):
            course.pk, course.programme = None, copy
            course.save()
        for category in CostCategory.objects.filter(programme_id=source_pk):
            category.pk, category.programme = None, copy
            category.save()
        for criterion in Criterion.objects.filter(programme_id=source_pk):
            criterion.pk, criterion.programme = None, copy
            criterion.save()
        for old in Round.objects.filter(programme_id=source_pk):
            Round.objects.create(
                programme=copy,
                number=old.number,
                opens_on=_shifted(old.opens_on, years),
                deadline=_shifted(old.deadline, years),
                review_on=_shifted(old.review_on, years) if old.review_on else None,
            )
        audit_record(
            actor=by,
            action="grant_programme.copy",
            target=copy,
            after={"from": source_pk, "fiscal_year": fiscal_year},
        )
    return copy
