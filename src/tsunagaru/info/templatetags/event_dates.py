"""When an event takes place, as people read it: 令和8年12月5日（土）14:00〜16:00.

English reads "Sat 5 December 2026 (Reiwa 8), 14:00–16:00". An event over several days names
both days; an all-day event has no times. ``{% load event_dates %}{{ event|event_when }}``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from tsunagaru.core.templatetags.japanese_dates import wareki

register = template.Library()

_WEEKDAYS_JA = "月火水木金土日"
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _english() -> bool:
    return (get_language() or "").startswith("en")


def day_text(moment: datetime) -> str:
    """令和8年12月5日（土） / Sat 5 December 2026 (Reiwa 8)."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    if _english():
        return f"{_WEEKDAYS_EN[local.weekday()]} {wareki(local)}"
    return f"{wareki(local)}（{_WEEKDAYS_JA[local.weekday()]}）"


@register.filter
def event_when(event: Any) -> str:
    # A filter never raises: anything that is not an event with a start reads as nothing.
    starts, ends = getattr(event, "starts_at", None), getattr(event, "ends_at", None)
    if not isinstance(starts, datetime):
        return ""
    if not isinstance(ends, datetime):
        ends = starts
    start = timezone.localtime(starts)
    end = timezone.localtime(ends)
    dash = "–" if _english() else "〜"
    same_day = start.date() == end.date()
    if getattr(event, "all_day", False) is True:
        return day_text(start) if same_day else f"{day_text(start)}{dash}{day_text(end)}"
    # 令和8年12月5日（土）14:00〜16:00: the weekday's bracket already separates the time.
    separator = ", " if _english() else ""
    if same_day:
        return f"{day_text(start)}{separator}{start:%H:%M}{dash}{end:%H:%M}"
    return f"{day_text(start)}{separator}{start:%H:%M}{dash}{day_text(end)}{separator}{end:%H:%M}"


@register.filter
def yen(value: Any) -> str:
    """1,500円 / ¥1,500."""
    try:
        amount = int(value)
    except (TypeError, ValueError):
        return ""
    return f"¥{amount:,}" if _english() else f"{amount:,}円"


@register.filter
def wareki_month(value: Any) -> str:
    """令和8年12月 / December 2026 (Reiwa 8): a calendar's heading."""
    if value is None:
        return ""
    if _english():
        return f"{value:%B %Y}"
    day = wareki(value)  # 令和8年12月1日
    return day[: day.index("月") + 1] if "月" in day else day
