"""Public API of the guideline: the same document as `manage.py export_guideline`."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from tsunagaru.guideline import selectors

router = Router(tags=["guideline"])


class EditionOut(Schema):
    code: str
    number: int
    name: str
    title: str
    published_on: str
    published_label: str
    publisher: str
    target_fiscal_year: int | None
    goal: str
    current: bool


class PartnerKindOut(Schema):
    number: int
    code: str
    name: str
    organisation_kinds: list[str]


class NumberedOut(Schema):
    number: int
    name: str


class DomainOut(Schema):
    code: str
    name: str


class TypeOut(Schema):
    number: int
    name: str
    domain: str


class ProgramOut(Schema):
    name: str
    status: str


class MeasureOut(Schema):
    code: str
    name: str
    programs: list[ProgramOut]


class PillarOut(Schema):
    number: int
    name: str
    measures: list[MeasureOut]


class GuidelineOut(Schema):
    edition: EditionOut
    partner_kinds: list[PartnerKindOut]
    principles: list[NumberedOut]
    domains: list[DomainOut]
    types: list[TypeOut]
    forms: list[NumberedOut]
    suitable_fields: list[NumberedOut]
    pillars: list[PillarOut]


@router.get("/guideline", response=GuidelineOut, auth=None)
def guideline(request: HttpRequest, edition: str = "") -> dict[str, object]:
    """The guideline's current edition (or `?edition=code`), as structured data."""
    return selectors.export(selectors.edition_for(edition))
