"""Every write of the community app: population figures (one, or a file of them), the 地区センター
and the 地区担当職員. Whether the caller may is the caller's question (permissions)."""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record, snapshot
from tsunagaru.community.models import DistrictCentre, DistrictContact, PopulationFigure
from tsunagaru.core.dates import parse_wareki
from tsunagaru.core.models import District
from tsunagaru.core.tabular import Row

FIGURE_FIELDS = ("as_of", "total", "households", "aged_65_over", "under_15", "source")
# A total more than this share above or below the district's previous figure is asked again
# (a digit typed twice, another district's line): the person confirms it is right.
LARGE_CHANGE = 0.2
FIRST_DAY = datetime.date(1989, 1, 8)  # 平成元年: older figures are not this site's business

# The file's columns, in Japanese as the city's own tables name them, or in English.
FIGURE_HEADERS = {
    "地区": "district",
    "district": "district",
    "基準日": "as_of",
    "as_of": "as_of",
    "総人口": "total",
    "population": "total",
    "世帯数": "households",
    "households": "households",
    "65歳以上": "aged_65_over",
    "aged_65_over": "aged_65_over",
    "15歳未満": "under_15",
    "under_15": "under_15",
    "出典": "source",
    "source": "source",
}


def figure_save(
    *, district: District, data: Mapping[str, Any], confirmed: bool = False, by: User
) -> PopulationFigure:
    """Record the district's figures on `data["as_of"]` (a second entry for the same day
    replaces the first). Audited.

    Raises ValidationError: "future" or "too_old" (as_of), "parts_over_total",
    "households_over_total", "large_change" (the total moved more than LARGE_CHANGE from the
    previous figure and `confirmed` is False) and field errors (negative numbers, blanks).
    """
    with transaction.atomic():
        as_of = data.get("as_of")
        same_day = PopulationFigure.objects.select_for_update().filter(district=district)
        figure = (same_day.filter(as_of=as_of).first() if as_of else None) or PopulationFigure(
            district=district, entered_by=by
        )
        before = None if figure.pk is None else snapshot(figure, FIGURE_FIELDS)
        for name in FIGURE_FIELDS:
            setattr(figure, name, data.get(name))
        figure.source = (figure.source or "").strip()
        figure.entered_by = by
        figure.full_clean(validate_constraints=False)
        _check(figure, confirmed)
        figure.save()
        audit_record(
            actor=by,
            action="population.save",
            target=figure,
            before=before,
            after=snapshot(figure, FIGURE_FIELDS),
        )
    return figure


def _check(figure: PopulationFigure, confirmed: bool) -> None:
    errors: dict[str, ValidationError] = {}
    if figure.as_of > timezone.localdate():
        errors["as_of"] = ValidationError(_("This day has not come yet."), code="future")
    elif figure.as_of < FIRST_DAY:
        errors["as_of"] = ValidationError(_("Enter a day from 1989 on."), code="too_old")
    if figure.aged_65_over + figure.under_15 > figure.total:
        errors["total"] = ValidationError(
            _("The people aged 65 and over and under 15 are more than the population."),
            code="parts_over_total",
        )
    if figure.households > figure.total:
        errors["households"] = ValidationError(
            _("There are more households than people."), code="households_over_total"
        )
    if errors:
        raise ValidationError(errors)
    previous = (
        PopulationFigure.objects.filter(district=figure.district, as_of__lt=figure.as_of)
        .order_by("-as_of")
        .first()
    )
    if previous and previous.total and not confirmed:
        change = abs(figure.total - previous.total) / previous.total
        if change > LARGE_CHANGE:
            raise ValidationError(
                _(
                    "The population is %(new)s against %(old)s on the previous figure: a change "
                    "of more than a fifth. Check it, and confirm if it is right."
                )
                % {"new": f"{figure.total:,}", "old": f"{previous.total:,}"},
                code="large_change",
            )


@dataclass(frozen=True)
class ImportProblem:
    row: int
    message: str


