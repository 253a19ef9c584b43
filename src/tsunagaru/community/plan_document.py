"""The printable community plan (地区コミュニティ計画) as a PDF: the adopted version, or the
working copy marked 案 to hand out before the general meeting.

The plan is the association's own document, written in Japanese and read at its 総会, so its
fixed wording is Japanese in the template (as the city's letters in info/sponsorship_letter.py)
and its years are 年度 in 和暦. WeasyPrint fetches nothing: the style is inline."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import override

from tsunagaru.community import plan_selectors as selectors
from tsunagaru.community.plan_models import CommunityPlan, PlanIssue, PlanVersion
from tsunagaru.core.dates import fiscal_year_label, format_wareki
from tsunagaru.info.sponsorship_letter import _no_fetching


def _years(first: int, last: int) -> str:
    if first == last:
        return fiscal_year_label(first)
    return f"{fiscal_year_label(first)}〜{fiscal_year_label(last)}"


def html(plan: CommunityPlan, version: PlanVersion | None) -> str:
    """The plan as one HTML document (Japanese, 和暦): `version`, or the working copy if None."""
    content = version.snapshot if version else selectors.content_of(plan)
    with override("ja"):
        found_by = dict(PlanIssue.FoundBy.choices)
        goals = {g["id"]: g for g in content["goals"]}
        context: dict[str, Any] = {
            "plan": plan,
            "content": content,
            "draft": version is None,
            "version": version,
            "period": _years(content["first_year"], content["last_year"]),
            "issues": [(i["text"], found_by.get(i["found_by"], "")) for i in content["issues"]],
            "indicators": [
                {**n, "goal": g["text"], "year": fiscal_year_label(n["target_year"])}
                for g in content["goals"]
                for n in g["indicators"]
            ],
            "actions": [
                {
                    **a,
                    "years": _years(a["first_year"], a["last_year"]),
                    "goal": goals[a["goal_id"]]["text"] if a["goal_id"] in goals else "",
                }
                for a in content["actions"]
            ],
            "meeting_on": format_wareki(version.general_meeting_on) if version else "",
            "history": [
                (v.number, format_wareki(v.general_meeting_on), v.changes)
                for v in selectors.versions_of(plan)
                if version is not None and v.number <= version.number
            ],
        }
        return render_to_string("community/plan_document.html", context)


def pdf(plan: CommunityPlan, version: PlanVersion | None) -> bytes:
    from weasyprint import HTML

    document: bytes = HTML(string=html(plan, version), url_fetcher=_no_fetching()).write_pdf()
    return document


def filename(plan: CommunityPlan, version: PlanVersion | None) -> str:
    suffix = f"v{version.number}" if version else "draft"
    return f"community-plan-{plan.pk}-{plan.first_year}-{suffix}.pdf"
