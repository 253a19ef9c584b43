"""allauth's forms with our labels and help texts (settings ACCOUNT_FORMS and MFA_FORMS).

allauth labels its fields from its own catalogue, which has standard Japanese but no Easy
Japanese: our labels go through our catalogue, so every language reads the site's own words.
"""

from __future__ import annotations

from typing import Any

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

LABELS = {
    "login": _("E-mail address"),
    "email": _("E-mail address"),
    "password": _("Password"),
    "remember": _("Stay logged in on this device"),
    "oldpassword": _("Current password"),
    "password1": _("New password"),
    "password2": _("New password, once more"),
    "code": _("Six-digit code from your authenticator app"),
}
HELP: dict[str, Any] = {
    "password1": _(
        "At least 8 characters. Not only digits, not a common password, and not like your "
        "e-mail address."
    ),
    "remember": "",
}


# allauth's own form errors, said our way (by their English text: allauth has no codes for them).
THEIR_ERRORS = {
    "You must type the same password each time.": _("The two passwords are not the same."),
}


class OurLabels(forms.Form):
    """Relabel allauth's fields; placeholders go (the visible label says it)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in LABELS:
                field.label = LABELS[name]
            if name in HELP:
                field.help_text = HELP[name]
            field.widget.attrs.pop("placeholder", None)
        for name in ("password", "oldpassword"):
            if name in self.fields and self.fields[name].help_text:
                # allauth's link to reset a forgotten password, in our words.
                self.fields[name].help_text = format_html(
                    '<a href="{}">{}</a>',
                    reverse("account_reset_password"),
                    _("Forgotten your password?"),
                )

    def add_error(self, field: str | None, error: Any) -> None:
        if isinstance(error, str | Promise):
            for theirs, ours in THEIR_ERRORS.items():
                if str(error) == gettext(theirs):
                    error = ours
        super().add_error(field, error)


class LoginForm(OurLabels, account_forms.LoginForm):  # type: ignore[misc]
    pass


class SignupForm(OurLabels, account_forms.SignupForm):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # At sign-up there is no "old" password: "New" would only puzzle.
        self.fields["password1"].label = _("Password")
        self.fields["password2"].label = _("Password, once more")
        # Agreeing comes last, just before the button, after everything it agrees to send.
        if "agree_terms" in self.fields:
            self.fields["agree_terms"] = self.fields.pop("agree_terms")


class AddEmailForm(OurLabels, account_forms.AddEmailForm):  # type: ignore[misc]
    pass


class ChangePasswordForm(OurLabels, account_forms.ChangePasswordForm):  # type: ignore[misc]
    pass


class SetPasswordForm(OurLabels, account_forms.SetPasswordForm):  # type: ignore[misc]
    pass


class ResetPasswordForm(OurLabels, account_forms.ResetPasswordForm):  # type: ignore[misc]
    pass


class ResetPasswordKeyForm(OurLabels, account_forms.ResetPasswordKeyForm):  # type: ignore[misc]
    pass


class ReauthenticateForm(OurLabels, account_forms.ReauthenticateForm):  # type: ignore[misc]
    pass


class MFAAuthenticateForm(OurLabels, mfa_forms.AuthenticateForm):  # type: ignore[misc]
    pass


class MFAReauthenticateForm(OurLabels, mfa_forms.ReauthenticateForm):  # type: ignore[misc]
    pass


class ActivateTOTPForm(OurLabels, totp_forms.ActivateTOTPForm):  # type: ignore[misc]
    pass
