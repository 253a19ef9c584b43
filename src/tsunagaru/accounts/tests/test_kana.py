import pytest

from tsunagaru.accounts import kana


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("さとう", "さとう"),  # hiragana stays hiragana
        ("サトウ", "サトウ"),
        ("ｻﾄｳ", "サトウ"),  # half-width katakana from old phones and PCs
        ("  おいかわ　", "おいかわ"),  # full-width space
        ("きくち けんいち", "きくち けんいち"),
    ],
)
def test_furigana_is_kept_as_typed_only_tidied(typed, stored):
    assert kana.kana_tidy(typed) == stored


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("さとう", "サトウ"),
        ("サトウ", "サトウ"),
        ("ｻﾄｳ", "サトウ"),
        ("  おいかわ　", "オイカワ"),
        ("ゔぁいおりん", "ヴァイオリン"),
        ("きくち けんいち", "キクチ ケンイチ"),
    ],
)
def test_sorting_and_search_compare_one_form_of_any_kana(typed, key):
    assert kana.kana_key(typed) == key


@pytest.mark.parametrize(
    ("text", "expected"),
    [("さとう", True), ("サトウ", True), ("さとー・はなこ", True), ("", True), ("佐藤", False)],
)
def test_furigana_may_be_hiragana_or_katakana_but_not_kanji(text, expected):
    assert kana.is_kana(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"), [("サトウ", True), ("", True), ("佐藤", False), ("Sato", False)]
)
def test_only_katakana_passes_the_katakana_check(text, expected):
    assert kana.is_katakana(text) is expected
