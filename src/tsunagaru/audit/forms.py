from __future__ import annotations

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tsunagaru.audit.selectors import AuditFilter
from tsunagaru.core.forms import FilterForm


class AuditFilterForm(FilterForm):
    action = forms.CharField(
        label=_("Action"), required=False, max_length=100, help_text=_("e.g. user. or user.signup")
    )
    actor = forms.CharField(label=_("Who (e-mail)"), required=False, max_length=254)
    target_type = forms.ModelChoiceField(
        label=_("Object type"),
        queryset=ContentType.objects.order_by("app_label", "model"),
        required=False,
        empty_label=_("All"),
    )
    target_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise ValidationError(_("The start date is after the end date."), code="date_order")
        return data

    def to_filter(self) -> AuditFilter:
        data = self.cleaned_data
        content_type = data.get("target_type")
        return AuditFilter(
            action=data.get("action", "").strip(),
            actor=data.get("actor", "").strip(),
            target_type=content_type.pk if content_type else None,
            target_id=data.get("target_id", "").strip(),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
