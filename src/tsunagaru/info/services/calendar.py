"""The personal calendar address (個人用カレンダーのURL): a secret token per person.

Whoever knows the address reads that person's events, so the token is a password in a URL:
at most one live token a person, a new one revokes the old, a revoked one answers nothing.
The token itself never enters the audit log (audit.services drops names ending in "token").
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record
from tsunagaru.info.models import CalendarToken


def calendar_token_create(*, user: User, by: User) -> CalendarToken:
    """Give `user` a new calendar address, revoking the one they had (if any).

    The caller checks that `by` may (a person makes their own).
    """
    with transaction.atomic():
        # Two clicks at once must not leave two live addresses: hold the person's row.
        User.objects.select_for_update().filter(pk=user.pk).first()
        revoked = _revoke_live(user)
        token = CalendarToken.objects.create(user=user)
        audit_record(
            actor=by,
            action="calendar_token.create",
            target=token,
            note=f"{revoked} earlier address(es) revoked" if revoked else "",
        )
    return token


def calendar_token_revoke(*, user: User, by: User) -> int:
    """Revoke `user`'s calendar address; returns how many were live (0 or 1).

    Calendar apps that subscribed to it get "not found" from then on.
    """
    with transaction.atomic():
        revoked = _revoke_live(user)
        if revoked:
            audit_record(actor=by, action="calendar_token.revoke", target=user)
    return revoked


def _revoke_live(user: User) -> int:
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), updated_at=timezone.now()
    )
