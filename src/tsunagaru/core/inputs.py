"""Untrusted input made safe in one place: whole numbers from a query string, and one-line
texts (names and titles that end up in e-mail headers).

Both patterns caused 500s anyone could trigger: `int()` of a 20-digit `?year=` overflows the
database's integer, `"²".isdigit()` is true yet `int("²")` fails; and a name with a line break
makes every later mail with it in the subject fail (BadHeaderError) after the change was saved.
"""

from __future__ import annotations

import re
from typing import overload

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# ASCII digits only (str.isdigit also accepts "²" and "٣"), at most nine of them, so the value
# always fits every database's integer.
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
# Full-width digits (２０２６) are common in Japanese spreadsheets and IME input.
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


@overload
def whole_number(raw: object, *, default: int, low: int = ..., high: int = ...) -> int: ...
@overload
def whole_number(
    raw: object, *, default: None = ..., low: int = ..., high: int = ...
) -> int | None: ...
def whole_number(
    raw: object, *, default: int | None = None, low: int = 0, high: int = 999_999_999
) -> int | None:
    """The whole number in `raw` (a query-string value, a cell) if in [low, high], else `default`.

    Never raises: a link with a wrong number shows the default page, not an error.
    """
    text = str(raw or "").strip().translate(_FULL_WIDTH_DIGITS)
    if not _WHOLE_NUMBER.fullmatch(text):
        return default
    value = int(text)
    return value if low <= value <= high else default


def has_line_break(value: str) -> bool:
    return bool(_LINE_BREAKS.search(value))


def validate_single_line(value: str) -> None:
    """Refuse a line break in a text meant for one line (a name, a title). Code "line_break"."""
    if has_line_break(str(value)):
        raise ValidationError(_("Write this on one line, without line breaks."), code="line_break")


def require_single_line(obj: object, *names: str) -> None:
    """Raise one ValidationError naming each of `obj`'s fields in `names` that has a line break.

    Services call this before saving, so a form, the API, an import and the demo are all held
    to it, not only the pages' forms.
    """
    errors: dict[str, list[ValidationError]] = {}
    for name in names:
        try:
            validate_single_line(str(getattr(obj, name, "") or ""))
        except ValidationError as error:
            errors[name] = [error]
    if errors:
        raise ValidationError(errors)
