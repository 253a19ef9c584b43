import pytest

from tsunagaru.accounts import kana


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("さとう", "サトウ"),
        ("サトウ", "サトウ"),
        ("ｻﾄｳ", "サトウ"),  # half-width katakana from old phones and PCs
        ("  おいかわ　", "オイカワ"),  # full-width space
        ("ゔぁいおりん", "ヴァイオリン"),
        ("きくち けんいち", "キクチ ケンイチ"),
    ],
)
def test_any_kana_is_stored_as_katakana(typed, stored):
    assert kana.to_katakana(typed) == stored


@pytest.mark.parametrize(
    ("text", "expected"), [("サトウ", True), ("", True), ("佐藤", False), ("Sato", False)]
)
def test_only_katakana_passes_the_check(text, expected):
    assert kana.is_katakana(text) is expected
