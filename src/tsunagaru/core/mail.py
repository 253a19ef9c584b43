"""What every e-mail the site sends has in common."""

from __future__ import annotations

from django.conf import settings


def mail_subject(text: str) -> str:
    """The subject line for `text`: the site's one prefix (settings.EMAIL_SUBJECT_PREFIX, also
    used by allauth's account mails) and no line breaks, which a mail header cannot carry."""
    return settings.EMAIL_SUBJECT_PREFIX + " ".join(str(text).split())
