"""django-allauth hooks: sign-up goes through our service, so it is validated and audited."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest

from tsunagaru.accounts import permissions, services
from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record
from tsunagaru.core.request_context import client_ip


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
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
