"""How much a grant may be, in whole yen (no floats anywhere): one function per rule, each
tested with tables from the programmes' rules (tests/test_amounts.py). Nothing here reads the
database: services and the form's live total call these with the programme's numbers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """A programme's (or course's) amounts: rate = numerator / denominator of the eligible
    costs, at most `cap` yen, rounded down to `unit` yen (¥1,000 unless the programme says
    otherwise; 1 means not rounded)."""

    numerator: int
    denominator: int
    cap: int | None
    unit: int = 1000

    def __post_init__(self) -> None:
        if self.numerator < 1 or self.denominator < 1 or self.numerator > self.denominator:
            raise ValueError("a rate is a fraction between 0 and 1")
        if self.unit < 1 or (self.cap is not None and self.cap < 0):
            raise ValueError("the unit is at least ¥1 and the cap is not negative")


def at_rate(eligible: int, rule: Rule) -> int:
    """rate × eligible costs, the fraction of a yen dropped (never rounded up)."""
    if eligible < 0:
        raise ValueError("costs are not negative")
    return eligible * rule.numerator // rule.denominator


def round_down(amount: int, unit: int) -> int:
    """Down to a whole `unit` (¥1,000: 123,456 → 123,000)."""
    if amount < 0:
        raise ValueError("amounts are not negative")
    return amount - amount % unit


def capped(amount: int, rule: Rule) -> int:
    return amount if rule.cap is None else min(amount, rule.cap)


def most_allowed(eligible: int, rule: Rule) -> int:
    """The most the rules give for these eligible costs: rate, rounded down, then capped
    (a cap is itself a round amount)."""
    return capped(round_down(at_rate(eligible, rule), rule.unit), rule)


def grant_asked(eligible: int, rule: Rule, asked: int | None) -> int:
    """What the application asks: what the group typed, if less than the most allowed;
    otherwise the most allowed."""
    limit = most_allowed(eligible, rule)
    if asked is None:
        return limit
    if asked < 0:
        raise ValueError("amounts are not negative")
    return min(asked, limit)


def confirmed(decided: int, actual_eligible: int, rule: Rule) -> int:
    """The confirmed amount (確定額) after the results report: the lower of the amount
    decided and the rules applied to the eligible costs actually spent."""
    if decided < 0:
        raise ValueError("amounts are not negative")
    return min(decided, most_allowed(actual_eligible, rule))


def shortfall(expenses: int, other_income: int, grant: int) -> int:
    """What the budget still lacks (negative: more income than expenses). A budget adds up
    when expenses = the grant + the other income (収入合計 = 支出合計)."""
    return expenses - other_income - grant
