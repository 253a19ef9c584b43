"""Reads of the case library: faceted search, a case page, similar cases."""

from __future__ import annotations

import functools
import hashlib
import operator
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import caches
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, QuerySet
from django.utils.translation import get_language

from tsunagaru.cases.models import Case, CaseAttachment, CasePartner, CasePhoto
from tsunagaru.core.models import Area
from tsunagaru.core.queries import InIds
from tsunagaru.core.templatetags.japanese_dates import fiscal_year_text
from tsunagaru.guideline.models import (
    ActivityField,
    CollaborationType,
    Domain,
    Form,
    PartnerKind,
    Program,
    SuitableField,
)
from tsunagaru.search import selectors as search

SEARCH_LIMIT = 1_000


@dataclass(frozen=True)
class CaseFilter:
    query: str = ""
    form: int | None = None
    domain: int | None = None
    collaboration_type: int | None = None
    suitable_field: int | None = None
    activity_field: int | None = None
    area: int | None = None
    fiscal_year: int | None = None
    partner_kind: int | None = None
    model_only: bool = False

    def active(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "", False)}


@dataclass
class Facet:
    name: str  # the query parameter; the page names each facet
    options: list[tuple[Any, str, int]] = field(default_factory=list)  # (value, label, count)


def published() -> QuerySet[Case]:
    return Case.objects.filter(status=Case.Status.PUBLISHED)


def find(filters: CaseFilter) -> tuple[QuerySet[Case], list[int] | None]:
    """Published cases matching `filters`; for a text query also the ids in rank order."""
    cases = published()
    for name, value in _single_filters(filters):
        cases = cases.filter(**{name: value})
    # Many-to-many facets as EXISTS: no join, so no duplicate rows and no DISTINCT.
    for through, column, value in _many_filters(filters):
        cases = cases.filter(
            Exists(through.objects.filter(case_id=OuterRef("pk"), **{column: value}))
        )
    if filters.model_only:
        cases = cases.filter(is_model=True)
    ranked = None
    if filters.query.strip():
        hits = search.search_ids(model=Case, query=filters.query, limit=SEARCH_LIMIT)
        ids = [h.object_id for h in hits]
        # The public index entries are the published cases; the page is fetched from
        # published() again, so an entry not yet updated cannot show a draft.
        allowed = _among(ids, filters)
        ranked = ids if allowed is None else [pk for pk in ids if pk in allowed]
        cases = published().filter(InIds("pk", ranked))
    return cases, ranked


def _single_filters(filters: CaseFilter) -> list[tuple[str, Any]]:
    pairs = [
        ("domain_id", filters.domain),
        ("collaboration_type_id", filters.collaboration_type),
        ("area_id", filters.area),
        ("fiscal_year", filters.fiscal_year),
    ]
    return [(name, value) for name, value in pairs if value]


def _many_filters(filters: CaseFilter) -> list[tuple[Any, str, int]]:
    triples = [
        (Case.forms.through, "form_id", filters.form),
        (Case.suitable_fields.through, "suitablefield_id", filters.suitable_field),
        (Case.activity_fields.through, "activityfield_id", filters.activity_field),
        (Case.partner_kinds.through, "partnerkind_id", filters.partner_kind),
    ]
    return [(through, column, value) for through, column, value in triples if value]


def _among(ids: list[int], filters: CaseFilter) -> set[int] | None:
    """Which of a search's `ids` the facets keep (None: no facet). A many-to-many facet reads
    its link table's (case, value) index alone, not the cases."""
    allowed: set[int] | None = None
    for through, column, value in _many_filters(filters):
        found = through.objects.filter(InIds("case_id", ids), **{column: value})
        kept = set(found.values_list("case_id", flat=True))
        allowed = kept if allowed is None else allowed & kept
    single = _single_filters(filters)
    if single or filters.model_only:
        rows = Case.objects.filter(InIds("pk", ids), **dict(single))
        if filters.model_only:
            rows = rows.filter(is_model=True)
        kept = set(rows.order_by().values_list("pk", flat=True))
        allowed = kept if allowed is None else allowed & kept
    return allowed


def with_cards(cases: QuerySet[Case]) -> QuerySet[Case]:
    """What a result card shows, in a fixed number of queries (not the story's long text)."""
    return (
        cases.select_related("area", "district")
        .defer(*CARD_DEFERRED)
        .prefetch_related(
            "forms",
            Prefetch("partners", queryset=CasePartner.objects.order_by("order", "pk")),
            # The card shows the first photo's thumbnail.
            Prefetch(
                "photos", queryset=CasePhoto.objects.order_by("order", "pk"), to_attr="card_photos"
            ),
        )
    )


