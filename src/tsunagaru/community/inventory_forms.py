"""Forms of the inventory of recurring work: they read and tidy; the rules are in
inventory_services."""

from __future__ import annotations

from typing import Any

from django import forms

from tsunagaru.community.inventory_models import Activity, ActivityYear
from tsunagaru.core.forms import DesignedFormMixin


class ActivityForm(DesignedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Activity
        fields = ["name", "purpose", "beneficiaries", "goods"]


class ReviewForm(DesignedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ActivityYear
        fields = ["hours", "volunteers", "cost", "income", "participants", "decision", "reason"]
        widgets = {
            "decision": forms.RadioSelect,
            "reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("hours", "volunteers", "cost", "income", "participants"):
            self.fields[name].widget.attrs.update({"min": 0, "inputmode": "numeric"})
        self.fields["income"].required = False
