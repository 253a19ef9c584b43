import pytest

from tsunagaru.core import municipality_code


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("03215", 8),  # 奥州市 032158, the worked example in japan.md
        ("03201", 8),  # 盛岡市 032018
        ("13101", 6),  # 千代田区 131016
        ("01100", 2),  # 札幌市 011002
        ("47201", 8),  # 那覇市 472018
        ("27100", 4),  # 大阪市 271004
        # Remainder 0 (S = 11): 11 - 0 = 11, whose last digit 1 is the check digit.
        ("01101", 1),  # 札幌市中央区 011011
        # Remainder 1: 11 - 1 = 10, whose last digit 0 is the check digit.
        ("14150", 0),  # 相模原市 141500
    ],
)
def test_check_digit_follows_the_weighted_modulus_11_rule(base, expected):
    assert municipality_code.check_digit(base) == expected


@pytest.mark.parametrize(
    "code", ["032158", "０３２１５８", "03215-8", " 032158 ", "011011", "141500"]
)
def test_valid_codes_are_accepted_however_they_are_typed(code):
    assert municipality_code.is_valid(code)


@pytest.mark.parametrize(
    "code", ["032150", "032159", "03215", "0321580", "03215a", "", "٠٣٢١٥٨", "011010", "141501"]
)
def test_wrong_check_digit_length_or_characters_are_refused(code):
    assert not municipality_code.is_valid(code)


@pytest.mark.parametrize("base", ["0321", "032155", "0321a"])
def test_check_digit_needs_exactly_five_digits(base):
    with pytest.raises(ValueError, match="five digits"):
        municipality_code.check_digit(base)
