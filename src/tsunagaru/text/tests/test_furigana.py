"""Furigana (text.furigana): Oshu's place names read as the city reads them, each kanji run
with its own reading, the reading hidden from screen readers, and entries that do not read
their word refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tsunagaru.text.furigana import check_reading, ruby_html, segments

# Names Sudachi reads wrongly or not at all (衣川 きぬがわ, 人首 ひとこべ), corrected by
# data/readings.tsv.
LOCAL_NAMES = [
    ("胆沢", "いさわ"),
    ("衣川", "ころもがわ"),
    ("人首", "ひとかべ"),
    ("人首町", "ひとかべちょう"),
    ("江刺", "えさし"),
    ("奥州市", "おうしゅうし"),
]
# Every area and district of the places data with the reading it gives (the site passes these
# as corrections): 真城 is しんじょう, 生母 もたい, 愛宕 おだぎ, 田原 たわら in Oshu.
PLACES = json.loads(
    (Path(__file__).resolve().parents[2] / "core" / "data" / "oshu.json").read_text("utf-8")
)
PLACE_READINGS = {
    place["name"]: place["name_kana"]
    for area in PLACES["areas"]
    for place in (area, *area["districts"])
}


def readings(text, corrections=None):
    return [(s.text, s.reading) for s in segments(text, corrections)]


@pytest.mark.parametrize(("name", "reading"), LOCAL_NAMES)
def test_oshus_place_names_are_read_as_the_city_reads_them(name, reading):
    assert readings(name) == [(name, reading)]


@pytest.mark.parametrize(("name", "reading"), sorted(PLACE_READINGS.items()))
def test_every_place_of_the_places_data_reads_as_its_kana(name, reading):
    assert readings(name, PLACE_READINGS) == [(name, reading)]


def test_place_names_inside_sentences_keep_their_reading():
    assert readings("衣川区の人首町で", PLACE_READINGS) == [
        ("衣川区", "ころもがわく"),
        ("の", None),
        ("人首町", "ひとかべちょう"),
        ("で", None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("取り組み", [("取", "と"), ("り", None), ("組", "く"), ("み", None)]),
        ("地区センター", [("地区", "ちく"), ("センター", None)]),
        ("ＮＰＯ法人こぼ", [("ＮＰＯ", None), ("法人", "ほうじん"), ("こぼ", None)]),
        ("令和8年度", [("令和", "れいわ"), ("8", None), ("年度", "ねんど")]),
        (
            "事例を評価する",
            [("事例", "じれい"), ("を", None), ("評価", "ひょうか"), ("する", None)],
        ),
        ("ひらがなだけ", [("ひらがなだけ", None)]),
        ("Oshu City", [("Oshu City", None)]),
    ],
)
def test_only_kanji_get_a_reading_each_run_its_own(text, expected):
    assert readings(text) == expected


def test_the_callers_corrections_come_before_sudachi_and_the_base_table():
    assert readings("協働", {"協働": "きょうどう"}) == [("協働", "きょうどう")]
    assert readings("衣川", {"衣川": "きぬがわ"}) == [("衣川", "きぬがわ")]


def test_the_html_escapes_the_text_and_hides_the_reading_from_screen_readers():
    html = ruby_html("稲瀬<b>&")
    assert html == (
        '<ruby>稲瀬<rp>(</rp><rt aria-hidden="true">いなせ</rt><rp>)</rp></ruby>&lt;b&gt;&amp;'
    )


@pytest.mark.parametrize(
    ("surface", "reading", "fits"),
    [
        ("人首町", "ひとかべちょう", True),
        ("取り組み", "とりくみ", True),
        ("取り組み", "とくみ", False),  # the り written in the word is missing
        ("衣川", "コロモガワ", False),  # katakana: readings are written in hiragana
        ("衣川", "koromogawa", False),
        ("ころもがわ", "ころもがわ", False),  # no kanji to read
        ("", "いさわ", False),
    ],
)
def test_a_reading_that_does_not_read_its_word_is_refused(surface, reading, fits):
    assert check_reading(surface, reading) is fits
