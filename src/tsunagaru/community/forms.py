from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagaru.community.facility_models import CentreRoom
from tsunagaru.community.models import DistrictCentre, PopulationFigure
from tsunagaru.core.forms import DesignedForm, DesignedFormMixin
from tsunagaru.partners.models import Organisation


class FigureForm(DesignedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    confirmed = forms.BooleanField(
        label=_("The numbers are right (a large change from the previous figure)"),
        required=False,
    )

    class Meta:
        model = PopulationFigure
        fields = ["as_of", "total", "households", "aged_65_over", "under_15", "source"]
        widgets = {"as_of": forms.DateInput(attrs={"type": "date"})}
        help_texts = {
            "source": _(
                "Where the numbers come from, e.g. 住民基本台帳人口（令和7年3月31日現在）."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("total", "households", "aged_65_over", "under_15"):
            self.fields[name].widget.attrs.update({"min": 0, "inputmode": "numeric"})


class FigureFileForm(DesignedForm):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_(
            "Columns: 地区, 基準日, 総人口, 世帯数, 65歳以上, 15歳未満, 出典 "
            "(one line per district and day)."
        ),
    )
    confirmed = forms.BooleanField(
        label=_("The numbers are right (large changes from the previous figures)"),
        required=False,
    )


class CentreForm(DesignedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = DistrictCentre
        fields = ["name", "address", "phone", "hours", "manager", "managed_from", "managed_until"]
        widgets = {
            "managed_from": forms.DateInput(attrs={"type": "date"}),
            "managed_until": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        manager = self.fields["manager"]
        assert isinstance(manager, forms.ModelChoiceField)  # noqa: S101 - a ForeignKey's field
        manager.queryset = Organisation.objects.filter(
            status=Organisation.Status.VERIFIED
        ).order_by("name_sort", "pk")


class RoomForm(DesignedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CentreRoom
        fields = ["name", "capacity", "notes"]


class ContactForm(DesignedForm):
    name = forms.CharField(label=_("Name"), max_length=100)
    department = forms.CharField(label=_("Department"), max_length=100)
