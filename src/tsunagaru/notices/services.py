"""Every write of notices: sending (on the site and by e-mail) and marking as read."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from tsunagaru.accounts.models import User
from tsunagaru.core.mail import mail_subject
from tsunagaru.notices.models import Notice


def notice_send(
    *, users: Iterable[User], subject: str, message: str, url: str = "", body: str = ""
) -> int:
    """Tell each active user: a notice on the site and an e-mail with the link. The mail goes
    once the caller's transaction commits, so a rolled-back step tells nobody. Returns the
    number of people told. `body`, if given, is the whole mail text (with the link in it)
    instead of the message and the link."""
    people = {u.pk: u for u in users if u.is_active}
    Notice.objects.bulk_create(
        [Notice(user=u, message=message[:300], url=url) for u in people.values()]
    )
    addresses = sorted({u.email for u in people.values() if u.email})
    if addresses:
        link = str(settings.SITE_URL) + url if url.startswith("/") else url
        text = body or (f"{message}\n\n{link}\n" if link else f"{message}\n")

        def send() -> None:
            # One message per person: nobody sees the others' addresses.
            for address in addresses:
                EmailMessage(
                    mail_subject(subject), text, settings.DEFAULT_FROM_EMAIL, [address]
                ).send()

        transaction.on_commit(send)
    return len(people)


def notices_read(*, user: User, notice_ids: Iterable[int] | None = None) -> int:
    """Mark a person's notices as read (all of them, or those given). Returns how many."""
    unread = Notice.objects.filter(user=user, read_at__isnull=True)
    if notice_ids is not None:
        unread = unread.filter(pk__in=list(notice_ids))
    return unread.update(read_at=timezone.now())
