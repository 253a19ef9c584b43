"""Load guideline/data/guideline.json into the database (used by migration 0002).

Takes the app registry as an argument so the migration can pass its historical models. Every
row is looked up by its natural key first, so loading twice changes nothing.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "guideline.json"
STATUS = {"新規": "new", "継続": "continued", "見直し": "revised"}


def read() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


def load(apps: Any) -> None:
    data = read()
    model = apps.get_model
    editions = {}
    for e in data["editions"]:
        editions[e["code"]], _ = model("guideline", "Edition").objects.get_or_create(
            code=e["code"],
            defaults={
                "number": e["number"],
                "name": e["name"],
                "name_en": e.get("name_en", ""),
                "title": e["title"],
                "title_en": e.get("title_en", ""),
                "published_on": datetime.date.fromisoformat(e["published_on"]),
                "published_label": e["published_label"],
                "publisher": e.get("publisher", ""),
                "target_fiscal_year": e.get("target_fiscal_year"),
                "goal": e.get("goal", ""),
                "is_current": e.get("current", False),
            },
        )
    # The data file transcribes the current edition's text, so its items start there.
    edition = next(editions[e["code"]] for e in data["editions"] if e.get("current"))

    def put(name: str, key: dict[str, Any], values: dict[str, Any]) -> Any:
        obj, _ = model("guideline", name).objects.get_or_create(
            **key, introduced_in=edition, defaults=values
        )
        return obj

    kinds = {}
    for k in data["partner_kinds"]:
        kinds[k["code"]] = put(
            "PartnerKind",
            {"code": k["code"]},
            _pick(k, "number", "name", "name_en", "role", "role_en"),
        )
    for order, k in enumerate(data["organisation_kinds"], start=1):
        put(
            "OrganisationKind",
            {"code": k["code"]},
            {
                **_pick(k, "name", "name_en"),
                "partner_kind": kinds[k["partner_kind"]],
                "order": order,
            },
        )
    for p in data["principles"]:
        put("Principle", {"number": p["number"]}, _pick(p, *_TEXT))
    domains = {}
    for d in data["domains"]:
        domains[d["code"]] = put("Domain", {"code": d["code"]}, _pick(d, *_TEXT, "sphere"))
    for t in data["types"]:
        put(
            "CollaborationType",
            {"number": t["number"]},
            {**_pick(t, *_TEXT), "domain": domains[t["domain"]]},
        )
    for f in data["forms"]:
        put("Form", {"number": f["number"]}, _pick(f, *_TEXT, *_EXAMPLES))
    for f in data["suitable_fields"]:
        put("SuitableField", {"number": f["number"]}, _pick(f, *_TEXT, *_EXAMPLES))
    _load_fields(model, data)
    _load_measures(put, data)


_TEXT = ("name", "name_en", "description", "description_en")
_EXAMPLES = ("examples", "examples_text", "examples_en")


def _pick(item: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: item[key] if item.get(key) is not None else "" for key in keys}


def _load_fields(model: Any, data: dict[str, Any]) -> None:
    categories = {}
    for c in data["npo_categories"]:
        categories[c["number"]], _ = model("guideline", "NpoCategory").objects.get_or_create(
            number=c["number"], defaults=_pick(c, "name", "short_name")
        )
    for order, f in enumerate(data["activity_fields"], start=1):
        field, created = model("guideline", "ActivityField").objects.get_or_create(
            code=f["code"], defaults={**_pick(f, "name", "name_en"), "order": order}
        )
        if created:
            field.npo_categories.set([categories[n] for n in f.get("npo_categories", [])])


def _load_measures(put: Any, data: dict[str, Any]) -> None:
    order = 0
    for p in data["pillars"]:
        pillar = put(
            "Pillar",
            {"number": p["number"]},
            {**_pick(p, "name", "name_en"), "is_priority": bool(p.get("is_priority"))},
        )
        for m in p["measures"]:
            order += 1
            measure = put(
                "Measure",
                {"code": m["code"]},
                {
                    **_pick(m, *_TEXT, "heading_name"),
                    "pillar": pillar,
                    "order": order,
                },
            )
            for n, program in enumerate(m["programs"], start=1):
                put(
                    "Program",
                    {"measure": measure, "name": program["name"]},
                    {
                        "name_en": program.get("name_en", ""),
                        "status": STATUS[program["status"]],
                        "order": n,
                    },
                )
