"""Form pieces shared by the apps: a filter's area (区) narrows its districts (地区)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext as _

# (district pk, label in the page's language, area pk)
DistrictRow = tuple[int, str, int]


class DistrictChoiceField(forms.TypedChoiceField):
    """A district filter. It offers the chosen area's districts only, but accepts any known
    district, so that a form can drop one outside the area with a message instead of
    refusing the whole search."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_value", None)
        super().__init__(**kwargs)
        self.known: set[str] = set()

    def valid_value(self, value: Any) -> bool:
        return str(value) in self.known or super().valid_value(value)


class AreaDistrictFilterMixin(forms.Form):
    """For filter forms with an `area` choice and a `district` DistrictChoiceField.

    Without JavaScript the district list offered is the submitted area's; a district outside
    the chosen area is dropped from the search and `notices` says so. With htmx, changing
    the area reloads the district select from `url` (the list page itself, which answers an
    htmx request aimed at #id_district with that select only)."""

    notices: list[str]

    def narrow_districts(self, rows: Iterable[DistrictRow], *, url: str) -> None:
        rows = list(rows)
        self.notices = []
        self._district_area = {pk: area for pk, _label, area in rows}
        self._district_label = {pk: label for pk, label, _area in rows}
        area = self.chosen_area()
        district = self.fields["district"]
        if not isinstance(district, DistrictChoiceField):
            raise TypeError("the district field must be a DistrictChoiceField")
        district.known = {str(pk) for pk in self._district_area}
        district.choices = [("", _("All"))] + [
            (pk, label) for pk, label, in_area in rows if area is None or in_area == area
        ]
        self.fields["area"].widget.attrs.update(
            {
                "hx-get": url,
                "hx-target": "#id_district",
                "hx-swap": "outerHTML",
                "hx-include": "[name='district']",
                "hx-push-url": "false",
            }
        )

    def chosen_area(self) -> int | None:
        """The area named in the submitted data, if it is one of the area choices."""
        raw = self.data.get("area") if self.is_bound else None
        field = self.fields["area"]
        if not raw or not isinstance(field, forms.ChoiceField):
            return None
        areas = {str(value) for value, _label in getattr(field, "choices", []) if value != ""}
        return int(raw) if str(raw) in areas else None

    def drop_district_outside_area(self, data: dict[str, Any]) -> None:
        """In clean(): a district that is not in the chosen area leaves the search."""
        area, district = data.get("area"), data.get("district")
        if area is None or district is None or self._district_area.get(district) == area:
            return
        data["district"] = None
        area_field = self.fields["area"]
        area_label = dict(getattr(area_field, "choices", [])).get(area, "")
        self.notices.append(
            _("%(district)s is not in %(area)s, so it was left out of the search.")
            % {"district": self._district_label.get(district, ""), "area": area_label}
        )


def check_district_in_area(form: forms.BaseForm, data: dict[str, Any]) -> None:
    """In an edit form's clean(): the district must lie in the chosen area; a district alone
    brings its area with it."""
    area, district = data.get("area"), data.get("district")
    if district is None:
        return
    if area is None:
        data["area"] = district.area
    elif district.area_id != area.pk:
        form.add_error(
            "district",
            forms.ValidationError(
                _("%(district)s is not in %(area)s. Choose a district of that area."),
                code="district_not_in_area",
                params={"district": district.name, "area": area.name},
            ),
        )
