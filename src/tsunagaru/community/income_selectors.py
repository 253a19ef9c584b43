"""Reads of a 地区振興会's own income: the lines of each year and the totals by source."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from tsunagaru.community.income_models import IncomeRecord
from tsunagaru.partners.models import Organisation


@dataclass
class Year:
    year: int
    records: list[IncomeRecord] = field(default_factory=list)
    previous_total: int | None = None

    @property
    def total(self) -> int:
        return sum(r.amount for r in self.records)

    @property
    def by_source(self) -> list[tuple[str, int]]:
        """(source label, amount) for each source with income this year, the largest first."""
        sums: dict[str, int] = defaultdict(int)
        for record in self.records:
            sums[record.get_source_display()] += record.amount
        return sorted(sums.items(), key=lambda item: -item[1])

    @property
    def change(self) -> int | None:
        return None if self.previous_total is None else self.total - self.previous_total

    @property
    def drop(self) -> int:
        """How much less than the year before (0 if not less)."""
        return max(0, -(self.change or 0))


def income_years(organisation: Organisation) -> list[Year]:
    """The association's own income by 年度, the latest first, each with last year's total."""
    years: dict[int, Year] = {}
    for record in IncomeRecord.objects.filter(organisation=organisation).order_by(
        "-year", "source", "pk"
    ):
        years.setdefault(record.year, Year(record.year)).records.append(record)
    ordered = sorted(years.values(), key=lambda y: -y.year)
    for year in ordered:
        before = years.get(year.year - 1)
        year.previous_total = before.total if before else None
    return ordered
