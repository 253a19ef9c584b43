"""The public results of a year's grants (the city publishes who received what for which
project): adopted applications per programme with the amounts, not-adopted counts by reason,
and how many applications came from groups applying for the first time (the guideline's
measure of new groups). The same rows as open data (CSV, UTF-8 with BOM or cp932).

Only what the city publishes is read: group, project, course, amounts; never people's names or
the applications' text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tsunagaru.core.dates import fiscal_year_label
from tsunagaru.core.spreadsheet import safe_cell
from tsunagaru.grants.models import ADOPTED_STATES, Application, Programme, Refusal

DECIDED = (*ADOPTED_STATES, Application.State.NOT_ADOPTED)
SENT = (
    *DECIDED,
    Application.State.SUBMITTED,
    Application.State.IN_REVIEW,
    Application.State.RETURNED,
)


@dataclass
class ProgrammeResult:
    programme: Programme
    applied: int = 0
    adopted: int = 0
    total: int = 0
    first_time: int = 0
    first_time_adopted: int = 0
    refusals: list[tuple[str, int]] = field(default_factory=list)


def year_results(year: int) -> list[ProgrammeResult]:
    """Each programme of the year with its counts and the amount adopted: three queries
    whatever the number of applications (the adopted lines are paged: adopted_lines)."""
    programmes = list(Programme.objects.filter(fiscal_year=year).order_by("pk"))
    results = {p.pk: ProgrammeResult(p) for p in programmes}
    ids = list(results)  # by the (programme, state) index, without joining the programmes
    adopted = Q(state__in=ADOPTED_STATES)
    counts = (
        Application.objects.filter(programme_id__in=ids, state__in=SENT)
        .values("programme_id")
        .annotate(
            applied=Count("pk"),
            adopted=Count("pk", filter=adopted),
            total=Sum("decided_amount", filter=adopted),
            first=Count("pk", filter=Q(first_time=True)),
            first_adopted=Count("pk", filter=Q(first_time=True) & adopted),
        )
        .order_by()
    )
    for count in counts:
        result = results[count["programme_id"]]
        result.applied, result.adopted = count["applied"], count["adopted"]
        result.total = count["total"] or 0
        result.first_time, result.first_time_adopted = count["first"], count["first_adopted"]
    refusals = (
        Application.objects.filter(programme_id__in=ids, state=Application.State.NOT_ADOPTED)
        .values("programme_id", "refusal")
        .annotate(count=Count("pk"))
        .order_by("programme_id", "refusal")
    )
    labels = dict(Refusal.choices)
    for refused in refusals:
        results[refused["programme_id"]].refusals.append(
            (str(labels.get(refused["refusal"], "")), refused["count"])
        )
    return [results[p.pk] for p in programmes]


ADOPTED_COLUMNS = (
    "programme_id",
    "title",
    "organisation__name",
    "organisation__corporate_number",
    "course__name",
    "decided_amount",
    "first_time",
)


def adopted_lines(programme: Programme) -> Any:
    """The programme's adopted applications as the city publishes them, by group."""
    return (
        Application.objects.filter(programme=programme, state__in=ADOPTED_STATES)
        .order_by("organisation__name_sort", "pk")
        .values(*ADOPTED_COLUMNS)
    )


def years() -> list[int]:
    return list(
        Application.objects.filter(state__in=ADOPTED_STATES)
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
    names = dict(Programme.objects.filter(fiscal_year=year).values_list("pk", "name"))
    lines = (
        Application.objects.filter(programme__fiscal_year=year, state__in=ADOPTED_STATES)
        .order_by("programme_id", "organisation__name_sort", "pk")
        .values(*ADOPTED_COLUMNS)
    )
    for line in lines.iterator(chunk_size=2000):
        rows.append(
            [
                fiscal_year_label(year),
                names[line["programme_id"]],
                line["course__name"] or "",
                line["organisation__name"],
                line["organisation__corporate_number"] or "",
                line["title"],
                str(line["decided_amount"] or 0),
                _("Yes") if line["first_time"] else "",
            ]
        )
    return [[safe_cell(cell) for cell in row] for row in rows]


def totals(results: list[ProgrammeResult]) -> dict[str, int]:
    return {
        "applied": sum(r.applied for r in results),
        "first_time": sum(r.first_time for r in results),
        "adopted": sum(r.adopted for r in results),
        "amount": sum(r.total for r in results),
    }


__all__ = ["csv_rows", "totals", "year_results", "years"]
