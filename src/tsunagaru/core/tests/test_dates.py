"""Tests for the Japanese calendar and fiscal-year helpers and their template filters."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation

from tsunagaru.core.dates import (
    ERAS,
    Era,
    era_of,
    era_year,
    fiscal_year,
    fiscal_year_end,
    fiscal_year_era_year,
    fiscal_year_label,
    fiscal_year_label_en,
    fiscal_year_label_short,
    fiscal_year_start,
    format_wareki,
    format_wareki_en,
    format_wareki_year,
    parse_wareki,
)

# Last day of one era and first day of the next, with both renderings.
ERA_BOUNDARIES = [
    (date(1912, 7, 29), "明治45年7月29日", "M45.7.29"),
    (date(1912, 7, 30), "大正元年7月30日", "T1.7.30"),
    (date(1926, 12, 24), "大正15年12月24日", "T15.12.24"),
    (date(1926, 12, 25), "昭和元年12月25日", "S1.12.25"),
    (date(1989, 1, 7), "昭和64年1月7日", "S64.1.7"),
    (date(1989, 1, 8), "平成元年1月8日", "H1.1.8"),
    (date(2019, 4, 30), "平成31年4月30日", "H31.4.30"),
    (date(2019, 5, 1), "令和元年5月1日", "R1.5.1"),
]


# --- Eras -------------------------------------------------------------------


def test_eras_are_listed_in_order_with_their_names_and_letters() -> None:
    assert [(e.name, e.letter, e.romaji, e.start) for e in ERAS] == [
        ("明治", "M", "Meiji", date(1873, 1, 1)),
        ("大正", "T", "Taisho", date(1912, 7, 30)),
        ("昭和", "S", "Showa", date(1926, 12, 25)),
        ("平成", "H", "Heisei", date(1989, 1, 8)),
        ("令和", "R", "Reiwa", date(2019, 5, 1)),
    ]


@pytest.mark.parametrize(
    ("day", "era_name", "year"),
    [
        (date(1873, 1, 1), "明治", 6),
        (date(1912, 7, 29), "明治", 45),
        (date(1912, 7, 30), "大正", 1),
        (date(1926, 12, 24), "大正", 15),
        (date(1926, 12, 25), "昭和", 1),
        (date(1989, 1, 7), "昭和", 64),
        (date(1989, 1, 8), "平成", 1),
        (date(2019, 4, 30), "平成", 31),
        (date(2019, 5, 1), "令和", 1),
        (date(2021, 3, 31), "令和", 3),
    ],
)
def test_each_day_belongs_to_the_era_in_force_that_day(day: date, era_name: str, year: int) -> None:
    era, era_y = era_year(day)
    assert (era.name, era_y) == (era_name, year)
    assert era_of(day) == era


def test_a_datetime_belongs_to_the_era_of_its_date() -> None:
    assert era_of(datetime(2019, 5, 1, 0, 0)).name == "令和"


@pytest.mark.parametrize("day", [date(1872, 12, 31), date(1868, 10, 23), date(1, 1, 1)])
def test_dates_before_the_gregorian_calendar_was_adopted_are_out_of_range(day: date) -> None:
    with pytest.raises(ValueError, match="before"):
        era_of(day)
    with pytest.raises(ValueError, match="before"):
        format_wareki(day)


# --- Formatting -------------------------------------------------------------


@pytest.mark.parametrize(("day", "long", "short"), ERA_BOUNDARIES)
def test_era_boundaries_format_on_the_right_side(day: date, long: str, short: str) -> None:
    assert format_wareki(day) == long
    assert format_wareki(day, short=True) == short


@pytest.mark.parametrize(
    ("day", "kwargs", "expected"),
    [
        (date(2021, 3, 31), {}, "令和3年3月31日"),
        (date(2021, 3, 31), {"short": True}, "R3.3.31"),
        (date(2021, 3, 31), {"with_western": True}, "令和3年（2021年）3月31日"),
        (date(2019, 5, 1), {"with_western": True}, "令和元年（2019年）5月1日"),
        (date(2021, 3, 31), {"short": True, "with_western": True}, "R3.3.31 (2021)"),
        (date(1873, 1, 1), {}, "明治6年1月1日"),
        (datetime(2021, 3, 31, 23, 59), {}, "令和3年3月31日"),
    ],
)
def test_format_wareki_renders_each_style(
    day: date, kwargs: dict[str, bool], expected: str
) -> None:
    assert format_wareki(day, **kwargs) == expected


@pytest.mark.parametrize(
    "day", [date(1912, 7, 30), date(1926, 12, 25), date(1989, 1, 8), date(2019, 5, 1)]
)
def test_the_first_year_of_an_era_is_written_gannen_never_1(day: date) -> None:
    text = format_wareki(day)
    assert "元年" in text
    assert "1年" not in text
    assert "01年" not in text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2021, 3, 31), "令和3年"),
        (date(2019, 5, 1), "令和元年"),
        (date(2019, 4, 30), "平成31年"),
        ((ERAS[4], 3), "令和3年"),
        ((ERAS[3], 1), "平成元年"),
    ],
)
def test_format_wareki_year_names_the_era_year(
    value: date | tuple[Era, int], expected: str
) -> None:
    assert format_wareki_year(value) == expected


def test_format_wareki_year_rejects_a_year_zero() -> None:
    with pytest.raises(ValueError, match="1 or more"):
        format_wareki_year((ERAS[4], 0))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2021, 3, 31), "31 March 2021 (Reiwa 3)"),
        (date(2019, 5, 1), "1 May 2019 (Reiwa 1)"),
        (date(2019, 4, 30), "30 April 2019 (Heisei 31)"),
        (date(1926, 12, 25), "25 December 1926 (Showa 1)"),
        (date(1912, 7, 30), "30 July 1912 (Taisho 1)"),
    ],
)
def test_format_wareki_en_gives_the_western_date_with_the_era_year(
    day: date, expected: str
) -> None:
    assert format_wareki_en(day) == expected


# --- Parsing ----------------------------------------------------------------


@pytest.mark.parametrize(("day", "long", "short"), ERA_BOUNDARIES)
def test_era_boundaries_parse_back_to_the_same_day(day: date, long: str, short: str) -> None:
    assert parse_wareki(long) == day
    assert parse_wareki(short) == day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和3年3月31日", date(2021, 3, 31)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("令和1年5月1日", date(2019, 5, 1)),
        ("R3.3.31", date(2021, 3, 31)),
        ("R03.03.31", date(2021, 3, 31)),
        ("r3.3.31", date(2021, 3, 31)),
        ("H31.4.30", date(2019, 4, 30)),
        ("令和3年（2021年）3月31日", date(2021, 3, 31)),
        ("  令和3年3月31日\n", date(2021, 3, 31)),
        ("令和 3年 3月 31日", date(2021, 3, 31)),
        ("明治6年1月1日", date(1873, 1, 1)),
    ],
)
def test_parse_wareki_accepts_long_and_short_forms(text: str, expected: date) -> None:
    assert parse_wareki(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和３年３月３１日", date(2021, 3, 31)),
        ("Ｒ３．３．３１", date(2021, 3, 31)),
        ("Ｈ３１．４．３０", date(2019, 4, 30)),
        ("令和３年（２０２１年）３月３１日", date(2021, 3, 31)),
        ("㋿3年3月31日", date(2021, 3, 31)),
        ("㍻31年4月30日", date(2019, 4, 30)),
    ],
)
def test_parse_wareki_accepts_full_width_characters_and_era_signs(
    text: str, expected: date
) -> None:
    assert parse_wareki(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("平成32年1月1日", id="heisei-after-it-ended"),
        pytest.param("平成31年5月1日", id="heisei-on-reiwa-first-day"),
        pytest.param("H31.5.1", id="short-heisei-on-reiwa-first-day"),
        pytest.param("令和元年4月30日", id="reiwa-before-it-started"),
        pytest.param("R1.4.30", id="short-reiwa-before-it-started"),
        pytest.param("昭和64年1月8日", id="showa-on-heisei-first-day"),
        pytest.param("平成元年1月7日", id="heisei-before-it-started"),
        pytest.param("大正元年7月29日", id="taisho-before-it-started"),
        pytest.param("明治5年12月31日", id="before-gregorian-calendar"),
        pytest.param("令和0年5月1日", id="year-zero"),
        pytest.param("令和3年2月29日", id="no-leap-day"),
        pytest.param("令和3年13月1日", id="month-13"),
        pytest.param("令和3年4月31日", id="april-31"),
        pytest.param("令和3年（2020年）3月31日", id="western-year-disagrees"),
        pytest.param("X3.3.31", id="unknown-era-letter"),
        pytest.param("2021年3月31日", id="no-era"),
        pytest.param("令和3年3月", id="no-day"),
        pytest.param("", id="empty"),
        pytest.param("令和٣年3月31日", id="non-latin-digits"),
    ],
)
def test_parse_wareki_rejects_days_that_do_not_exist(text: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        parse_wareki(text)


# --- Fiscal years (年度) -----------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2022, 3, 31), 2021),
        (date(2022, 4, 1), 2022),
        (date(2019, 3, 31), 2018),
        (date(2019, 4, 1), 2019),
        (date(2019, 4, 30), 2019),
        (date(2019, 5, 1), 2019),
        (date(2020, 3, 31), 2019),
        (date(1989, 1, 7), 1988),
        (date(1989, 1, 8), 1988),
        (date(1989, 3, 31), 1988),
        (date(1989, 4, 1), 1989),
        (date(2021, 12, 31), 2021),
        (date(2022, 1, 1), 2021),
        (datetime(2022, 3, 31, 23, 59), 2021),
    ],
)
def test_fiscal_year_changes_on_the_first_of_april(day: date, expected: int) -> None:
    assert fiscal_year(day) == expected


@pytest.mark.parametrize(
    ("fy", "start", "end"),
    [
        (2021, date(2021, 4, 1), date(2022, 3, 31)),
        (2019, date(2019, 4, 1), date(2020, 3, 31)),
        (
            2023,
            date(2023, 4, 1),
            date(2024, 3, 31),
        ),  # 2024 is a leap year; the end is still 31 March
        (1989, date(1989, 4, 1), date(1990, 3, 31)),
    ],
)
def test_a_fiscal_year_runs_from_april_to_march(fy: int, start: date, end: date) -> None:
    assert fiscal_year_start(fy) == start
    assert fiscal_year_end(fy) == end
    assert fiscal_year(start) == fy
    assert fiscal_year(end) == fy


@pytest.mark.parametrize(
    ("fy", "label", "short", "english"),
    [
        (2021, "令和3年度", "R3年度", "FY2021"),
        (2020, "令和2年度", "R2年度", "FY2020"),
        pytest.param(2019, "令和元年度", "R1年度", "FY2019", id="reiwa-began-in-may"),
        (2018, "平成30年度", "H30年度", "FY2018"),
        pytest.param(1989, "平成元年度", "H1年度", "FY1989", id="heisei-began-before-april"),
        (1988, "昭和63年度", "S63年度", "FY1988"),
        pytest.param(1926, "大正15年度", "T15年度", "FY1926", id="showa-began-in-december"),
        (1927, "昭和2年度", "S2年度", "FY1927"),
        pytest.param(1912, "明治45年度", "M45年度", "FY1912", id="taisho-began-in-july"),
        (1913, "大正2年度", "T2年度", "FY1913"),
        (1873, "明治6年度", "M6年度", "FY1873"),
    ],
)
def test_fiscal_year_labels_name_the_era_of_the_year(
    fy: int, label: str, short: str, english: str
) -> None:
    assert fiscal_year_label(fy) == label
    assert fiscal_year_label_short(fy) == short
    assert fiscal_year_label_en(fy) == english


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2019, 3, 31), "平成30年度"),
        (date(2019, 4, 1), "令和元年度"),
        (date(2019, 4, 30), "令和元年度"),
        (date(2020, 3, 31), "令和元年度"),
        (date(2020, 4, 1), "令和2年度"),
        (date(1989, 1, 7), "昭和63年度"),
        (date(1989, 3, 31), "昭和63年度"),
        (date(1989, 4, 1), "平成元年度"),
    ],
)
def test_the_label_of_a_day_follows_its_fiscal_year_around_era_changes(
    day: date, label: str
) -> None:
    assert fiscal_year_label(fiscal_year(day)) == label


def test_fiscal_year_era_year_returns_the_naming_era() -> None:
    era, year = fiscal_year_era_year(2019)
    assert (era.romaji, year) == ("Reiwa", 1)


def test_fiscal_years_before_the_gregorian_calendar_have_no_label() -> None:
    with pytest.raises(ValueError, match="before"):
        fiscal_year_label(1872)


# --- Template filters -------------------------------------------------------


def render(source: str, language: str, **context: object) -> str:
    with translation.override(language):
        return Template("{% load japanese_dates %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("ja", date(2021, 3, 31), "令和3年3月31日"),
        ("ja", date(2019, 5, 1), "令和元年5月1日"),
        ("ja-easy", date(2021, 3, 31), "令和3年3月31日"),
        ("en", date(2021, 3, 31), "31 March 2021 (Reiwa 3)"),
        ("en", date(2019, 4, 30), "30 April 2019 (Heisei 31)"),
        ("ja", None, ""),
        ("ja", "", ""),
        ("en", None, ""),
        ("ja", date(1850, 1, 1), "1850-01-01"),
    ],
)
def test_wareki_filter_renders_in_the_active_language(
    language: str, value: object, expected: str
) -> None:
    assert render("{{ value|wareki }}", language, value=value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(
            datetime(2019, 4, 30, 15, 0, tzinfo=UTC),
            "令和元年5月1日",
            id="utc-evening-is-next-day-in-tokyo",
        ),
        pytest.param(
            datetime(2019, 4, 30, 14, 59, tzinfo=UTC),
            "平成31年4月30日",
            id="utc-before-tokyo-midnight",
        ),
        pytest.param(
            datetime(2019, 5, 1, 0, 0, tzinfo=ZoneInfo("Asia/Tokyo")),
            "令和元年5月1日",
            id="tokyo-time",
        ),
        pytest.param(datetime(2019, 4, 30, 23, 59), "平成31年4月30日", id="naive-datetime"),
    ],
)
def test_wareki_filter_uses_local_time_for_aware_datetimes(value: datetime, expected: str) -> None:
    # The project's TIME_ZONE is Asia/Tokyo; set it here too so the test says so.
    with override_settings(TIME_ZONE="Asia/Tokyo", USE_TZ=True):
        assert render("{{ value|wareki }}", "ja", value=value) == expected


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("ja", date(2021, 3, 31), "R3.3.31"),
        ("ja", date(2019, 5, 1), "R1.5.1"),
        ("en", date(2021, 3, 31), "R3.3.31"),
        ("ja", None, ""),
    ],
)
def test_wareki_short_filter_is_the_same_in_every_language(
    language: str, value: object, expected: str
) -> None:
    assert render("{{ value|wareki_short }}", language, value=value) == expected


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("ja", date(2022, 3, 31), "令和3年度"),
        ("ja", date(2022, 4, 1), "令和4年度"),
        ("ja", date(2019, 4, 1), "令和元年度"),
        ("ja-easy", date(2019, 4, 1), "令和元年度"),
        ("ja", date(1989, 4, 1), "平成元年度"),
        ("en", date(2022, 3, 31), "FY2021 (Reiwa 3)"),
        ("en", date(2019, 4, 1), "FY2019 (Reiwa 1)"),
        ("ja", None, ""),
        ("ja", "", ""),
    ],
)
def test_nendo_filter_names_the_fiscal_year_of_a_date(
    language: str, value: object, expected: str
) -> None:
    assert render("{{ value|nendo }}", language, value=value) == expected


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("ja", 2021, "令和3年度"),
        ("ja", 2019, "令和元年度"),
        ("ja", "2021", "令和3年度"),
        ("en", 2021, "FY2021 (Reiwa 3)"),
        ("ja", None, ""),
        ("ja", "", ""),
        ("ja", "next year", ""),
    ],
)
def test_nendo_of_filter_names_a_fiscal_year_given_as_a_number(
    language: str, value: object, expected: str
) -> None:
    assert render("{{ value|nendo_of }}", language, value=value) == expected


@pytest.mark.parametrize(
    ("language", "value", "precision", "expected"),
    [
        pytest.param(
            "ja", datetime(2026, 12, 3, 5, 7, 9, tzinfo=UTC), "", "令和8年12月3日 14:07", id="ja"
        ),
        pytest.param(
            "ja-easy",
            datetime(2026, 12, 3, 5, 7, 9, tzinfo=UTC),
            "",
            "令和8年12月3日 14:07",
            id="ja-easy",
        ),
        pytest.param(
            "ja",
            datetime(2026, 12, 3, 5, 7, 9, tzinfo=UTC),
            "seconds",
            "令和8年12月3日 14:07:09",
            id="seconds",
        ),
        pytest.param(
            "en",
            datetime(2026, 12, 3, 5, 7, 9, tzinfo=UTC),
            "",
            "3 December 2026 (Reiwa 8), 14:07",
            id="en",
        ),
        pytest.param(
            "ja",
            datetime(2019, 4, 30, 15, 30, tzinfo=UTC),
            "",
            "令和元年5月1日 00:30",
            id="date-and-time-both-in-tokyo",
        ),
        pytest.param("ja", date(2021, 3, 31), "", "令和3年3月31日", id="a-plain-date"),
        pytest.param("ja", None, "", "", id="nothing"),
    ],
)
def test_wareki_datetime_filter_gives_the_local_date_and_time(
    language: str, value: object, precision: str, expected: str
) -> None:
    with override_settings(TIME_ZONE="Asia/Tokyo", USE_TZ=True):
        argument = f':"{precision}"' if precision else ""
        source = "{{ value|wareki_datetime" + argument + " }}"
        assert render(source, language, value=value) == expected


def test_fiscal_year_choices_are_labelled_in_the_active_language_newest_first() -> None:
    from tsunagaru.core.templatetags.japanese_dates import fiscal_year_choices

    with translation.override("ja"):
        assert fiscal_year_choices(2018, 2020) == [
            (2020, "令和2年度"),
            (2019, "令和元年度"),
            (2018, "平成30年度"),
        ]
    with translation.override("en"):
        assert fiscal_year_choices(2020, 2020) == [(2020, "FY2020 (Reiwa 2)")]


@pytest.mark.parametrize(
    ("year", "language", "text"),
    [
        (2015, "ja", "平成27年（2015年）"),
        (2019, "ja", "令和元年（2019年）"),  # the era that ends the year names it
        (1989, "ja-easy", "平成元年（1989年）"),
        (2015, "en", "2015"),
        (None, "ja", ""),
    ],
)
def test_a_founding_year_reads_in_the_japanese_calendar(year, language, text) -> None:
    template = Template("{% load japanese_dates %}{{ year|wareki_year }}")
    with translation.override(language):
        assert template.render(Context({"year": year})) == text
