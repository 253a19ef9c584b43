"""Check rows of an import file against the registry's rules and data, row by row.

Nothing is saved here: partners.services.organisation_import saves only a file with no error.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _
from stdnum.jp import cn

from tsunagaru.accounts.kana import is_kana, kana_tidy
from tsunagaru.core.inputs import has_line_break, whole_number
from tsunagaru.core.models import Area, District
from tsunagaru.guideline.models import ActivityField, OrganisationKind
from tsunagaru.guideline.selectors import edition_current
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.tabular import LABELS, Row
from tsunagaru.partners.validators import normalise_corporate_number

_LIST_SEPARATORS = re.compile(r"[、・,，/／;；\s]+")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class CheckedRows:
    rows: list[dict[str, Any]]
    errors: list[RowError]


def check(rows: list[Row]) -> CheckedRows:
    """Every row converted to services' data, or the list of (row, column, message) errors."""
    lookups = _Lookups()
    checked: list[dict[str, Any]] = []
    errors: list[RowError] = []
    seen: dict[tuple[str, int | None], int] = {}
    for row in rows:
        data, row_errors = _check_row(row, lookups)
        key = (data.get("name", ""), getattr(data.get("district"), "pk", None))
        if not row_errors and key in seen:
            row_errors.append(
                RowError(
                    row.number, LABELS["name"], _("Same group as row %(row)s.") % {"row": seen[key]}
                )
            )
        seen.setdefault(key, row.number)
        if not row_errors and key in lookups.existing:
            row_errors.append(
                RowError(row.number, LABELS["name"], _("This group is already registered."))
            )
        errors.extend(row_errors)
        checked.append(data)
    if not rows:
        errors.append(RowError(1, "", _("The file has no rows of groups.")))
    return CheckedRows(checked, errors)


class _Lookups:
    def __init__(self) -> None:
        kinds = OrganisationKind.objects.in_edition(edition_current())
        self.kinds = {k.name: k for k in kinds} | {k.code: k for k in kinds}
        self.areas = {a.name: a for a in Area.objects.all()}
        self.areas |= {a.name.removesuffix("区"): a for a in Area.objects.all()}
        self.districts: dict[str, list[District]] = {}
        for d in District.objects.filter(is_active=True).select_related("area"):
            self.districts.setdefault(d.name, []).append(d)
        self.fields = {f.name: f for f in ActivityField.objects.filter(is_active=True)}
        self.existing = set(Organisation.objects.values_list("name", "district_id"))


def _check_row(row: Row, lookups: _Lookups) -> tuple[dict[str, Any], list[RowError]]:
    values = row.values
    data: dict[str, Any] = {}
    errors: list[RowError] = []

    def error(key: str, message: str) -> None:
        errors.append(RowError(row.number, LABELS[key], message))

    name = values.get("name", "")
    if not name:
        error("name", _("The name is required."))
    elif len(name) > 200:
        error("name", _("The name is longer than 200 characters."))
    elif has_line_break(name):
        error("name", _("Write the name on one line, without line breaks."))
    data["name"] = name
    kana = kana_tidy(values.get("name_kana", ""))
    if kana and not is_kana(kana):
        error("name_kana", _("Write the furigana in hiragana or katakana."))
    data["name_kana"] = kana
    kind = lookups.kinds.get(values.get("kind", ""))
    if kind is None:
        error(
            "kind",
            _("Unknown kind “%(value)s”. Use one of: %(choices)s.")
            % {
                "value": values.get("kind", ""),
                "choices": "、".join(k for k in lookups.kinds if not k.isascii()),
            },
        )
    data["kind"] = kind
    _check_place(values, lookups, data, error)
    data["activity_fields"] = _check_fields(values, lookups, error)
    data["description"] = values.get("description", "")
    _check_numbers(values, data, error)
    _check_contacts(values, data, error)
    return data, errors


def _check_place(
    values: dict[str, str], lookups: _Lookups, data: dict[str, Any], error: Any
) -> None:
    area = None
    if values.get("area"):
        area = lookups.areas.get(values["area"])
        if area is None:
            error("area", _("Unknown area “%(value)s”.") % {"value": values["area"]})
    district = None
    if values.get("district"):
        candidates = [
            d
            for d in lookups.districts.get(values["district"], [])
            if area is None or d.area_id == area.pk
        ]
        if not candidates:
            error(
                "district",
                _("Unknown district “%(value)s” (in this area).") % {"value": values["district"]},
            )
        elif len(candidates) > 1:
            error(
                "district",
                _("Several districts are called “%(value)s”; give the area too.")
                % {"value": values["district"]},
            )
        else:
            district = candidates[0]
    data["area"] = area or (district.area if district else None)
    data["district"] = district


def _check_fields(values: dict[str, str], lookups: _Lookups, error: Any) -> list[ActivityField]:
    fields = []
    for name in filter(None, _LIST_SEPARATORS.split(values.get("activity_fields", ""))):
        field = lookups.fields.get(name)
        if field is None:
            error("activity_fields", _("Unknown activity field “%(value)s”.") % {"value": name})
        else:
            fields.append(field)
    return fields


def _check_numbers(values: dict[str, str], data: dict[str, Any], error: Any) -> None:
    number = normalise_corporate_number(values.get("corporate_number", ""))
    if number and not cn.is_valid(number):
        error(
            "corporate_number",
            _("The corporate number (法人番号) is not valid: 13 digits, check digit first."),
        )
    data["corporate_number"] = number
    year = values.get("founded_year", "")
    data["founded_year"] = None
    if year:
        founded = whole_number(year, low=1800, high=datetime.date.today().year)
        if founded is None:
            error("founded_year", _("Write the year as four digits, e.g. 2015."))
        else:
            data["founded_year"] = founded
    count = values.get("member_count", "")
    data["member_count"] = None
    if count:
        members = whole_number(count)
        if members is None:
            error("member_count", _("Write the number of members as a whole number."))
        else:
            data["member_count"] = members


def _check_contacts(values: dict[str, str], data: dict[str, Any], error: Any) -> None:
    for key, validator, message in (
        ("website", URLValidator(schemes=["http", "https"]), _("Not a web address.")),
        ("contact_email", EmailValidator(), _("Not an e-mail address.")),
    ):
        value = values.get(key, "")
        if value:
            try:
                validator(value)
            except ValidationError:
                error(key, message)
        data[key] = value
