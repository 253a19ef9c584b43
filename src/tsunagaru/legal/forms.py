"""Forms of the service pages: validate and normalise only."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.forms import DesignedForm


class PageVersionForm(DesignedForm):
    body_ja = forms.CharField(
        label=_("Text in Japanese"),
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_(
            "Plain text. A line starting with “## ” is a heading, “- ” a list item; "
            "[words](https://…) is a link. Other markup is shown as typed."
        ),
    )
    body_en = forms.CharField(
        label=_("Text in English"),
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        help_text=_("If empty, English readers see the Japanese text."),
    )
    body_ja_easy = forms.CharField(
        label=_("Text in Easy Japanese"),
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        help_text=_("If empty, readers of Easy Japanese see the Japanese text."),
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=300,
        help_text=_("Kept with this version in the history and the audit log."),
    )


class ConsentPageVersionForm(PageVersionForm):
    """Terms and privacy: staff say whether people must agree again."""

    change = forms.ChoiceField(
        label=_("Kind of change"),
        choices=[
            ("editorial", _("An editorial fix: people need not agree again")),
            ("new_version", _("A new version: every signed-in person must agree again")),
        ],
        widget=forms.RadioSelect,
    )


class ConsentForm(DesignedForm):
    agree = forms.BooleanField(
        label=_("I agree to the terms of use and the privacy policy"),
        error_messages={
            "required": _("Tick the box to agree to the terms of use and the privacy policy.")
        },
    )
