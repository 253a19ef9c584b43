"""Reads of notices."""

from __future__ import annotations

from django.db.models import QuerySet

from tsunagaru.accounts.models import User
from tsunagaru.notices.models import Notice


def notice_list(*, user: User) -> QuerySet[Notice]:
    return Notice.objects.filter(user=user)


def unread_count(*, user: User) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).count()
