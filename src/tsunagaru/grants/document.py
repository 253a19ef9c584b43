"""The printable application (補助金交付申請書) as a PDF: one submitted version, as the city
received it. It is the group's official document to the city, in Japanese, so its fixed wording
is Japanese in the template (as community/plan_document.py) with dates in 和暦. WeasyPrint
fetches nothing: the style is inline."""

from __future__ import annotations

import datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from tsunagaru.core.dates import fiscal_year_label, format_wareki
from tsunagaru.grants.models import Application, ApplicationVersion, Attachment, BudgetLine
from tsunagaru.info.sponsorship_letter import _no_fetching


def html(application: Application, version: ApplicationVersion) -> str:
    content = version.snapshot
    with override("ja"):
        sources = dict(BudgetLine.Source.choices)
        kinds = dict(Attachment.Kind.choices)
        lines = content["lines"]
        context: dict[str, Any] = {
            "application": application,
            "programme": application.programme,
            "version": version,
            "content": content,
            "year": fiscal_year_label(application.programme.fiscal_year),
            "submitted_on": format_wareki(timezone.localtime(version.created_at).date()),
            "period": _period(content.get("starts_on"), content.get("ends_on")),
            "expenses": [line for line in lines if line["side"] == "expense"],
            "incomes": [
                {**line, "source": sources.get(line["source"], line["source"])}
                for line in lines
                if line["side"] == "income"
            ],
            "files": [{**f, "kind": kinds.get(f["kind"], f["kind"])} for f in content["files"]],
        }
        return render_to_string("grants/application_document.html", context)


def _period(starts: str | None, ends: str | None) -> str:
    days = [format_wareki(datetime.date.fromisoformat(d)) for d in (starts, ends) if d]
    return "〜".join(days)


def pdf(application: Application, version: ApplicationVersion) -> bytes:
    from weasyprint import HTML

    data: bytes = HTML(string=html(application, version), url_fetcher=_no_fetching()).write_pdf()
    return data


def filename(application: Application, version: ApplicationVersion) -> str:
    return f"grant-application-{application.pk}-v{version.number}.pdf"


def decision_html(application: Application) -> str:
    """The notice of the decision (交付決定通知書) of an adopted application, in Japanese."""
    with override("ja"):
        context: dict[str, Any] = {
            "application": application,
            "programme": application.programme,
            "year": fiscal_year_label(application.programme.fiscal_year),
            "decided_on": format_wareki(timezone.localtime(application.decided_at).date())
            if application.decided_at
            else "",
            "submitted_on": format_wareki(timezone.localtime(application.submitted_at).date())
            if application.submitted_at
            else "",
        }
        return render_to_string("grants/decision_document.html", context)


def decision_pdf(application: Application) -> bytes:
    from weasyprint import HTML

    data: bytes = HTML(string=decision_html(application), url_fetcher=_no_fetching()).write_pdf()
    return data
