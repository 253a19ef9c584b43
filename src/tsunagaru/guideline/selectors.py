"""Reads of the guideline: what is in force in an edition, and the export document."""

from __future__ import annotations

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
def necessity() -> dict[str, Any]:
    """本編 I (why collaboration is needed): fixed text of the guideline, read from the repo."""
    data: dict[str, Any] = json.loads((_DATA / "necessity.json").read_text(encoding="utf-8"))
    return data


@functools.cache
def definition() -> dict[str, str]:
    """本編 II-1, the definition of 協働 (from 奥州市自治基本条例)."""
    data = json.loads((_DATA / "guideline.json").read_text(encoding="utf-8"))
    return {"text": data["definition"]["text"], "text_en": data["definition"]["text_en"]}


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
