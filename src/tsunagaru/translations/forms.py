"""Forms of the translations app: a text's version in one language, and a translator."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.forms import DesignedForm, EasyTextarea
from tsunagaru.translations import registry


class VersionForm(DesignedForm):
    """One field per part of the text that has an original; the service checks none is
    left empty, so the form only trims."""

    def __init__(
        self,
        *args: Any,
        originals: dict[str, str],
        labels: dict[str, str],
        easy: bool,
        one_line: frozenset[str] = frozenset(),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, original in originals.items():
            rows = min(12, 3 + len(original) // 40 + original.count("\n"))
            widget: forms.Widget
            if name in one_line:
                widget = forms.TextInput()
            elif easy:
                widget = EasyTextarea(attrs={"rows": rows})
            else:
                widget = forms.Textarea(attrs={"rows": rows})
            self.fields[name] = forms.CharField(
                label=labels[name], required=False, strip=True, widget=widget
            )


class TranslatorForm(DesignedForm):
    email = forms.EmailField(
        label=_("E-mail address of the person's account"),
        help_text=_("They must have an account on the site already."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages they translate into"),
        widget=forms.CheckboxSelectMultiple,
        choices=registry.target_languages,
    )
