"""What every form of the project shares, so forms read as a designed service rather than
Django's defaults: select boxes say what to do instead of 「---------」, radio buttons offer no
empty choice, and several choices are a checkbox list (with a filter box added by
static/js/choice-filter.js when the list is long), never a Ctrl-click list box.

A filter's area (区) narrows its districts (地区): AreaDistrictFilterMixin.

Every form class in the project inherits `DesignedForm` (edit forms) or `FilterForm` (list
filters); core/tests/test_forms.py renders each of them and fails on a default left over.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.postcode import address_for, postcode_normalise

# Django's placeholder for "nothing chosen" (django.db.models.fields.BLANK_CHOICE_DASH).
DJANGO_DASHES = "---------"


class ChoiceList(forms.CheckboxSelectMultiple):
    """Several choices as a list of checkboxes. The list carries `data-choice-filter`;
    choice-filter.js adds a filter box above it when JavaScript runs (without it the list
    is a plain checkbox list)."""

    template_name = "core/widgets/choice_list.html"

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        # The filter also matches a choice's reading, so 「いさわ」 finds 胆沢.
        reading = getattr(getattr(option["value"], "instance", None), "name_kana", "")
        if reading:
            option["attrs"] = {**option["attrs"], "data-reading": reading}
        return option


# Which form field receives which part of an address (core.postcode.Address).
ADDRESS_FIELDS = {
    "prefecture": "address_prefecture",
    "city": "address_city",
    "town": "address_town",
    "rest": "address_rest",
}
FILL_ADDRESS = "fill_address"  # the name of the 「住所を入力」 button


class PostcodeInput(forms.TextInput):
    """A 郵便番号 box with a 「住所を入力」 button. Without JavaScript the button posts the form
    and the view shows it again with the address filled (`initial_with_address`); forms.js
    asks /core/postcode/ and fills the fields in place."""

    template_name = "core/widgets/postcode.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"autocomplete": "postal-code", "inputmode": "numeric", "maxlength": "8"}
        super().__init__(attrs={**base, **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["lookup_url"] = reverse("core:postcode")
        context["widget"]["fills"] = ADDRESS_FIELDS
        context["widget"]["button_name"] = FILL_ADDRESS
        return context


def clean_postcode(value: str) -> str:
    """A postcode as 023-0053, or a ValidationError (code "bad_postcode"); empty stays empty."""
    if not value.strip():
        return ""
    digits = postcode_normalise(value)
    if digits is None:
        raise forms.ValidationError(
            _("Write the postcode as seven digits, e.g. 023-8501."), code="bad_postcode"
        )
    return f"{digits[:3]}-{digits[3:]}"


def initial_with_address(
    form: forms.BaseForm, *, field: str = "postcode"
) -> tuple[dict[str, Any], str]:
    """What the person typed in a bound form, with the address filled in from its postcode,
    to show the form again (unbound) after 「住所を入力」 without JavaScript. Returns the
    initial data and a message for the person."""
    initial = {name: form[name].data for name in form.fields}
    address = address_for(str(initial.get(field) or ""))
    if address is None:
        return initial, str(NOT_FOUND)
    initial[field] = address.postcode
    for part, name in ADDRESS_FIELDS.items():
        value = getattr(address, part)
        if value or part != "rest":
            initial[name] = value
    return initial, str(FILLED)


FILLED = _("The address was filled in from the postcode. Check it and add the street number.")
NOT_FOUND = _(
    "No address was found for this postcode. Check the seven digits, or write the address."
)


class DesignedFormMixin:
    """Replaces Django's defaults in the fields of any form it is mixed into (put it first)."""

    # What an empty select option says: overridden by filter forms ("All").
    empty_choice_label: Any = _("Choose one")

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            _design(field, self.empty_choice_label)


class DesignedForm(DesignedFormMixin, forms.Form):
    pass


class FilterForm(DesignedForm):
    """A list's filters: an empty choice means every entry."""

    empty_choice_label = _("All")


def _design(field: forms.Field, empty_label: Any) -> None:
    widget = field.widget
    if isinstance(widget, forms.SelectMultiple | forms.CheckboxSelectMultiple):
        if not isinstance(widget, ChoiceList):
            attrs = {k: v for k, v in widget.attrs.items() if k != "size"}
            field.widget = ChoiceList(attrs=attrs, choices=widget.choices)
            field.widget.is_required = widget.is_required
        return
    radio = isinstance(widget, forms.RadioSelect)
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_DASHES:
            field.empty_label = None if radio else empty_label
        return
    if isinstance(field, forms.ChoiceField):
        choices = [(value, label) for value, label in cast(Iterable[Any], field.choices)]
        if radio:
            field.choices = [c for c in choices if not (c[0] == "" and c[1] == DJANGO_DASHES)]
        else:
            field.choices = [
                (value, empty_label if label == DJANGO_DASHES else label)
                for value, label in choices
            ]


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


class AreaDistrictFilterMixin(FilterForm):
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
        district.choices = [("", gettext("All"))] + [
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
            gettext("%(district)s is not in %(area)s, so it was left out of the search.")
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
                gettext("%(district)s is not in %(area)s. Choose a district of that area."),
                code="district_not_in_area",
                params={"district": district.name, "area": area.name},
            ),
        )


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: each field's errors beside the field,
    errors about other names (or about the whole) at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class WordReadingForm(DesignedForm):
    """A word of the furigana dictionary; the service checks the reading reads the word."""

    surface = forms.CharField(
        label=_("Word"),
        max_length=50,
        help_text=_("A place, a group's name or a word as it is written, e.g. 人首町."),
    )
    reading = forms.CharField(
        label=_("Reading"),
        max_length=100,
        help_text=_("In hiragana (katakana is changed into it), e.g. ひとかべちょう."),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=200,
        required=False,
        help_text=_("Why it is here, for the next person (optional)."),
    )


class ReadingSampleForm(FilterForm):
    """A sentence to see with the readings the pages would give it."""

    sample = forms.CharField(label=_("Try a sentence"), max_length=500, required=False)


class EasyTextarea(forms.Textarea):
    """A text area with the やさしい日本語 writing aid under it (text.easy): htmx asks
    core:easy_check for the report as the author types; without JavaScript a link opens the
    check on its own page."""

    template_name = "core/widgets/easy_textarea.html"


EASY_TEXT_MAX = 10_000


class EasyCheckForm(DesignedForm):
    text = forms.CharField(
        label=pgettext_lazy("easy japanese", "Text"),
        max_length=EASY_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
