"""Japanese calendar (和暦) and fiscal year (年度) helpers.

Pure Python on purpose: the era table is in-house rather than taken from the
platform's locale data, so output is the same on every server and testable
without Django.

Only dates from 1873-01-01 are supported. Japan adopted the Gregorian calendar
on that day (明治6年1月1日); earlier 明治 dates were counted on the lunisolar
calendar and cannot be converted by simple year arithmetic.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

__all__ = [
    "ERAS",
    "Era",
    "era_of",
    "era_year",
    "fiscal_year",
    "fiscal_year_end",
    "fiscal_year_era_year",
    "fiscal_year_label",
    "fiscal_year_label_en",
    "fiscal_year_label_short",
    "fiscal_year_start",
    "format_wareki",
    "format_wareki_en",
    "format_wareki_year",
    "parse_wareki",
]


@dataclass(frozen=True)
class Era:
    """One Japanese era (元号).

    ``start`` is the first day this module treats as belonging to the era;
    ``first_year`` is the Gregorian year that counts as the era's year 1 (元年).
    They differ only for 明治, whose range here begins in its sixth year.
    """

    name: str
    letter: str
    romaji: str
    start: date
    first_year: int


ERAS: tuple[Era, ...] = (
    # 明治 really began in 1868, but only its Gregorian part (from 明治6年) is in range.
    Era("明治", "M", "Meiji", date(1873, 1, 1), 1868),
    Era("大正", "T", "Taisho", date(1912, 7, 30), 1912),
    Era("昭和", "S", "Showa", date(1926, 12, 25), 1926),
    Era("平成", "H", "Heisei", date(1989, 1, 8), 1989),
    Era("令和", "R", "Reiwa", date(2019, 5, 1), 2019),
)

_ERAS_BY_NAME = {era.name: era for era in ERAS}
_ERAS_BY_LETTER = {era.letter: era for era in ERAS}

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _as_date(d: date) -> date:
    # A datetime is a date subclass, but comparing one with a plain date raises
    # TypeError, so drop the time part (the caller decides the time zone).
    return d.date() if isinstance(d, datetime) else d


def _era_end(era: Era) -> date | None:
    """Return the era's last day, or None for the current era."""
    index = ERAS.index(era)
    if index + 1 == len(ERAS):
        return None
    return date.fromordinal(ERAS[index + 1].start.toordinal() - 1)


def era_of(d: date) -> Era:
    """Return the era in force on ``d``.

    Raises ValueError for dates before 1873-01-01.
    """
    d = _as_date(d)
    for era in reversed(ERAS):
        if d >= era.start:
            return era
    raise ValueError(f"{d.isoformat()} is before {ERAS[0].start.isoformat()}, the earliest date")


def era_year(d: date) -> tuple[Era, int]:
    """Return ``(era, year of the era)`` for ``d``; year 1 is 元年."""
    d = _as_date(d)
    era = era_of(d)
    return era, d.year - era.first_year + 1


def _year_text(year: int) -> str:
    # Written Japanese says 元年 for an era's first year, never 1年.
    return "元" if year == 1 else str(year)


def format_wareki(d: date, *, short: bool = False, with_western: bool = False) -> str:
    """Format ``d`` in the Japanese calendar.

    >>> format_wareki(date(2021, 3, 31))
    '令和3年3月31日'
    >>> format_wareki(date(2019, 5, 1))
    '令和元年5月1日'
    >>> format_wareki(date(2019, 5, 1), short=True)
    'R1.5.1'
    >>> format_wareki(date(2021, 3, 31), with_western=True)
    '令和3年（2021年）3月31日'
    >>> format_wareki(date(2021, 3, 31), short=True, with_western=True)
    'R3.3.31 (2021)'
    """
    d = _as_date(d)
    era, year = era_year(d)
    if short:
        # The abbreviated form is for tables and forms, where 元 would break the
        # letter-digits pattern, so year 1 stays "1".
        text = f"{era.letter}{year}.{d.month}.{d.day}"
        return f"{text} ({d.year})" if with_western else text
    western = f"（{d.year}年）" if with_western else ""
    return f"{era.name}{_year_text(year)}年{western}{d.month}月{d.day}日"


def format_wareki_year(value: date | tuple[Era, int]) -> str:
    """Format an era year, e.g. ``令和3年`` or ``令和元年``.

    Accepts a date or an ``(era, year)`` pair as returned by :func:`era_year`.
    """
    if isinstance(value, date):
        era, year = era_year(value)
    else:
        era, year = value
        if year < 1:
            raise ValueError(f"era year must be 1 or more, not {year}")
    return f"{era.name}{_year_text(year)}年"


def format_wareki_en(d: date) -> str:
    """Format ``d`` for English readers, e.g. ``31 March 2021 (Reiwa 3)``."""
    d = _as_date(d)
    era, year = era_year(d)
    # Month names come from a fixed table, not strftime, which depends on the OS locale.
    return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year} ({era.romaji} {year})"