CARD_DEFERRED = ("background", "actions", "roles", "results", "lessons", "cost_note")


def facets_for(filters: CaseFilter, cases: QuerySet[Case]) -> list[Facet]:
    """Facet counts, kept per process for the current state of the library: the key holds
    the last change to any case (publication, withdrawal and the model mark included; one
    step down an index), so the counts are never stale."""
    last = Case.objects.aggregate(last=Max("updated_at"))["last"]
    key = (
        "cases:facets:"
        + hashlib.sha256(
            repr((sorted(filters.active().items()), last, get_language())).encode()
        ).hexdigest()
    )
    cache = caches["local"]
    found: list[Facet] | None = cache.get(key)
    if found is None:
        found = facets(cases)
        cache.set(key, found, 300)
    return found


def facets(cases: QuerySet[Case]) -> list[Facet]:
    """Counts of each facet value among `cases` (the current results)."""
    ids = cases.values("pk")
    through_counts: list[tuple[str, Any, str]] = [
        ("form", Case.forms.through, "form_id"),
        ("suitable_field", Case.suitable_fields.through, "suitablefield_id"),
        ("activity_field", Case.activity_fields.through, "activityfield_id"),
        ("partner_kind", Case.partner_kinds.through, "partnerkind_id"),
    ]
    counted: dict[str, Counter[Any]] = {}
    for name, through, column in through_counts:
        rows = (
            through.objects.filter(case_id__in=ids)
            .values(column)
            .annotate(n=Count("pk"))
            .order_by()
        )
        counted[name] = Counter({row[column]: row["n"] for row in rows})
    # The single-valued facets in one pass over the covering index cases_facets: a count per
    # combination (a few thousand at most), summed per facet here.
    singles = (
        ("domain", "domain_id"),
        ("collaboration_type", "collaboration_type_id"),
        ("area", "area_id"),
        ("fiscal_year", "fiscal_year"),
    )
    for name, _column in singles:
        counted[name] = Counter()
    columns = [column for _name, column in singles]
    for *values, n in cases.values_list(*columns).annotate(n=Count("pk")).order_by():
        for (name, _column), value in zip(singles, values, strict=True):
            if value:
                counted[name][value] += n
    options: dict[str, list[tuple[Any, str]]] = {
        "form": [(f.pk, f.label) for f in Form.objects.order_by("number")],
        "domain": [(d.pk, f"{d.code} {d.label}") for d in Domain.objects.order_by("code")],
        "collaboration_type": [
            (t.pk, t.label) for t in CollaborationType.objects.order_by("number")
        ],
        "suitable_field": [(f.pk, f.label) for f in SuitableField.objects.order_by("number")],
        "activity_field": [(f.pk, f.label) for f in ActivityField.objects.order_by("order")],
        "area": [(a.pk, a.name) for a in Area.objects.order_by("order")],
        "fiscal_year": [
            (y, fiscal_year_text(y)) for y in sorted(counted["fiscal_year"], reverse=True)
        ],
        "partner_kind": [(k.pk, k.label) for k in PartnerKind.objects.order_by("number")],
    }
    return [
        Facet(
            name,
            [(value, text, counted[name][value]) for value, text in rows if counted[name][value]],
        )
        for name, rows in options.items()
    ]


def case_detail(pk: int) -> Case | None:
    """A case with what its page shows. Most cases have no photo or file: whether they do is
    read with the case, so their lists are fetched only when there is something to list."""
    case = (
        # Only the joins that vary per case: PostgreSQL spends longer planning six outer joins
        # than running them; the guideline's few rows and the areas come from a per-process
        # table.
        Case.objects.select_related("district", "author_organisation")
        .annotate(
            has_photos=Exists(CasePhoto.objects.filter(case=OuterRef("pk"))),
            has_files=Exists(CaseAttachment.objects.filter(case=OuterRef("pk"))),
        )
        .prefetch_related(
            "forms",
            "suitable_fields",
            "activity_fields",
            Prefetch(
                "partners",
                queryset=CasePartner.objects.select_related(
                    "organisation", "organisation__kind"
                ).order_by("order", "pk"),
            ),
        )
        .filter(pk=pk)
        .order_by()
        .first()
    )
    if case is not None:
        items = guideline_items()
        case.domain = _pick(items["domain"], case.domain_id)
        case.collaboration_type = _pick(items["type"], case.collaboration_type_id)
        case.program = _pick(items["program"], case.program_id)
        case.area = _pick(items["area"], case.area_id)
        if case.district is not None:
            case.district.area = items["area"][case.district.area_id]
    return case


