"""The private link to a question's page, mailed to the person who asked.

The link carries the question's number signed with the site's secret (django.core.signing),
so it cannot be guessed from another question's link and needs no column. A guest has no
account: the link is their only way back to the answer.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

_SALT = "tsunagaru.support.question-link"


def question_token(pk: int) -> str:
    return signing.dumps(pk, salt=_SALT)


def question_pk(token: str) -> int | None:
    """The question number in `token`, or None when the token is not one of ours."""
    try:
        value = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def question_url(pk: int, *, absolute: bool = False) -> str:
    path = reverse("support:question", args=[question_token(pk)])
    return str(settings.SITE_URL) + path if absolute else path
