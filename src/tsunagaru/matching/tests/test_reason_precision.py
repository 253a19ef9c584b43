"""The reasons shown are true: measured on word pairs judged by meaning before any engine
output was read (tests/data/reason_labels.jsonl; `python -m tsunagaru.matching.reason_precision`
prints the figure and every wrong pair)."""

from __future__ import annotations

from tsunagaru.matching import reason_precision


def test_at_least_nine_in_ten_shown_reasons_are_true_and_all_are_judged():
    result = reason_precision.measure()

    assert result.shown >= 150  # enough reasons are shown for the figure to mean something
    assert result.coverage >= 0.95, "shown pairs outside the labels: judge the new candidates"
    assert result.value >= 0.90, result.wrong
