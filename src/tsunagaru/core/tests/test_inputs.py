"""Numbers from query strings and cells, and one-line texts: no input gives a 500."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tsunagaru.core.inputs import require_single_line, validate_single_line, whole_number

pytestmark = pytest.mark.django_db

ODD_NUMBERS = ["99999999999999999999", "²", "٣", "-1", "１２", "12x", "", " ", "0" * 400]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026", 2026),
        (" 7 ", 7),
        ("２０２６", 2026),
        ("999999999", 999_999_999),
        ("1000000000", None),  # ten digits: past every database's integer range we allow
        ("99999999999999999999", None),
        ("²", None),  # "²".isdigit() is True, int("²") fails
        ("٣", None),
        ("-1", None),
        (None, None),
    ],
)
def test_whole_number_accepts_only_ascii_digits_that_fit(raw, expected):
    assert whole_number(raw) == expected


def test_whole_number_falls_back_to_the_default_outside_its_range():
    assert whole_number("1868", default=2026, low=1868, high=9999) == 1868
    assert whole_number("1867", default=2026, low=1868, high=9999) == 2026
    assert whole_number("10000", default=2026, low=1868, high=9999) == 2026


@pytest.mark.parametrize("raw", ODD_NUMBERS)
@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("cases:list", "form"),
        ("cases:list", "fiscal_year"),
        ("matching:network", "year"),
        ("proposals:not_adopted", "year"),
    ],
)
def test_public_lists_answer_any_number_in_the_query(client, url, name, raw):
    response = client.get(reverse(url), {name: raw})

    assert response.status_code == 200


@pytest.mark.parametrize("raw", ODD_NUMBERS)
def test_the_network_export_answers_any_year(client, raw):
    response = client.get(reverse("matching:network_export", args=["csv"]), {"year": raw})

    assert response.status_code == 200


@pytest.mark.parametrize("text", ["a\nb", "a\rb", "a\u2028b", "a\x85b", "a\vb"])
def test_a_line_break_of_any_kind_is_refused(text):
    with pytest.raises(ValidationError) as error:
        validate_single_line(text)

    assert error.value.code == "line_break"


def test_require_single_line_names_each_field_with_a_break():
    class Thing:
        name = "一行目\n二行目"
        title = "一行"
        kana = "いち\r\nに"

    with pytest.raises(ValidationError) as error:
        require_single_line(Thing(), "name", "title", "kana")

    assert sorted(error.value.error_dict) == ["kana", "name"]
