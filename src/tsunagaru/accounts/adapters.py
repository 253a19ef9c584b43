"""django-allauth hooks: sign-up goes through our service, so it is validated and audited."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest

from tsunagaru.accounts import permissions, services
from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def save_user(
        self, request: HttpRequest, user: Any, form: BaseForm, commit: bool = True
    ) -> Any:
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        for field in services.PROFILE_FIELDS:
            if field in data:
                setattr(user, field, data[field])
        if commit:
            services.user_register(user=user)
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
    def can_delete_authenticator(self, authenticator: Any) -> bool:
        # Staff and administrators must keep two-factor sign-in (see permissions).
        user: User = authenticator.user
        if permissions.must_use_two_factor(user) and authenticator.type == "totp":
            return False
        return bool(super().can_delete_authenticator(authenticator))