def figures_import(
    *, rows: list[Row], confirmed: bool = False, by: User
) -> tuple[int, list[ImportProblem]]:
    """Record the figures of a file (core.tabular rows keyed by FIGURE_HEADERS' keys): all
    of them or, if any row is wrong, none (each problem with its row number). Returns how
    many were recorded and the problems."""
    districts = {d.name: d for d in District.objects.filter(is_active=True)}
    districts |= {d.slug: d for d in districts.values()}
    problems: list[ImportProblem] = []
    with transaction.atomic():
        saved = 0
        for row in rows:
            try:
                district, data = _row_data(row, districts)
                figure_save(district=district, data=data, confirmed=confirmed, by=by)
                saved += 1
            except ValidationError as error:
                problems += [ImportProblem(row.number, m) for m in error.messages]
        if problems:
            transaction.set_rollback(True)
            return 0, problems
    return saved, []


def _row_data(row: Row, districts: dict[str, District]) -> tuple[District, dict[str, Any]]:
    values = row.values
    district = districts.get(values.get("district", ""))
    if district is None:
        raise ValidationError(
            _("Unknown district: 「%(name)s」.") % {"name": values.get("district", "")},
            code="unknown_district",
        )
    data: dict[str, Any] = {"source": values.get("source", "")}
    try:
        data["as_of"] = _day(values.get("as_of", ""))
    except ValueError:
        raise ValidationError(
            _("The day 「%(value)s」 is not a date: write it as 令和7年3月31日 or 2025/03/31.")
            % {"value": values.get("as_of", "")},
            code="bad_date",
        ) from None
    for key in ("total", "households", "aged_65_over", "under_15"):
        text = unicodedata.normalize("NFKC", values.get(key, "")).replace(",", "").strip()
        if not text.isdigit():
            raise ValidationError(
                _("「%(value)s」 is not a whole number of 0 or more.") % {"value": text},
                code="bad_number",
            )
        data[key] = int(text)
    return district, data


def _day(text: str) -> datetime.date:
    text = unicodedata.normalize("NFKC", text).strip().replace("/", "-")
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return parse_wareki(text)


def centre_save(*, district: District, data: Mapping[str, Any], by: User) -> DistrictCentre:
    """Create or change the district's 地区センター, with its designated manager (指定管理者)
    and the management period. Audited.

    Raises ValidationError: "period_order" (the period ends before it begins) and field errors.
    """
    texts = ("name", "address", "phone", "hours")
    others = ("manager", "managed_from", "managed_until")
    with transaction.atomic():
        centre = DistrictCentre.objects.filter(district=district).first() or DistrictCentre(
            district=district
        )
        before = None if centre.pk is None else snapshot(centre, texts + others)
        for name in texts:
            setattr(centre, name, (data.get(name) or "").strip())
        for name in others:
            setattr(centre, name, data.get(name))
        centre.full_clean()
        if (
            centre.managed_from
            and centre.managed_until
            and (centre.managed_until < centre.managed_from)
        ):
            raise ValidationError(
                {
                    "managed_until": ValidationError(
                        _("The period ends before it begins."), code="period_order"
                    )
                }
            )
        centre.save()
        audit_record(
            actor=by,
            action="centre.save",
            target=centre,
            before=before,
            after=snapshot(centre, texts + others),
        )
    return centre


def contact_add(*, district: District, name: str, department: str, by: User) -> DistrictContact:
    """Name a member of staff for the district (地区担当職員). Audited."""
    contact = DistrictContact(
        district=district,
        name=name.strip(),
        department=department.strip(),
        order=DistrictContact.objects.filter(district=district).count(),
    )
    contact.full_clean()
    with transaction.atomic():
        contact.save()
        audit_record(
            actor=by,
            action="district_contact.add",
            target=district,
            after={"name": contact.name, "department": contact.department},
        )
    return contact


def contact_remove(*, contact: DistrictContact, by: User) -> None:
    """The member of staff no longer looks after the district. Audited."""
    with transaction.atomic():
        audit_record(
            actor=by,
            action="district_contact.remove",
            target=contact.district,
            before={"name": contact.name, "department": contact.department},
        )
        contact.delete()
