"""Writes of a 地区振興会's own income (自主財源): only its members record it. Audited.

Errors: "not_member", "not_district_association", "year_out_of_range", "year_not_started" and
field errors (a negative or missing amount, an unknown source)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record, snapshot
from tsunagaru.community.income_models import IncomeRecord
from tsunagaru.community.inventory_selectors import this_year
from tsunagaru.community.plan_models import FIRST_YEAR
from tsunagaru.community.plan_selectors import is_district_association
from tsunagaru.community.plan_services import require_member
from tsunagaru.partners.models import Organisation

FIELDS = ("year", "source", "description", "amount")


def income_add(*, organisation: Organisation, data: Mapping[str, Any], by: User) -> IncomeRecord:
    """Record one source of own income for a 年度 that has begun. The caller must be a member."""
    require_member(organisation, by)
    if not is_district_association(organisation):
        raise ValidationError(
            _("Own income is recorded by district associations (地区振興会)."),
            code="not_district_association",
        )
    record = IncomeRecord(organisation=organisation, recorded_by=by)
    for name in FIELDS:
        value = data.get(name)
        setattr(record, name, value.strip() if isinstance(value, str) else value)
    record.description = record.description or ""
    record.full_clean()
    if record.year < FIRST_YEAR:
        raise ValidationError(
            {"year": ValidationError(_("Choose a year (年度)."), code="year_out_of_range")}
        )
    if record.year > this_year():
        raise ValidationError(
            {"year": ValidationError(_("This year has not begun yet."), code="year_not_started")}
        )
    with transaction.atomic():
        record.save()
        audit_record(actor=by, action="income.add", target=record, after=snapshot(record, FIELDS))
    return record


def income_remove(*, record: IncomeRecord, by: User) -> None:
    """Remove a line typed in error. The caller must be a member."""
    require_member(record.organisation, by)
    with transaction.atomic():
        audit_record(
            actor=by, action="income.remove", target=record, before=snapshot(record, FIELDS)
        )
        record.delete()
