"""Account forms: validate and normalise only. Saving is accounts.services' job."""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tsunagaru.accounts import kana
from tsunagaru.accounts.models import Role, User
from tsunagaru.core.forms import DesignedForm


def _clean_name(value: str) -> str:
    # Names are stored as typed (even NFC can change some name characters); only trim.
    return value.strip()


def _clean_kana(value: str) -> str:
    # Kept as typed (hiragana stays hiragana); only sorting and search compare katakana.
    value = kana.kana_tidy(value)
    if not kana.is_kana(value):
        raise ValidationError(_("Write the furigana in hiragana or katakana."), code="not_kana")
    return value


class NameFieldsMixin(DesignedForm):
    """The name fields shared by sign-up and the profile page."""

    family_name = forms.CharField(
        label=_("Family name"),
        max_length=50,
        help_text=_("Private. Only you and the administrators can see it."),
    )
    given_name = forms.CharField(
        label=_("Given name"),
        max_length=50,
        required=False,
        help_text=_("Private. Leave empty if your name is written as one name."),
    )
    family_name_kana = forms.CharField(
        label=_("Family name (furigana)"), max_length=100, required=False
    )
    given_name_kana = forms.CharField(
        label=_("Given name (furigana)"), max_length=100, required=False
    )
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=50,
        required=False,
        help_text=_("Public. Shown to other users. If empty, your family name is used."),
    )

    def clean_family_name(self) -> str:
        return _clean_name(self.cleaned_data["family_name"])

    def clean_given_name(self) -> str:
        return _clean_name(self.cleaned_data["given_name"])

    def clean_family_name_kana(self) -> str:
        return _clean_kana(self.cleaned_data["family_name_kana"])

    def clean_given_name_kana(self) -> str:
        return _clean_kana(self.cleaned_data["given_name_kana"])

    def clean_display_name(self) -> str:
        return unicodedata.normalize("NFC", self.cleaned_data["display_name"]).strip()


class SignupExtraForm(NameFieldsMixin):
    """Extra fields on allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    # Recorded as a legal.ConsentRecord naming the versions in force (AccountAdapter.save_user).
    agree_terms = forms.BooleanField(
        label=_("I agree to the terms of use and the privacy policy"),
        error_messages={
            "required": _("Tick the box to agree to the terms of use and the privacy policy.")
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agree_terms"].help_text = format_html(
            gettext(
                'Read the <a href="{terms}">terms of use</a> and the '
                '<a href="{privacy}">privacy policy</a> before you agree.'
            ),
            terms=reverse("legal:terms"),
            privacy=reverse("legal:privacy"),
        )

    def signup(self, request: Any, user: User) -> None:
        # Required by allauth. The names were already saved by AccountAdapter.save_user, in
        # the same transaction as the audit entry, so there is nothing left to do here.
        return None


class ProfileForm(NameFieldsMixin):
    pass


class RoleForm(DesignedForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
