from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tsunagaru.cases.models import Case
from tsunagaru.cases.selectors import CaseFilter
from tsunagaru.core.dates import fiscal_year
from tsunagaru.core.forms import DesignedForm, DesignedFormMixin, FilterForm, check_district_in_area
from tsunagaru.core.inputs import validate_single_line, whole_number
from tsunagaru.core.templatetags.japanese_dates import fiscal_year_choices
from tsunagaru.core.upload_fields import PictureField
from tsunagaru.guideline.models import (
    ActivityField,
    CollaborationType,
    Domain,
    Form,
    Program,
    SuitableField,
)
from tsunagaru.partners.models import Organisation

PARTNER_ROWS = 6
# The oldest fiscal year offered for a case: cases are about recent collaboration.
FIRST_CASE_FISCAL_YEAR = 2000


class CaseForm(DesignedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    author_organisation = forms.ModelChoiceField(
        label=_("Written by (group)"), queryset=Organisation.objects.none(), required=False
    )

    class Meta:
        model = Case
        fields = [
            "title",
            "summary",
            "background",
            "actions",
            "roles",
            "results",
            "lessons",
            "departments",
            "forms",
            "domain",
            "collaboration_type",
            "suitable_fields",
            "activity_fields",
            "district",
            "area",
            "fiscal_year",
            "cost_total",
            "cost_note",
            "program",
        ]
        widgets = {
            "forms": forms.CheckboxSelectMultiple,
            "suitable_fields": forms.CheckboxSelectMultiple,
            "activity_fields": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, groups: list[Organisation] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["forms"].queryset = Form.objects.order_by("number")  # type: ignore[attr-defined]
        self.fields["suitable_fields"].queryset = SuitableField.objects.order_by("number")  # type: ignore[attr-defined]
        self.fields["activity_fields"].queryset = ActivityField.objects.filter(  # type: ignore[attr-defined]
            is_active=True
        ).order_by("order")
        self.fields["domain"].queryset = Domain.objects.order_by("code")  # type: ignore[attr-defined]
        self.fields["collaboration_type"].queryset = CollaborationType.objects.order_by("number")  # type: ignore[attr-defined]
        self.fields["program"].queryset = Program.objects.order_by("pk")  # type: ignore[attr-defined]
        self.fields["title"].validators.append(validate_single_line)
        self._fiscal_year_as_choice()
        if groups is None or self.instance.pk:
            del self.fields["author_organisation"]
        else:
            field = self.fields["author_organisation"]
            field.queryset = Organisation.objects.filter(pk__in=[g.pk for g in groups])  # type: ignore[attr-defined]
            if len(groups) == 1:
                field.initial = groups[0].pk

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_district_in_area(self, data)
        return data

    def _fiscal_year_as_choice(self) -> None:
        """年度 is chosen by its name (令和2年度), not typed as a Western year."""
        field = self.fields["fiscal_year"]
        this_year = fiscal_year(timezone.localdate())
        first = min(FIRST_CASE_FISCAL_YEAR, self.instance.fiscal_year or this_year)
        self.fields["fiscal_year"] = forms.TypedChoiceField(
            label=field.label,
            help_text=_("The fiscal year (April to March) the case took place."),
            choices=fiscal_year_choices(first, this_year + 1),
            coerce=int,
            initial=self.instance.fiscal_year or this_year,
        )


class PartnerForm(DesignedForm):
    name = forms.CharField(
        label=pgettext_lazy("group in a case", "Partner"),
        max_length=200,
        required=False,
        help_text=_("A registered group's exact name links its profile."),
    )
    role = forms.CharField(label=_("What they did"), max_length=500, required=False)


PartnerFormSet = forms.formset_factory(PartnerForm, extra=0, min_num=PARTNER_ROWS)


class PhotoForm(DesignedForm):
    image = PictureField(label=_("Photo"), help_text=_("PNG, JPEG, GIF or WebP, up to 10 MB."))
    alt_text = forms.CharField(
        label=_("Description of the photo"),
        max_length=300,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


class AttachmentForm(DesignedForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, image, Word, Excel or PowerPoint, up to 10 MB."),
    )
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("What the file is, e.g. 'Budget 2020'.")
    )


class ReasonForm(DesignedForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class CaseSearchForm(FilterForm):
    q = forms.CharField(label=_("Search cases"), required=False, max_length=200)

    def to_filter(self, params: Any) -> CaseFilter:
        query = self.cleaned_data.get("q", "") if self.is_valid() else ""

        def number(name: str) -> int | None:
            return whole_number(params.get(name))

        return CaseFilter(
            query=str(query or ""),
            form=number("form"),
            domain=number("domain"),
            collaboration_type=number("collaboration_type"),
            suitable_field=number("suitable_field"),
            activity_field=number("activity_field"),
            area=number("area"),
            fiscal_year=number("fiscal_year"),
            partner_kind=number("partner_kind"),
            model_only=params.get("model") == "1",
        )
