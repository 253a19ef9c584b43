"""The participants' list as a table (CSV or XLSX), for the organiser."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagaru.core.spreadsheet import safe_cell
from tsunagaru.info.models import Event, Registration


def participant_rows(event: Event, people: Sequence[Registration]) -> list[list[str]]:
    """A header, then one row a person: status, name, contacts, answers, attendance."""
    questions = list(event.questions or [])
    header = [_("Status"), _("Name"), _("E-mail address"), _("Phone"), *questions]
    header += [_("Attended"), _("Registered at")]
    rows = [header]
    for person in people:
        answers = [str((person.answers or {}).get(q, "")) for q in questions]
        registered = timezone.localtime(person.created_at).strftime("%Y-%m-%d %H:%M")
        rows.append(
            [
                str(person.get_status_display()),
                person.name,
                person.email,
                person.phone,
                *answers,
                _("Yes") if person.attended else "",
                registered,
            ]
        )
    return [[safe_cell(cell) for cell in row] for row in rows]


def write_csv(rows: list[list[str]], *, encoding: str) -> bytes:
    """UTF-8 with BOM (Excel opens it right), or cp932 with 〓 for what it cannot hold."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    text = buffer.getvalue()
    if encoding == "cp932":
        return "".join(ch if _cp932(ch) else "〓" for ch in text).encode("cp932")
    return text.encode("utf-8-sig")


def _cp932(ch: str) -> bool:
    try:
        ch.encode("cp932")
    except UnicodeEncodeError:
        return False
    return True


def write_xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Participants")[:31])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
