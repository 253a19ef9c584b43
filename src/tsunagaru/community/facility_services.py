"""Writes of district facilities (施策 カ・キ): the 地区センター's rooms (city staff), its
designated manager's yearly reports (the manager's members), and meeting halls (自治集会施設)
with their repairs (the owner group's members, or city staff). Each write is audited.

Errors are ValidationErrors with stable codes: "not_manager", "not_owner", "owner_elsewhere",
"year_out_of_range", "year_not_started", "invalid_status", and core.uploads' codes for a
report's file."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import User
from tsunagaru.accounts.permissions import STAFF_ROLES, has_role
from tsunagaru.audit.services import audit_record, snapshot
from tsunagaru.community.facility_models import CentreReport, CentreRoom, HallRepair, MeetingHall
from tsunagaru.community.inventory_selectors import this_year
from tsunagaru.community.models import DistrictCentre
from tsunagaru.community.plan_models import FIRST_YEAR
from tsunagaru.core.models import District
from tsunagaru.core.uploads import validate_document
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.permissions import role_in

HALL_FIELDS = ("name", "address", "built_year", "condition", "notes")
REPAIR_FIELDS = ("work", "planned_year", "estimated_cost", "funding")
REPAIR_YEARS_AHEAD = 10


def room_add(*, centre: DistrictCentre, data: Mapping[str, Any], by: User) -> CentreRoom:
    """Add a room to the 地区センター (the caller is city staff: views check)."""
    room = CentreRoom(
        centre=centre,
        name=(data.get("name") or "").strip(),
        capacity=data.get("capacity"),
        notes=(data.get("notes") or "").strip(),
    )
    room.full_clean()
    with transaction.atomic():
        room.save()
        audit_record(actor=by, action="centre.room_add", target=centre, after={"name": room.name})
    return room


def room_remove(*, room: CentreRoom, by: User) -> None:
    with transaction.atomic():
        audit_record(
            actor=by, action="centre.room_remove", target=room.centre, before={"name": room.name}
        )
        room.delete()


def is_manager_member(user: Any, centre: DistrictCentre) -> bool:
    return centre.manager is not None and role_in(user, centre.manager) is not None


def report_save(
    *,
    centre: DistrictCentre,
    year: int,
    data: Mapping[str, Any],
    file: UploadedFile | None = None,
    by: User,
) -> CentreReport:
    """The designated manager reports on a 年度 of running the centre (a second report for the
    year replaces the first; its file too, if one is given). The caller must be a member of
    the manager.

    Raises ValidationError: "not_manager", "year_out_of_range", "year_not_started", field
    errors, and core.uploads' codes for the file (nothing is saved then).
    """
    if not is_manager_member(by, centre):
        raise ValidationError(
            _("Only the designated manager's members report on the centre."), code="not_manager"
        )
    _check_year(year, latest=this_year())
    if file is not None:
        validate_document(file)
    with transaction.atomic():
        report = CentreReport.objects.select_for_update().filter(
            centre=centre, year=year
        ).first() or CentreReport(centre=centre, year=year, submitted_by=by)
        report.summary = (data.get("summary") or "").strip()
        report.users = data.get("users")
        report.submitted_by = by
        if file is not None:
            report.file = file
            report.original_name = (file.name or "")[:200]
        report.full_clean(validate_constraints=False)
        report.save()
        audit_record(
            actor=by,
            action="centre.report",
            target=report,
            after={"year": year, "users": report.users, "file": report.original_name},
        )
    return report


def _check_year(year: Any, *, latest: int) -> None:
    if not isinstance(year, int) or year < FIRST_YEAR:
        raise ValidationError(
            {"year": ValidationError(_("Choose a year (年度)."), code="year_out_of_range")}
        )
    if year > latest:
        raise ValidationError(
            {"year": ValidationError(_("This year has not begun yet."), code="year_not_started")}
        )


def can_keep_hall(user: Any, owner: Organisation) -> bool:
    """The owner group's members keep its hall; city staff keep every hall's record."""
    return role_in(user, owner) is not None or has_role(user, *STAFF_ROLES)


def _require_keeper(user: User, owner: Organisation) -> None:
    if not can_keep_hall(user, owner):
        raise ValidationError(
            _("Only the owner group's members and city staff keep a hall's record."),
            code="not_owner",
        )


def hall_save(
    *,
    district: District,
    owner: Organisation,
    data: Mapping[str, Any],
    hall: MeetingHall | None = None,
    by: User,
) -> MeetingHall:
    """Record a meeting hall (自治集会施設) of the district, or change it.

    Raises ValidationError: "not_owner", "owner_elsewhere" (the owner group is of another
    district) and field errors.
    """
    _require_keeper(by, owner)
    if hall is not None:
        _require_keeper(by, hall.owner)
    if owner.district_id not in (None, district.pk):
        raise ValidationError(
            {
                "owner": ValidationError(
                    _("Choose a group of this district."), code="owner_elsewhere"
                )
            }
        )
    with transaction.atomic():
        if hall is None:
            hall, before = MeetingHall(district=district, owner=owner), None
        else:
            hall = MeetingHall.objects.select_for_update().get(pk=hall.pk)
            before = snapshot(hall, (*HALL_FIELDS, "owner"))
            hall.owner = owner
        for name in HALL_FIELDS:
            value = data.get(name)
            setattr(hall, name, value.strip() if isinstance(value, str) else value)
        hall.address, hall.notes = hall.address or "", hall.notes or ""
        hall.full_clean()
        hall.save()
        audit_record(
            actor=by,
            action="hall.save",
            target=hall,
            before=before,
            after=snapshot(hall, (*HALL_FIELDS, "owner")),
        )
    return hall


def repair_add(*, hall: MeetingHall, data: Mapping[str, Any], by: User) -> HallRepair:
    """Plan a repair of the hall and say how it is to be paid.

    Raises ValidationError: "not_owner", "year_out_of_range" (before 2000 or more than ten
    years ahead) and field errors.
    """
    _require_keeper(by, hall.owner)
    repair = HallRepair(hall=hall)
    for name in REPAIR_FIELDS:
        value = data.get(name)
        setattr(repair, name, value.strip() if isinstance(value, str) else value)
    repair.full_clean()
    if not FIRST_YEAR <= repair.planned_year <= this_year() + REPAIR_YEARS_AHEAD:
        raise ValidationError(
            {"planned_year": ValidationError(_("Choose a year (年度)."), code="year_out_of_range")}
        )
    with transaction.atomic():
        repair.save()
        audit_record(
            actor=by, action="hall.repair_add", target=repair, after=snapshot(repair, REPAIR_FIELDS)
        )
    return repair


def repair_set_status(*, repair: HallRepair, status: str, by: User) -> HallRepair:
    """Mark a repair as applied for or done. Raises "not_owner", "invalid_status"."""
    _require_keeper(by, repair.hall.owner)
    if status not in HallRepair.Status.values:
        raise ValidationError(_("Choose a status."), code="invalid_status")
    with transaction.atomic():
        before = repair.status
        repair.status = status
        repair.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=by,
            action=f"hallrepair.{status}",
            target=repair,
            before={"status": before},
            after={"status": status},
        )
    return repair
