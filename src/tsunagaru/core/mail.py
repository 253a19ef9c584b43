"""What every e-mail the site sends has in common, how mail survives a mail server that is
down, and how the demo shows mail.

Mail is sent after the change it tells of is saved (transaction.on_commit). If the mail server
is down at that moment, Django's SMTP backend raises and the person sees an error page for a
change that was in fact made — and the mail is lost. RetryingSMTPBackend hands such a mail to
the task worker instead (core.tasks.mail_retry), which tries again with growing pauses.

Django's console backend prints whole MIME messages (headers, base64 bodies), in which a
person trying the demo cannot find the link to click. ShortConsoleBackend prints who it is
for, the subject and the links, which is what one needs to follow a mail in the demo.
"""

from __future__ import annotations

import base64
import logging
import re
import smtplib
import sys
import threading
from collections.abc import Sequence
from datetime import timedelta
from typing import Any, TextIO

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import EmailMessage
from django.utils import timezone

logger = logging.getLogger(__name__)
# Pauses before each new try of a held mail: about a day and a half in all, then given up.
RETRY_PAUSES = tuple(timedelta(minutes=m) for m in (1, 5, 15, 60, 180, 360, 720, 720))

_LINK = re.compile(r"https?://[^\s<>\"]+")


class ShortConsoleBackend(BaseEmailBackend):
    """Print each mail as 「✉ to: subject」 plus its links (settings.EMAIL_BACKEND)."""

    def __init__(self, *args: Any, stream: TextIO | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stream = stream or sys.stdout
        self._lock = threading.RLock()

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        with self._lock:
            for message in email_messages:
                self.stream.write(short_form(message))
            self.stream.flush()
        return len(email_messages)


class RetryingSMTPBackend(SMTPBackend):
    """SMTP that never turns a saved change into an error page: a mail the server cannot take
    now (down, timed out, a temporary refusal) is held for the task worker to send later. A
    permanent refusal of an address (5xx) is logged, not retried."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        messages = [m for m in email_messages if m.recipients()]
        try:
            opened = self.open()
        except (smtplib.SMTPException, OSError) as error:
            _hold_all(messages, error)
            return 0
        sent = 0
        try:
            for position, message in enumerate(messages):
                try:
                    sent += int(self._send(message))  # type: ignore[attr-defined]  # not in the stubs
                except smtplib.SMTPRecipientsRefused as error:
                    if not permanent(error):
                        _hold_all([message], error)
                        continue
                    logger.error("Mail refused for %s: %s", message.recipients(), error)
                except (smtplib.SMTPException, OSError) as error:
                    # The connection is in doubt: hold this mail and every one after it.
                    _hold_all(messages[position:], error)
                    break
        finally:
            if opened:
                self._close_quietly()
        return sent

    def _close_quietly(self) -> None:
        try:
            self.close()
        except (smtplib.SMTPException, OSError):
            self.connection = None


def permanent(error: smtplib.SMTPRecipientsRefused) -> bool:
    """Whether every address was refused for good (5xx), not for now (4xx, e.g. greylisting)."""
    return all(code >= 500 for code, _text in error.recipients.values())


def _hold_all(messages: Sequence[EmailMessage], error: BaseException) -> None:
    for message in messages:
        logger.warning("Mail to %s held for later: %s", message.recipients(), error)
        hold(raw(message), sender=message.from_email, recipients=message.recipients(), attempt=0)


def raw(message: EmailMessage) -> str:
    """The message as sent over SMTP (RFC 5322 bytes, CRLF), base64 so a task can carry it."""
    return base64.b64encode(message.message().as_bytes(linesep="\r\n")).decode("ascii")


def hold(content: str, *, sender: str, recipients: list[str], attempt: int) -> bool:
    """Queue the mail's next try after RETRY_PAUSES[attempt]; False when the tries are used up."""
    from tsunagaru.core.tasks import mail_retry  # tasks import this module

    if attempt >= len(RETRY_PAUSES):
        logger.error("Mail to %s given up after %d tries", recipients, attempt)
        return False
    mail_retry.using(run_after=timezone.now() + RETRY_PAUSES[attempt]).enqueue(
        content=content, sender=sender, recipients=recipients, attempt=attempt + 1
    )
    return True


def send_raw(content: str, *, sender: str, recipients: list[str]) -> None:
    """Send a held mail as it was written; raises what SMTP raises."""
    backend = SMTPBackend(fail_silently=False)
    backend.open()
    try:
        assert backend.connection is not None  # noqa: S101 - open() made it
        backend.connection.sendmail(sender, recipients, base64.b64decode(content))
    finally:
        backend.close()


def short_form(message: EmailMessage) -> str:
    """The mail in a few lines: recipients and subject, then each link once."""
    links = list(dict.fromkeys(_LINK.findall(str(message.body))))
    lines = [f"✉ {', '.join(message.to)}: {message.subject}"]
    lines += [f"    {link}" for link in links]
    return "\n".join(lines) + "\n"


def mail_subject(text: str) -> str:
    """The subject line for `text`: the site's one prefix (settings.EMAIL_SUBJECT_PREFIX, also
    used by allauth's account mails) and no line breaks, which a mail header cannot carry."""
    return settings.EMAIL_SUBJECT_PREFIX + " ".join(str(text).split())
