"""Every date a person reads: Japanese-calendar dates, times and fiscal years.

Usage: ``{% load japanese_dates %}{{ meeting.held_on|wareki }}``. Python code that writes a date
into text for people (notices, e-mails, choices, ``__str__``) calls the same functions:
``from tsunagaru.core.templatetags.japanese_dates import wareki``.

- a date: ``wareki`` (令和3年3月31日 / 31 March 2021 (Reiwa 3))
- a date and time: ``wareki_datetime`` (令和3年3月31日 14:05; ``:"seconds"`` adds seconds)
- a fiscal year: ``nendo`` (of a date), ``nendo_of`` (of a year number), ``fiscal_year_choices``

Japanese and やさしい日本語 read 和暦, English the Western calendar. Machines read the ISO form
from ``<time datetime="{{ value|date:'c' }}">`` around the text.

Filters never raise: an empty value renders as "", and a date outside the era
table (before 1873) falls back to its ISO form rather than disappearing.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from tsunagaru.core import dates

register = template.Library()


def _is_english() -> bool:
    # get_language() is None when translations are deactivated; ja and ja-easy
    # both read Japanese, so only English needs its own form.
    return (get_language() or "").startswith("en")


def _to_date(value: object) -> date | None:
    """Return the calendar date of ``value`` as seen locally, or None if it isn't a date."""
    if isinstance(value, datetime):
        # An aware datetime is a moment; the date people expect is the one in
        # the site's time zone, not UTC's.
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    if isinstance(value, date):
        return value
    return None


@register.filter
def wareki(value: object) -> str:
    """Render a date as ``令和3年3月31日`` (English: ``31 March 2021 (Reiwa 3)``)."""
    d = _to_date(value)
    if d is None:
        return ""
    try:
        return dates.format_wareki_en(d) if _is_english() else dates.format_wareki(d)
    except ValueError:
        return d.isoformat()


@register.filter
def wareki_year(value: object) -> str:
    """A bare Western year (a group's founding year) as ``平成27年（2015年）``; English: ``2015``.

    A year in which the era changed is named by the new era (2019 is 令和元年), as the year
    is reckoned at its end."""
    if not isinstance(value, int) or isinstance(value, bool):
        return ""
    if _is_english():
        return str(value)
    try:
        return f"{dates.format_wareki_year(date(value, 12, 31))}（{value}年）"
    except ValueError:  # before the first era the calendar knows
        return f"{value}年"


@register.filter
def wareki_datetime(value: object, precision: str = "") -> str:
    """Render a moment as ``令和3年3月31日 14:05`` (English: ``31 March 2021 (Reiwa 3), 14:05``).

    ``precision="seconds"`` adds the seconds (the audit log). A plain date renders as ``wareki``.
    """
    if not isinstance(value, datetime):
        return wareki(value)
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    clock = value.strftime("%H:%M:%S" if precision == "seconds" else "%H:%M")
    separator = ", " if _is_english() else " "
    return f"{wareki(value)}{separator}{clock}"


@register.filter
def wareki_short(value: object) -> str:
    """Render a date as ``R3.3.31`` in every language."""
    d = _to_date(value)
    if d is None:
        return ""
    try:
        return dates.format_wareki(d, short=True)
    except ValueError:
        return d.isoformat()


def fiscal_year_text(fy: int) -> str:
    """A fiscal year as people read it: ``令和3年度`` (English: ``FY2021 (Reiwa 3)``)."""
    return _fiscal_year_text(fy)


def fiscal_year_choices(first: int, last: int) -> list[tuple[int, str]]:
    """Choices for a fiscal-year field, newest first: ``[(2021, "令和3年度"), ...]``."""
    return [(fy, _fiscal_year_text(fy)) for fy in range(last, first - 1, -1)]


def _fiscal_year_text(fy: int) -> str:
    try:
        era, year = dates.fiscal_year_era_year(fy)
    except ValueError:
        return dates.fiscal_year_label_en(fy)
    if _is_english():
        return f"{dates.fiscal_year_label_en(fy)} ({era.romaji} {year})"
    return dates.fiscal_year_label(fy)


@register.filter
def nendo(value: object) -> str:
    """Render the fiscal year containing a date: ``令和3年度`` (English: ``FY2021 (Reiwa 3)``)."""
    d = _to_date(value)
    if d is None:
        return ""
    return _fiscal_year_text(dates.fiscal_year(d))


@register.filter
def nendo_of(value: object) -> str:
    """Render a fiscal year given as a number (2021 → ``令和3年度``)."""
    # bool is an int subclass; True is not a fiscal year.
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return _fiscal_year_text(value)
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return _fiscal_year_text(int(value.strip()))
    return ""