def guideline_items() -> dict[str, dict[int, Any]]:
    """Domains, types, programmes and areas by id, kept a minute per process (a few dozen
    rows; an edit shows within the minute)."""
    cache = caches["local"]
    items: dict[str, dict[int, Any]] | None = cache.get("cases:guideline-items")
    if items is None:
        items = {
            "domain": Domain.objects.in_bulk(),
            "type": CollaborationType.objects.in_bulk(),
            "program": Program.objects.in_bulk(),
            "area": Area.objects.in_bulk(),
        }
        cache.set("cases:guideline-items", items, 60)
    return items


def _pick(table: dict[int, Any], pk: int | None) -> Any:
    return table.get(pk) if pk is not None else None


def similar(case: Case, *, limit: int = 5) -> list[Case]:
    """Published cases most like `case`: the words of its title (through the search index),
    then shared forms, fields, domain and type. Scored among a bounded set of candidates:
    the best text matches and the newest cases sharing a field or a form."""
    forms = set(case.forms.values_list("pk", flat=True))
    fields_ = set(case.activity_fields.values_list("pk", flat=True))
    suitable = set(case.suitable_fields.values_list("pk", flat=True))
    scores: dict[int, float] = {}
    for rank, hit in enumerate(search.search_ids(model=Case, query=case.title, limit=30)):
        scores[hit.object_id] = 3.0 / (1 + rank)
    nearby = published().exclude(pk=case.pk)
    sharing = []
    if fields_:
        sharing.append(
            Exists(
                Case.activity_fields.through.objects.filter(
                    case_id=OuterRef("pk"), activityfield_id__in=fields_
                )
            )
        )
    if forms:
        sharing.append(
            Exists(Case.forms.through.objects.filter(case_id=OuterRef("pk"), form_id__in=forms))
        )
    # Cases sharing a field or a form; with neither, only the text matches count.
    nearby = nearby.filter(functools.reduce(operator.or_, sharing)) if sharing else nearby.none()
    candidate_ids = set(scores) | set(
        nearby.order_by("-pk").values_list("pk", flat=True)[:60]  # newest: walks the key
    )
    candidate_ids.discard(case.pk)
    # Plain id pairs rather than model instances: a few hundred candidates, cheaply.
    shared: dict[int, float] = dict.fromkeys(candidate_ids, 0.0)
    for model, column, values, weight in (
        (Case.forms.through, "form_id", forms, 2.0),
        (Case.activity_fields.through, "activityfield_id", fields_, 1.0),
        (Case.suitable_fields.through, "suitablefield_id", suitable, 1.0),
    ):
        if values:
            rows = model.objects.filter(
                case_id__in=candidate_ids, **{f"{column}__in": values}
            ).values_list("case_id", flat=True)
            for case_id in rows:
                shared[case_id] += weight
    candidates = list(
        published()
        .filter(pk__in=candidate_ids)
        .values_list("pk", "domain_id", "collaboration_type_id")
    )
    for pk, domain_id, type_id in candidates:
        score = scores.get(pk, 0.0) + shared[pk]
        score += 0.5 * (bool(case.domain_id) and domain_id == case.domain_id)
        score += 0.5 * (bool(case.collaboration_type_id) and type_id == case.collaboration_type_id)
        scores[pk] = score
    allowed = {pk for pk, _d, _t in candidates}
    best = [pk for pk, _s in sorted(scores.items(), key=lambda i: (-i[1], i[0])) if pk in allowed]
    by_pk = with_cards(published().filter(pk__in=best[:limit])).in_bulk()
    return [by_pk[pk] for pk in best[:limit] if pk in by_pk]


def cases_of_organisation(organisation_id: int) -> QuerySet[Case]:
    """Published cases a group took part in, newest first (for its profile page)."""
    # IN (the group's partner rows) rather than a join: no duplicate rows, so no DISTINCT over
    # every column; and the group's few rows lead, not the whole library.
    taking_part = CasePartner.objects.filter(organisation_id=organisation_id).values("case_id")
    return published().filter(pk__in=taking_part)


def cases_filed_under(**lookup: Any) -> QuerySet[Case]:
    """Published cases of a guideline item: forms=…, suitable_fields=…, domain=… ."""
    return published().filter(**lookup).distinct().order_by("-fiscal_year", "-pk")
