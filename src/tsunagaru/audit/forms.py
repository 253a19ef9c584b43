from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tsunagaru.audit import labels, selectors
from tsunagaru.audit.selectors import AuditFilter
from tsunagaru.core.forms import FilterForm


class ActionChoiceField(forms.ChoiceField):
    """The recorded actions in words, grouped by kind, each kind with an "all of it" choice
    (a code prefix such as "user."). Any well-formed code is accepted: a link made before
    the choices were refreshed keeps working."""

    def valid_value(self, value: str) -> bool:
        return bool(_ACTION_CODE.fullmatch(str(value))) or super().valid_value(value)


_ACTION_CODE = re.compile(r"[a-z_]+\.[a-z_.]*")


class KindChoiceField(forms.ModelChoiceField[ContentType]):
    def label_from_instance(self, obj: ContentType) -> str:
        return labels.kind_label(obj)


def _action_choices() -> list[Any]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for code in selectors.recorded_actions():
        prefix = code.partition(".")[0]
        groups.setdefault(prefix, []).append((code, labels.action_label(code)))
    choices: list[Any] = [("", _("All"))]
    for prefix, actions in sorted(groups.items()):
        kind = labels.prefix_label(prefix)
        everything = (f"{prefix}.", _("All: %(kind)s") % {"kind": kind})
        choices.append((kind, [everything, *sorted(actions, key=lambda a: a[1])]))
    return choices


class AuditFilterForm(FilterForm):
    action = ActionChoiceField(label=_("Action"), required=False)
    actor = forms.CharField(label=_("Who (e-mail)"), required=False, max_length=254)
    target_type = KindChoiceField(
        label=_("Object type"),
        queryset=ContentType.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    target_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    date_from = forms.DateField(
        label=pgettext_lazy("date range", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("date range", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        action = self.fields["action"]
        if isinstance(action, forms.ChoiceField):
            action.choices = _action_choices()
        kinds = self.fields["target_type"]
        if isinstance(kinds, forms.ModelChoiceField):
            kinds.queryset = ContentType.objects.filter(pk__in=selectors.audited_kinds())

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
