"""Reads of the guideline: what is in force in an edition, and the export document."""

from __future__ import annotations

import dataclasses
import functools
import json
from pathlib import Path
from typing import Any

from django.db.models import Prefetch, QuerySet

from tsunagaru.guideline.models import (
    CollaborationType,
    Domain,
    Edition,
    Form,
    Measure,
    OrganisationKind,
    PartnerKind,
    Pillar,
    Principle,
    Program,
    SuitableField,
)

_DATA = Path(__file__).resolve().parent / "data"


@dataclasses.dataclass(frozen=True)
class GuidelineText:
    """A numbered passage of the guideline's fixed text, with its English translation."""

    number: int
    title: str
    text: str
    title_en: str = ""
    text_en: str = ""

    @classmethod
    def from_data(cls, item: dict[str, Any]) -> GuidelineText:
        return cls(
            number=int(item.get("number", 0)),
            title=item.get("title", ""),
            text=item["text"],
            title_en=item.get("title_en", ""),
            text_en=item.get("text_en", ""),
        )


def edition_current() -> Edition:
    """The edition shown by default. A fresh database has one (migration 0002)."""
    return Edition.objects.get(is_current=True)


def edition_for(code: str | None) -> Edition:
    """The edition named by `code` (a `?edition=` parameter), or the current one."""
    if code:
        found = Edition.objects.filter(code=code).first()
        if found is not None:
            return found
    return edition_current()


def edition_list() -> QuerySet[Edition]:
    return Edition.objects.order_by("number")


def partner_kinds(edition: Edition) -> QuerySet[PartnerKind]:
    organisation_kinds = OrganisationKind.objects.in_edition(edition)
    return PartnerKind.objects.in_edition(edition).prefetch_related(
        Prefetch("organisation_kinds", queryset=organisation_kinds)
    )


def principles(edition: Edition) -> QuerySet[Principle]:
    return Principle.objects.in_edition(edition)


def domains(edition: Edition) -> QuerySet[Domain]:
    return Domain.objects.in_edition(edition)


def collaboration_types(edition: Edition) -> QuerySet[CollaborationType]:
    return CollaborationType.objects.in_edition(edition).select_related("domain")


def forms(edition: Edition) -> QuerySet[Form]:
    return Form.objects.in_edition(edition)


def suitable_fields(edition: Edition) -> QuerySet[SuitableField]:
    return SuitableField.objects.in_edition(edition)


def pillars(edition: Edition) -> QuerySet[Pillar]:
    """Pillars with their measures and programs in force in `edition` (three queries)."""
    programs = Program.objects.in_edition(edition).order_by("order", "pk")
    measures = (
        Measure.objects.in_edition(edition)
        .order_by("order", "pk")
        .prefetch_related(Prefetch("programs", queryset=programs))
    )
    return Pillar.objects.in_edition(edition).prefetch_related(
        Prefetch("measures", queryset=measures)
    )


@functools.cache
def necessity() -> dict[str, tuple[GuidelineText, ...]]:
    """本編 I (why collaboration is needed): the situations (市を取り巻く状況) and the effects
    (協働による効果), fixed text of the guideline read from the repo. Items are objects, so the
    templates read them with the same `tr` filter as the database items."""
    data: dict[str, Any] = json.loads((_DATA / "necessity.json").read_text(encoding="utf-8"))
    return {
        "situations": tuple(GuidelineText.from_data(item) for item in data["situations"]),
        "effects": tuple(GuidelineText.from_data(item) for item in data["effects"]),
    }


@functools.cache
def definition() -> GuidelineText:
    """本編 II-1, the definition of 協働 (from 奥州市自治基本条例)."""
    data = json.loads((_DATA / "guideline.json").read_text(encoding="utf-8"))
    return GuidelineText.from_data(data["definition"])


def export(edition: Edition) -> dict[str, Any]:
    """The guideline of `edition` as one JSON-ready document (export_guideline, /api/guideline)."""
    return {
        "edition": {
            "code": edition.code,
            "number": edition.number,
            "name": edition.name,
            "title": edition.title,
            "published_on": edition.published_on.isoformat(),
            "published_label": edition.published_label,
            "publisher": edition.publisher,
            "target_fiscal_year": edition.target_fiscal_year,
            "goal": edition.goal,
            "current": edition.is_current,
        },
        "partner_kinds": [
            {
                "number": k.number,
                "code": k.code,
                "name": k.name,
                "organisation_kinds": [o.name for o in k.organisation_kinds.all()],
            }
            for k in partner_kinds(edition)
        ],
        "principles": [{"number": p.number, "name": p.name} for p in principles(edition)],
        "domains": [{"code": d.code, "name": d.name} for d in domains(edition)],
        "types": [
            {"number": t.number, "name": t.name, "domain": t.domain.code}
            for t in collaboration_types(edition)
        ],
        "forms": [{"number": f.number, "name": f.name} for f in forms(edition)],
        "suitable_fields": [{"number": f.number, "name": f.name} for f in suitable_fields(edition)],
        "pillars": [
            {
                "number": p.number,
                "name": p.name,
                "measures": [
                    {
                        "code": m.code,
                        "name": m.name,
                        "programs": [
                            {"name": g.name, "status": g.status_ja} for g in m.programs.all()
                        ],
                    }
                    for m in p.measures.all()
                ],
            }
            for p in pillars(edition)
        ],
    }
