"""Registry forms: validate and normalise input; partners.services does the saving."""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.forms import (
    AreaDistrictFilterMixin,
    DesignedForm,
    DesignedFormMixin,
    DistrictChoiceField,
    EasyTextarea,
    PostcodeInput,
    check_district_in_area,
    clean_postcode,
)
from tsunagaru.core.inputs import validate_single_line
from tsunagaru.core.models import District
from tsunagaru.core.upload_fields import LogoField, ServedPictureInput
from tsunagaru.guideline.models import ActivityField, OrganisationKind
from tsunagaru.guideline.selectors import edition_current
from tsunagaru.partners import permissions
from tsunagaru.partners.models import Membership, Need, Offer, Organisation, VolunteerProfile
from tsunagaru.partners.selectors import DirectoryFilter


def _limit(form: forms.BaseForm, name: str, queryset: Any) -> None:
    """Narrow the choices of a model choice field (the form class is built once at import)."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    field.queryset = queryset


def _fields() -> Any:
    return ActivityField.objects.filter(is_active=True).order_by("order")


class OrganisationForm(DesignedFormMixin, forms.ModelForm[Organisation]):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    sns_links = forms.CharField(
        label=_("Social media links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One address per line."),
    )

    class Meta:
        model = Organisation
        fields = [
            "kind",
            "parent",
            "name",
            "name_kana",
            "area",
            "district",
            "activity_fields",
            "description",
            "corporate_number",
            "founded_year",
            "member_count",
            "website",
            "sns_links",
            "logo",
            "logo_alt",
            "contact_email",
            "show_contact_email",
            "postcode",
            "address_prefecture",
            "address_city",
            "address_town",
            "address_rest",
            "show_address",
            "resources_people",
            "resources_goods",
            "resources_money",
        ]
        field_classes = {"logo": LogoField}  # checked by content, bytes and pixels
        widgets = {
            "activity_fields": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
            "resources_people": forms.Textarea(attrs={"rows": 2}),
            "resources_goods": forms.Textarea(attrs={"rows": 2}),
            "resources_money": forms.Textarea(attrs={"rows": 2}),
            "postcode": PostcodeInput,
            "address_prefecture": forms.TextInput(attrs={"autocomplete": "address-level1"}),
            "address_city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "address_town": forms.TextInput(attrs={"autocomplete": "address-level3"}),
            "address_rest": forms.TextInput(attrs={"autocomplete": "address-line2"}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = OrganisationKind.objects.in_edition(edition_current())
        parents = Organisation.objects.filter(status=Organisation.Status.VERIFIED)
        if user is None or not permissions.can_set_city_department(user):
            # 市の部署 is for city staff to choose (services enforce it too); a group that
            # already is one keeps its kind and parent on the list so its own edit still works.
            city = permissions.CITY_DEPARTMENT
            kinds = kinds.exclude(Q(code=city) & ~Q(pk=self.instance.kind_id or 0))
            parents = parents.exclude(Q(kind__code=city) & ~Q(pk=self.instance.parent_id or 0))
        _limit(self, "kind", kinds)
        _limit(self, "activity_fields", _fields())
        _limit(self, "district", District.objects.filter(is_active=True).select_related("area"))
        _limit(self, "parent", parents.exclude(pk=self.instance.pk))
        if self.instance.pk:
            self.initial["sns_links"] = "\n".join(self.instance.sns_links or [])
            logo = self.fields["logo"].widget
            if isinstance(logo, ServedPictureInput):
                logo.current_url = reverse("partners:logo", args=[self.instance.pk])

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        validate_single_line(name)
        return name

    def clean_name_kana(self) -> str:
        from tsunagaru.accounts.kana import is_kana, kana_tidy

        # Kept as typed (hiragana stays hiragana); the directory sorts by name_sort.
        value = kana_tidy(self.cleaned_data["name_kana"])
        if value and not is_kana(value):
            raise ValidationError(_("Write the furigana in hiragana or katakana."), code="not_kana")
        return value

    def clean_postcode(self) -> str:
        return clean_postcode(self.cleaned_data["postcode"])

    def clean_sns_links(self) -> list[str]:
        links = [
            line.strip() for line in self.cleaned_data["sns_links"].splitlines() if line.strip()
        ]
        check = URLValidator(schemes=["https", "http"])
        for link in links:
            try:
                check(link)
            except ValidationError:
                raise ValidationError(
                    _("“%(link)s” is not a web address."),
                    code="invalid_link",
                    params={"link": link},
                ) from None
        return links

    def clean_corporate_number(self) -> str:
        return (
            unicodedata.normalize("NFKC", self.cleaned_data["corporate_number"])
            .replace("-", "")
            .strip()
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("logo") and not data.get("logo_alt"):
            self.add_error("logo_alt", _("Describe the logo for people who cannot see it."))
        check_district_in_area(self, data)
        return data


class ReasonForm(DesignedForm):
    reason = forms.CharField(
        label=_("Reason (the group will see it)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class InvitationForm(DesignedForm):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )


class MemberRoleForm(DesignedForm):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class OfferForm(DesignedFormMixin, forms.ModelForm[Offer]):
    class Meta:
        model = Offer
        fields = ["category", "title", "description", "activity_fields", "is_active"]
        widgets = {
            "activity_fields": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "activity_fields", _fields())


class NeedForm(DesignedFormMixin, forms.ModelForm[Need]):
    class Meta:
        model = Need
        fields = ["category", "title", "description", "activity_fields"]
        widgets = {
            "activity_fields": forms.CheckboxSelectMultiple,
            "description": EasyTextarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "activity_fields", _fields())


class VolunteerForm(DesignedFormMixin, forms.ModelForm[VolunteerProfile]):
    # Consent is its own question, asked in words, never ticked in advance; the service records
    # when it was given and removes the person from suggestions when it is taken back.
    suggest = forms.BooleanField(
        label=_("Suggest me to groups who need help"),
        required=False,
        help_text=_(
            "Groups whose need asks for helping hands or for what you can do will see your "
            "skills, wishes, area and when you can help, but not your name or contact details. "
            "They can ask to be introduced; your contact details are shared only if you accept. "
            "Untick this box to stop at once."
        ),
    )

    class Meta:
        model = VolunteerProfile
        fields = [
            "skills",
            "wishes",
            "activity_fields",
            "area",
            "district",
            "availability",
            "is_public",
        ]
        widgets = {
            "activity_fields": forms.CheckboxSelectMultiple,
            "skills": forms.Textarea(attrs={"rows": 4}),
            "wishes": forms.Textarea(attrs={"rows": 3}),
            "availability": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "activity_fields", _fields())
        _limit(self, "district", District.objects.filter(is_active=True).select_related("area"))
        self.fields["suggest"].initial = bool(self.instance.pk and self.instance.suggested)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_district_in_area(self, data)
        return data


class ContactForm(DesignedForm):
    name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(
        label=_("Your e-mail address"), help_text=_("The group replies to this address.")
    )
    message = forms.CharField(
        label=_("Message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6})
    )


def _directory_choice_rows() -> tuple[list[Any], list[Any], list[Any]]:
    """Kinds, districts with their areas, and fields as plain rows, kept a minute per process:
    every directory request needs them and they change only through the admin."""
    cached: tuple[list[Any], list[Any], list[Any]] | None = caches["local"].get(
        "partners:directory-choices"
    )
    if cached is None:
        kinds = OrganisationKind.objects.in_edition(edition_current())
        # Areas come with the districts: one query for both lists.
        rows = District.objects.filter(is_active=True).order_by("area__order", "order")
        cached = (
            list(kinds.values_list("pk", "name", "name_en")),
            list(
                rows.values_list("pk", "name", "name_en", "area_id", "area__name", "area__name_en")
            ),
            list(_fields().values_list("pk", "name", "name_en")),
        )
        caches["local"].set("partners:directory-choices", cached)
    return cached


class DirectoryForm(AreaDistrictFilterMixin):
    """The directory's filters. Plain choice fields with their choices read once per request:
    model choice fields would query again for every rendering (and through a server-side
    cursor on PostgreSQL)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.TypedChoiceField(label=_("Kind"), coerce=int, required=False, empty_value=None)
    area = forms.TypedChoiceField(label=_("Area"), coerce=int, required=False, empty_value=None)
    district = DistrictChoiceField(label=_("District"))
    field = forms.TypedChoiceField(
        label=_("Activity field"), coerce=int, required=False, empty_value=None
    )
    has_open_needs = forms.BooleanField(label=_("Only groups with open needs"), required=False)
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[
            ("relevance", _("Best match")),
            ("kana", _("Name (あいうえお順)")),
            ("newest", _("Newest")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Plain tuples, not model instances: this runs on every directory request.
        english = (get_language() or "").startswith("en")

        def labelled(rows: Any) -> list[tuple[Any, Any]]:
            return [("", _("All"))] + [
                (pk, (name_en if english and name_en else name)) for pk, name, name_en in rows
            ]

        kinds, places, fields = _directory_choice_rows()
        self._set_choices("kind", labelled(kinds))
        areas = dict.fromkeys((a, n, e) for _pk, _n, _e, a, n, e in places)
        self._set_choices("area", labelled(areas))
        self.narrow_districts(
            ((pk, e if english and e else n, area) for pk, n, e, area, *_names in places),
            url=reverse("partners:directory"),
        )
        self._set_choices("field", labelled(fields))

    def _set_choices(self, name: str, choices: list[tuple[Any, Any]]) -> None:
        field = self.fields[name]
        if isinstance(field, forms.ChoiceField):
            field.choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.drop_district_outside_area(data)
        return data

    def to_filter(self) -> DirectoryFilter:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        query = str(data.get("q") or "").strip()
        sort = data.get("sort") or ("relevance" if query else "kana")
        return DirectoryFilter(
            query=query,
            kind=data.get("kind"),
            area=data.get("area"),
            district=data.get("district"),
            field=data.get("field"),
            has_open_needs=bool(data.get("has_open_needs")),
            sort=sort,
        )


class ImportForm(DesignedForm):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_("UTF-8 or Shift_JIS CSV, or .xlsx; the first row names the columns."),
    )
    list_now = forms.BooleanField(
        label=_("These groups are already registered at the support centre: list them now"),
        required=False,
    )


class ExportForm(DesignedForm):
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            ("csv", _("CSV (UTF-8, for most programs)")),
            ("csv-cp932", _("CSV (Shift_JIS, for older Excel)")),
            ("xlsx", _("Excel (.xlsx)")),
        ],
    )
