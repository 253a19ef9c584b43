"""The public results of a year's grants (the city publishes who received what for which
project): adopted applications per programme with the amounts, not-adopted counts by reason,
and how many applications came from groups applying for the first time (the guideline's
measure of new groups). The same rows as open data (CSV, UTF-8 with BOM or cp932).

Only what the city publishes is read: group, project, course, amounts; never people's names or
the applications' text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tsunagaru.core.dates import fiscal_year_label
from tsunagaru.core.spreadsheet import safe_cell
from tsunagaru.grants.models import Application, Programme, Refusal

DECIDED = (Application.State.ADOPTED, Application.State.NOT_ADOPTED)
SENT = (
    *DECIDED,
    Application.State.SUBMITTED,
    Application.State.IN_REVIEW,
    Application.State.RETURNED,
)


@dataclass
class ProgrammeResult:
    programme: Programme
    adopted: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    applied: int = 0
    first_time: int = 0
    first_time_adopted: int = 0
    refusals: list[tuple[str, int]] = field(default_factory=list)


def year_results(year: int) -> list[ProgrammeResult]:
    """Each programme of the year with its adopted applications and its counts: three queries
    whatever the number of applications."""
    programmes = list(Programme.objects.filter(fiscal_year=year).order_by("pk"))
    results = {p.pk: ProgrammeResult(p) for p in programmes}
    adopted = (
        Application.objects.filter(programme__fiscal_year=year, state=Application.State.ADOPTED)
        .order_by("programme_id", "organisation__name_sort", "pk")
        .values(
            "programme_id",
            "title",
            "organisation__name",
            "organisation__corporate_number",
            "course__name",
            "decided_amount",
            "first_time",
        )
    )
    for line in adopted:
        result = results[line["programme_id"]]
        result.adopted.append(dict(line))
        result.total += line["decided_amount"] or 0
    counts = (
        Application.objects.filter(programme__fiscal_year=year, state__in=SENT)
        .values("programme_id")
        .annotate(
            applied=Count("pk"),
            first=Count("pk", filter=Q(first_time=True)),
            first_adopted=Count("pk", filter=Q(first_time=True, state=Application.State.ADOPTED)),
        )
        .order_by()
    )
    for count in counts:
        result = results[count["programme_id"]]
        result.applied, result.first_time = count["applied"], count["first"]
        result.first_time_adopted = count["first_adopted"]
    refusals = (
        Application.objects.filter(programme__fiscal_year=year, state=Application.State.NOT_ADOPTED)
        .values("programme_id", "refusal")
        .annotate(count=Count("pk"))
        .order_by("programme_id", "refusal")
    )
    labels = dict(Refusal.choices)
    for row in refusals:
        results[row["programme_id"]].refusals.append(
            (str(labels.get(row["refusal"], "")), row["count"])
        )
    return [results[p.pk] for p in programmes]


def years() -> list[int]:
    return list(
        Application.objects.filter(state=Application.State.ADOPTED)
        .order_by("-programme__fiscal_year")
        .values_list("programme__fiscal_year", flat=True)
        .distinct()
    )


def csv_rows(year: int) -> list[list[str]]:
    """The adopted applications of the year, a header then one row each."""
    header = [
        _("Fiscal year"),
        _("Grant"),
        pgettext("grant course", "Course"),
        _("Group"),
        _("Corporate number"),
        _("Project"),
        _("Amount decided (yen)"),
        _("First application of the group"),
    ]
    rows = [header]
    for result in year_results(year):
        for row in result.adopted:
            rows.append(
                [
                    fiscal_year_label(year),
                    result.programme.name,
                    row["course__name"] or "",
                    row["organisation__name"],
                    row["organisation__corporate_number"] or "",
                    row["title"],
                    str(row["decided_amount"] or 0),
                    _("Yes") if row["first_time"] else "",
                ]
            )
    return [[safe_cell(cell) for cell in row] for row in rows]


def totals(results: list[ProgrammeResult]) -> dict[str, int]:
    return {
        "applied": sum(r.applied for r in results),
        "first_time": sum(r.first_time for r in results),
        "adopted": sum(len(r.adopted) for r in results),
        "amount": sum(r.total for r in results),
    }


__all__ = ["csv_rows", "totals", "year_results", "years"]