def fiscal_year(d: date) -> int:
    """Return the fiscal year (年度) containing ``d``.

    A 年度 runs 1 April – 31 March and is named by the calendar year it starts in.
    """
    d = _as_date(d)
    return d.year if d.month >= 4 else d.year - 1


def fiscal_year_start(fy: int) -> date:
    """Return the first day (1 April) of fiscal year ``fy``."""
    return date(fy, 4, 1)


def fiscal_year_end(fy: int) -> date:
    """Return the last day (31 March of the next year) of fiscal year ``fy``."""
    return date(fy + 1, 3, 31)


def fiscal_year_era_year(fy: int) -> tuple[Era, int]:
    """Return the ``(era, year)`` a fiscal year is named by.

    The era is the one in force on 1 April, except that an era beginning during
    the year's April or May names the whole year.
    """
    start = fiscal_year_start(fy)
    era = era_of(start)
    # Why the exception: 令和 began on 2019-05-01, a month into 2019年度, and
    # government documents call that year 令和元年度, not 平成31年度. An era that
    # begins later in the year (大正 on 30 July, 昭和 on 25 December) does not rename
    # it: 1912年度 is 明治45年度 and 1926年度 is 大正15年度. 平成 began before
    # 1 April 1989, so 1989年度 is 平成元年度 under the main rule.
    for later in ERAS[ERAS.index(era) + 1 :]:
        if later.start < date(fy, 6, 1):
            era = later
    return era, fy - era.first_year + 1


def fiscal_year_label(fy: int) -> str:
    """Return the Japanese label of fiscal year ``fy``, e.g. ``令和3年度``."""
    era, year = fiscal_year_era_year(fy)
    return f"{era.name}{_year_text(year)}年度"


def fiscal_year_label_short(fy: int) -> str:
    """Return the abbreviated label of fiscal year ``fy``, e.g. ``R3年度`` (2019 → ``R1年度``)."""
    era, year = fiscal_year_era_year(fy)
    return f"{era.letter}{year}年度"


def fiscal_year_label_en(fy: int) -> str:
    """Return the English label of fiscal year ``fy``, e.g. ``FY2021``."""
    return f"FY{fy}"


_ERA_NAMES = "|".join(_ERAS_BY_NAME)
_ERA_LETTERS = "".join(_ERAS_BY_LETTER)
# [0-9] rather than \d: \d would also accept digits from other scripts.
_LONG_RE = re.compile(
    rf"(?P<era>{_ERA_NAMES})\s*(?P<year>元|[0-9]{{1,2}})\s*年\s*"
    r"(?:\(\s*(?P<western>[0-9]{4})\s*年?\s*\)\s*)?"
    r"(?P<month>[0-9]{1,2})\s*月\s*(?P<day>[0-9]{1,2})\s*日"
)
_SHORT_RE = re.compile(
    rf"(?P<era>[{_ERA_LETTERS}])\s*(?P<year>元|[0-9]{{1,2}})\s*\.\s*"
    r"(?P<month>[0-9]{1,2})\s*\.\s*(?P<day>[0-9]{1,2})",
    re.IGNORECASE,
)


def parse_wareki(text: str) -> date:
    """Parse a Japanese-calendar date.

    Accepts ``令和3年3月31日``, ``令和元年5月1日``, ``令和3年（2021年）3月31日``,
    ``R3.3.31`` and ``H31.4.30``, in full-width or half-width characters.
    Raises ValueError for text that is not such a date, or names a day that
    does not exist in that era (``平成32年1月1日``, ``令和元年4月30日``).
    """
    # NFKC folds full-width digits, letters and punctuation to ASCII, and the
    # one-character era signs (㋿, ㍻, ...) to their two kanji.
    normalized = unicodedata.normalize("NFKC", text).strip()
    match = _LONG_RE.fullmatch(normalized)
    if match is not None:
        era = _ERAS_BY_NAME[match["era"]]
    else:
        match = _SHORT_RE.fullmatch(normalized)
        if match is None:
            raise ValueError(f"not a Japanese-calendar date: {text!r}")
        era = _ERAS_BY_LETTER[match["era"].upper()]

    year = 1 if match["year"] == "元" else int(match["year"])
    if year < 1:
        raise ValueError(f"era year must be 1 or more: {text!r}")
    western_year = era.first_year + year - 1
    # date() itself rejects impossible days such as 2月30日.
    result = date(western_year, int(match["month"]), int(match["day"]))

    western = match.groupdict().get("western")
    if western is not None and int(western) != western_year:
        raise ValueError(f"{era.name}{year}年 is {western_year}, not {western}: {text!r}")
    end = _era_end(era)
    if result < era.start or (end is not None and result > end):
        raise ValueError(f"{text!r} is outside {era.name} ({_era_range(era)})")
    return result


def _era_range(era: Era) -> str:
    end = _era_end(era)
    if end is None:
        return f"from {era.start.isoformat()}"
    return f"{era.start.isoformat()} to {end.isoformat()}"
