"""What every e-mail the site sends has in common, and how the demo shows mail.

Django's console backend prints whole MIME messages (headers, base64 bodies), in which a
person trying the demo cannot find the link to click. ShortConsoleBackend prints who it is
for, the subject and the links, which is what one needs to follow a mail in the demo.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Sequence
from typing import Any, TextIO

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

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
