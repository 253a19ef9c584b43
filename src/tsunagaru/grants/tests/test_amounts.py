"""The amounts, one rule at a time, from the programmes' rules (japan.md): whole yen only."""

from __future__ import annotations

import pytest

from tsunagaru.grants.amounts import (
    Rule,
    at_rate,
    capped,
    confirmed,
    grant_asked,
    most_allowed,
    round_down,
    shortfall,
)

CHALLENGE = Rule(1, 1, 100_000)  # チャレンジ: up to ¥100,000
STEP_UP = Rule(1, 1, 300_000)
SELF_RELIANCE = Rule(1, 2, 300_000)  # 自立チャレンジ: 1/2 up to ¥300,000
ONE_THIRD = Rule(1, 3, None, unit=1)


@pytest.mark.parametrize(
    ("eligible", "rule", "expected"),
    [
        (0, SELF_RELIANCE, 0),
        (1, SELF_RELIANCE, 0),  # half a yen is dropped, never rounded up
        (123_457, SELF_RELIANCE, 61_728),
        (100, ONE_THIRD, 33),
        (999_999_999, Rule(2, 3, None), 666_666_666),
    ],
)
def test_the_rate_drops_the_fraction_of_a_yen(eligible: int, rule: Rule, expected: int) -> None:
    assert at_rate(eligible, rule) == expected


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [(0, 1000, 0), (999, 1000, 0), (1000, 1000, 1000), (123_456, 1000, 123_000), (5, 1, 5)],
)
def test_rounding_is_down_to_the_unit(amount: int, unit: int, expected: int) -> None:
    assert round_down(amount, unit) == expected


@pytest.mark.parametrize(
    ("eligible", "rule", "expected"),
    [
        (94_000, CHALLENGE, 94_000),
        (94_999, CHALLENGE, 94_000),
        (250_000, CHALLENGE, 100_000),  # the course's cap
        (450_000, SELF_RELIANCE, 225_000),
        (451_999, SELF_RELIANCE, 225_000),  # 225,999.5 → 225,999 → 225,000
        (800_000, SELF_RELIANCE, 300_000),
        (100, ONE_THIRD, 33),
        (2_640_000, Rule(1, 1, 2_500_000, unit=100_000), 2_500_000),
        (2_460_000, Rule(1, 1, 2_500_000, unit=100_000), 2_400_000),
    ],
)
def test_most_allowed_is_rate_then_rounding_then_cap(
    eligible: int, rule: Rule, expected: int
) -> None:
    assert most_allowed(eligible, rule) == expected


def test_a_cap_only_lowers() -> None:
    assert capped(50_000, CHALLENGE) == 50_000
    assert capped(150_000, CHALLENGE) == 100_000
    assert capped(10**9, Rule(1, 1, None)) == 10**9


@pytest.mark.parametrize(
    ("eligible", "asked", "expected"),
    [(94_000, None, 94_000), (94_000, 50_000, 50_000), (94_000, 120_000, 94_000), (94_000, 0, 0)],
)
def test_the_application_asks_what_was_typed_if_the_rules_allow_it(
    eligible: int, asked: int | None, expected: int
) -> None:
    assert grant_asked(eligible, CHALLENGE, asked) == expected


@pytest.mark.parametrize(
    ("decided", "actual", "rule", "expected"),
    [
        (80_000, 100_000, CHALLENGE, 80_000),  # spent more: the decision holds
        (80_000, 61_500, CHALLENGE, 61_000),  # spent less: rules on what was spent
        (225_000, 300_000, SELF_RELIANCE, 150_000),
        (225_000, 0, SELF_RELIANCE, 0),
    ],
)
def test_the_confirmed_amount_is_the_lower_of_decided_and_the_rules_on_actual_costs(
    decided: int, actual: int, rule: Rule, expected: int
) -> None:
    assert confirmed(decided, actual, rule) == expected


def test_a_budget_adds_up_when_the_income_meets_the_expenses() -> None:
    assert shortfall(100_000, 6_000, 94_000) == 0
    assert shortfall(100_000, 0, 94_000) == 6_000
    assert shortfall(100_000, 10_000, 94_000) == -4_000


@pytest.mark.parametrize(
    "call",
    [
        lambda: at_rate(-1, CHALLENGE),
        lambda: round_down(-1, 1000),
        lambda: grant_asked(1000, CHALLENGE, -5),
        lambda: confirmed(-1, 1000, CHALLENGE),
        lambda: Rule(3, 2, None),
        lambda: Rule(0, 2, None),
        lambda: Rule(1, 2, None, unit=0),
        lambda: Rule(1, 2, -1),
    ],
)
def test_negative_amounts_and_impossible_rules_are_refused(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=r"\w"):
        call()
