"""Every change to a user account goes through this module."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import Role, User
from tsunagaru.audit.services import audit_record, snapshot

PROFILE_FIELDS = (
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "display_name",
)


def user_register(*, user: User) -> User:
    """Save a person who signed up on the site (allauth calls this through our adapter).

    The address is not verified yet; allauth sends the verification mail afterwards.
    """
    if not user.display_name:
        user.display_name = user.family_name
    with transaction.atomic():
        user.full_clean(exclude=["password"])
        user.save()
        audit_record(
            actor=user, action="user.signup", target=user, after=snapshot(user, ("email", "role"))
        )
    return user


def user_create(
    *,
    email: str,
    password: str | None,
    family_name: str,
    display_name: str = "",
    role: str = Role.RESIDENT,
    by: User | None,
    **names: str,
) -> User:
    """Create an account whose e-mail address is already verified (staff or a command did it).

    Raises ValidationError with code "unique" for an address already in use.
    """
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            _("An account with this e-mail address already exists."), code="unique"
        )
    user = User(
        email=email,
        family_name=family_name,
        display_name=display_name or family_name,
        role=role,
        is_staff=role == Role.ADMINISTRATOR,
        is_superuser=role == Role.ADMINISTRATOR,
        **names,
    )
    user.set_password(password)
    with transaction.atomic():
        user.full_clean(exclude=["password"])
        user.save()
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        audit_record(
            actor=by, action="user.create", target=user, after=snapshot(user, ("email", "role"))
        )
    return user


def user_update_profile(*, user: User, data: dict[str, Any], by: User) -> User:
    """Change the names a person keeps on their profile. Unknown keys are ignored."""
    before = snapshot(user, PROFILE_FIELDS)
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(user, field, data[field])
    if not user.display_name:
        user.display_name = user.family_name
    after = snapshot(user, PROFILE_FIELDS)
    if after == before:
        return user
    with transaction.atomic():
        user.full_clean(exclude=["password"])
        user.save(update_fields=[*PROFILE_FIELDS])
        audit_record(
            actor=by, action="user.profile_update", target=user, before=before, after=after
        )
    return user


def user_set_reading(*, user: User, value: str, by: User) -> None:
    """Keep the text size, colours and furigana a person chose (core.reading's value) on their
    account. The caller checks the value."""
    if user.reading == value:
        return
    with transaction.atomic():
        audit_record(
            actor=by,
            action="user.reading_change",
            target=user,
            before={"reading": user.reading},
            after={"reading": value},
        )
        user.reading = value
        user.save(update_fields=["reading"])


def user_set_role(*, user: User, role: str, by: User) -> User:
    """Give a person another platform role; admin-site access follows the administrator role.

    Raises ValidationError with code "invalid_role". Whether `by` may do it is
    permissions.can_change_role.
    """
    if role not in Role.values:
        raise ValidationError(_("Choose a valid role."), code="invalid_role")
    before = snapshot(user, ("role",))
    if before["role"] == role:
        return user
    user.role = role
    user.is_staff = user.is_superuser = role == Role.ADMINISTRATOR
    with transaction.atomic():
        user.save(update_fields=["role", "is_staff", "is_superuser"])
        audit_record(
            actor=by, action="user.role_change", target=user, before=before, after={"role": role}
        )
    return user


def user_set_active(*, user: User, active: bool, by: User, reason: str = "") -> User:
    """Suspend or restore an account. A suspended person cannot log in."""
    if user.is_active == active:
        return user
    user.is_active = active
    with transaction.atomic():
        user.save(update_fields=["is_active"])
        audit_record(
            actor=by,
            action="user.activate" if active else "user.suspend",
            target=user,
            before={"is_active": not active},
            after={"is_active": active},
            note=reason,
        )
    return user


def user_activate_totp(*, user: User, secret: str, by: User | None) -> None:
    """Turn on TOTP sign-in with a secret set up outside the site (the demo, a support desk).

    People normally do this themselves through allauth's pages, which audit it too.
    """
    with transaction.atomic():
        TOTP.activate(user, secret)
        audit_record(actor=by, action="user.mfa_add", target=user, after={"type": "totp"})
