"""Every write of the inventory of recurring work (事業の棚卸し). It belongs to its 地区振興会:
only its members record activities and decisions. Audited with the activity as the target.

Errors are ValidationErrors with stable codes: "not_member", "not_district_association",
"year_out_of_range", "year_not_started", "activity_ended", "reason_required",
"nothing_to_hand_over"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record, snapshot
from tsunagaru.community import inventory_selectors as selectors
from tsunagaru.community.inventory_models import Activity, ActivityYear
from tsunagaru.community.plan_models import FIRST_YEAR
from tsunagaru.community.plan_selectors import is_district_association
from tsunagaru.community.plan_services import require_member
from tsunagaru.partners import services as partners
from tsunagaru.partners.models import Need, Organisation

ACTIVITY_FIELDS = ("name", "purpose", "beneficiaries", "goods")
YEAR_FIELDS = ("hours", "volunteers", "cost", "income", "participants", "decision", "reason")


def activity_save(
    *,
    organisation: Organisation,
    data: Mapping[str, Any],
    activity: Activity | None = None,
    by: User,
) -> Activity:
    """Add a recurring activity to the association's inventory, or change one. The caller must
    be a member. Raises "not_member", "not_district_association" and field errors."""
    require_member(organisation, by)
    if not is_district_association(organisation):
        raise ValidationError(
            _("The inventory of recurring work is kept by district associations (地区振興会)."),
            code="not_district_association",
        )
    with transaction.atomic():
        if activity is None:
            activity, before = Activity(organisation=organisation, created_by=by), None
        else:
            activity = Activity.objects.select_for_update().get(
                pk=activity.pk, organisation=organisation
            )
            before = snapshot(activity, ACTIVITY_FIELDS)
        for name in ACTIVITY_FIELDS:
            setattr(activity, name, (data.get(name) or "").strip())
        activity.full_clean()
        activity.save()
        audit_record(
            actor=by,
            action="inventory.activity_save",
            target=activity,
            before=before,
            after=snapshot(activity, ACTIVITY_FIELDS),
        )
    return activity


def activity_review(
    *, activity: Activity, year: int, data: Mapping[str, Any], by: User
) -> ActivityYear:
    """Record what the activity took in a 年度 and the association's decision on it (a second
    record for the year replaces the first). The caller must be a member.

    Raises ValidationError: "not_member", "year_out_of_range", "year_not_started",
    "activity_ended" (an earlier year stopped, handed over or merged it), "reason_required"
    (every decision but 継続 says why) and field errors (negative numbers, blanks).
    """
    require_member(activity.organisation, by)
    if not year >= FIRST_YEAR:
        raise ValidationError(_("Choose a year (年度)."), code="year_out_of_range")
    if year > selectors.this_year():
        raise ValidationError(_("This year has not begun yet."), code="year_not_started")
    with transaction.atomic():
        records = ActivityYear.objects.select_for_update().filter(activity=activity)
        if records.filter(year__lt=year, decision__in=ActivityYear.ENDING).exists():
            raise ValidationError(
                _("An earlier year's decision ended this activity."), code="activity_ended"
            )
        record = records.filter(year=year).first() or ActivityYear(
            activity=activity, year=year, recorded_by=by
        )
        before = None if record.pk is None else snapshot(record, YEAR_FIELDS)
        for name in YEAR_FIELDS:
            value = data.get(name)
            setattr(record, name, value.strip() if isinstance(value, str) else value)
        record.income = record.income or 0
        record.reason = record.reason or ""
        record.recorded_by = by
        record.full_clean(validate_constraints=False)
        if record.decision != ActivityYear.Decision.CONTINUE and not record.reason:
            raise ValidationError(
                {"reason": ValidationError(_("Say why."), code="reason_required")}
            )
        record.save()
        audit_record(
            actor=by,
            action="inventory.review",
            target=record,
            before=before,
            after={"year": year, **snapshot(record, YEAR_FIELDS)},
        )
    return record


def activity_seek_partner(*, record: ActivityYear, by: User) -> Need:
    """Publish the association's wish to hand the activity over, or to find help with it, as
    one of its needs — so matching suggests groups for it and an introduction can name it. A
    second call returns the need already open. The caller must be a member.

    Raises ValidationError: "not_member", "nothing_to_hand_over" (the decision is 継続).
    """
    activity = record.activity
    organisation = activity.organisation
    require_member(organisation, by)
    if record.decision == ActivityYear.Decision.CONTINUE:
        raise ValidationError(
            _("The activity continues as it is: there is nothing to hand over."),
            code="nothing_to_hand_over",
        )
    if record.need is not None and record.need.status == Need.Status.OPEN:
        return record.need
    # The need is the association's public text: in the site's language (Japanese).
    with translation.override(settings.LANGUAGE_CODE):
        if record.decision == ActivityYear.Decision.HAND_OVER:
            title = _("We are looking for a group to take over 「%(name)s」")
        else:
            title = _("We are looking for help with 「%(name)s」")
        data = {
            "category": Need.Category.TROUBLE,
            "title": title % {"name": activity.name},
            "description": "\n".join(
                p for p in (activity.purpose, activity.beneficiaries, record.reason) if p
            ),
        }
    with transaction.atomic():
        need = partners.need_save(need=Need(organisation=organisation), data=data, by=by)
        record.need = need
        record.save(update_fields=["need", "updated_at"])
        audit_record(
            actor=by,
            action="inventory.seek_partner",
            target=record,
            after={"need": need.pk},
        )
    return need
