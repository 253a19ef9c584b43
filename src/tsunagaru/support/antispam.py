"""Spam resistance without a CAPTCHA (which shuts out people who cannot read distorted text or
solve puzzles): a signed time token in each question form and a honeypot field.

The token is the time the form was shown, signed with the site's secret. A person needs more
than MIN_SECONDS to read the form and write a question; a form older than MAX_SECONDS is
refused too, so one harvested token cannot be replayed for days. Both refusals keep what was
typed and give a fresh token, so a person only has to press the button again.
"""

from __future__ import annotations

import time

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MIN_SECONDS = 3
MAX_SECONDS = 2 * 60 * 60
_SALT = "tsunagaru.support.ask-form"


def form_token(*, now: float | None = None) -> str:
    """A token saying when the form was shown."""
    return signing.dumps({"t": int(now if now is not None else time.time())}, salt=_SALT)


def check_form_token(token: str, *, now: float | None = None) -> None:
    """Refuse a form sent too fast, too late, or without a token of ours.

    Raises ValidationError with code "too_fast", "too_old" or "bad_token".
    """
    now = now if now is not None else time.time()
    try:
        shown = float(signing.loads(token, salt=_SALT)["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise ValidationError(
            _("The form could not be checked. Please press the button again."), code="bad_token"
        ) from error
    age = now - shown
    if age < MIN_SECONDS:
        raise ValidationError(
            _("That was very fast. Please check your question and press the button again."),
            code="too_fast",
        )
    if age > MAX_SECONDS:
        raise ValidationError(
            _(
                "The form was open for a long time. What you wrote is kept: "
                "please press the button again."
            ),
            code="too_old",
        )
