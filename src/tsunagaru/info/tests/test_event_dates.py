"""When an event takes place, as residents read it."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.utils import translation

from tsunagaru.info.templatetags.event_dates import event_when, wareki_month, yen

TOKYO = ZoneInfo("Asia/Tokyo")


def _event(start, end, all_day=False):
    return SimpleNamespace(starts_at=start, ends_at=end, all_day=all_day)


def test_a_day_with_its_weekday_and_times_in_wareki():
    event = _event(datetime(2026, 12, 5, 14, tzinfo=TOKYO), datetime(2026, 12, 5, 16, tzinfo=TOKYO))
    with translation.override("ja"):
        assert event_when(event) == "令和8年12月5日（土）14:00〜16:00"
    with translation.override("en"):
        assert event_when(event) == "Sat 5 December 2026 (Reiwa 8), 14:00–16:00"


def test_an_event_over_two_days_and_an_all_day_event():
    start = datetime(2026, 12, 5, 10, tzinfo=TOKYO)
    end = datetime(2026, 12, 6, 15, tzinfo=TOKYO)
    with translation.override("ja"):
        assert (
            event_when(_event(start, end)) == "令和8年12月5日（土）10:00〜令和8年12月6日（日）15:00"
        )
        assert (
            event_when(_event(start, end, all_day=True))
            == "令和8年12月5日（土）〜令和8年12月6日（日）"
        )
        assert event_when(_event(start, start, all_day=True)) == "令和8年12月5日（土）"


def test_a_time_stored_in_utc_is_read_in_tokyo():
    start = datetime(2026, 12, 5, 23, 30, tzinfo=ZoneInfo("UTC"))  # 6 December, 8:30 in Oshu
    with translation.override("ja"):
        assert event_when(_event(start, start)).startswith("令和8年12月6日（日）08:30")


def test_the_calendar_heading_and_the_fee():
    with translation.override("ja"):
        assert wareki_month(date(2026, 12, 1)) == "令和8年12月"
        assert wareki_month(date(2019, 5, 1)) == "令和元年5月"
        assert yen(1500) == "1,500円"
    with translation.override("en"):
        assert wareki_month(date(2026, 12, 1)) == "December 2026"
        assert yen(1500) == "¥1,500"
