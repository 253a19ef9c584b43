"""django-allauth hooks: sign-up goes through our service, so it is validated and audited."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tsunagaru.accounts import permissions, services
from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record
from tsunagaru.core.mail import mail_subject
from tsunagaru.core.request_context import client_ip
from tsunagaru.core.selectors import current_municipality
from tsunagaru.legal import services as legal_services


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    # allauth's messages in our words (our catalogue has やさしい日本語; allauth's has not).
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("This account is not in use."),
        "duplicate_email": _("This e-mail address is already on your account."),
        "email_password_mismatch": _("The e-mail address or the password is not correct."),
        "email_taken": _("An account with this e-mail address already exists."),
        "enter_current_password": _("Enter your current password."),
        "incorrect_code": _("The code is not correct."),
        "incorrect_password": _("The password is not correct."),
        "invalid_or_expired_key": _("This link is not valid or has expired."),
        "invalid_login": _("The e-mail address or the password is not correct."),
        "invalid_password_reset": _("This link is not valid or has expired."),
        "too_many_login_attempts": _("Too many failed attempts. Wait a while and try again."),
        "unknown_email": _("No account uses this e-mail address."),
        "unverified_primary_email": _("Confirm your e-mail address first."),
        "same_as_current": _("The new value must be different from the current one."),
        "rate_limited": _("Too many requests. Wait a while and try again."),
    }

    def get_reauthentication_methods(self, user: Any) -> list[dict[str, Any]]:
        # The "other ways" on the confirm-it-is-you pages, in our words.
        words = {
            "reauthenticate": _("Use your password"),
            "mfa_reauthenticate": _("Use a code from your authenticator app or a recovery code"),
        }
        methods: list[dict[str, Any]] = super().get_reauthentication_methods(user)
        return [{**m, "description": words.get(m["id"], m["description"])} for m in methods]

    def format_email_subject(self, subject: str) -> str:
        return mail_subject(subject)

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # Our mail templates name the service and the city, and link to the site's own address
        # (settings.SITE_URL), not to whichever host the request came through.
        municipality = current_municipality()
        context = {
            "municipality": municipality,
            "city": _city_name(municipality),
            "site_url": settings.SITE_URL,
            "contact_url": settings.SITE_URL + reverse("legal:contact"),
            **context,
        }
        super().send_mail(template_prefix, email, context)

    def get_client_ip(self, request: HttpRequest) -> str:
        # allauth's rate limits count per client: behind our proxy, the address it saw, as
        # the audit log records it (one helper for both).
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def save_user(
        self, request: HttpRequest, user: Any, form: BaseForm, commit: bool = True
    ) -> Any:
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        for field in services.PROFILE_FIELDS:
            if field in data:
                setattr(user, field, data[field])
        if commit:
            with transaction.atomic():
                services.user_register(user=user)
                # The form refused to go on without the tick (SignupExtraForm.agree_terms).
                if data.get("agree_terms"):
                    legal_services.consent_record(user=user)
        return user

    def confirm_email(self, request: HttpRequest, email_address: Any) -> bool:
        with transaction.atomic():
            confirmed = super().confirm_email(request, email_address)
            if confirmed:
                audit_record(
                    actor=email_address.user,
                    action="user.email_verify",
                    target=email_address.user,
                    after={"email": email_address.email, "verified": True},
                )
        return bool(confirmed)

    def set_password(self, user: Any, password: str) -> None:
        with transaction.atomic():
            super().set_password(user, password)
            audit_record(actor=user, action="user.password_change", target=user)


class MFAAdapter(DefaultMFAAdapter):  # type: ignore[misc]
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _("Your role requires two-factor sign-in: it stays on."),
        "incorrect_code": _("The code is not correct."),
        "unverified_email": _("Confirm your e-mail address before turning on two-factor sign-in."),
    }

    def can_delete_authenticator(self, authenticator: Any) -> bool:
        # Staff and administrators must keep two-factor sign-in (see permissions).
        user: User = authenticator.user
        if permissions.must_use_two_factor(user) and authenticator.type == "totp":
            return False
        return bool(super().can_delete_authenticator(authenticator))


def _city_name(municipality: Any) -> str:
    """The city's name in the language of the mail (English readers get "Oshu City")."""
    if municipality is None:
        return ""
    if (get_language() or "").startswith("en") and municipality.name_en:
        return str(municipality.name_en)
    return str(municipality.name)
