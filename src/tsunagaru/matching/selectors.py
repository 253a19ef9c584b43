"""Reads of the matching app: suggestions with reasons, introductions, the network."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.dates import fiscal_year
from tsunagaru.matching import index
from tsunagaru.matching.engine import Match, Reason
from tsunagaru.matching.models import Connection, Feedback, Introduction
from tsunagaru.partners.models import Membership, Need, Organisation
from tsunagaru.partners.selectors import speakers_of


class MatchStrength(models.TextChoices):
    """How promising a need's best suggestion is, in words for people (never the raw score)."""

    STRONG = "strong", _("Strong candidates")
    SOME = "some", _("Some candidates")
    NONE = "none", _("No good candidate")


# The one place that turns the engine's score (0–1) into words: the lowest score of each
# strength, strongest first. Below the last one a need has no good candidate.
STRENGTH_THRESHOLDS: tuple[tuple[float, MatchStrength], ...] = (
    (0.4, MatchStrength.STRONG),
    (0.2, MatchStrength.SOME),
)


def match_strength(score: float) -> MatchStrength:
    """The words for a best-suggestion score (see STRENGTH_THRESHOLDS)."""
    for lowest, strength in STRENGTH_THRESHOLDS:
        if score >= lowest:
            return strength
    return MatchStrength.NONE


@dataclass(frozen=True)
class Suggestion:
    organisation: Organisation
    score: float
    reasons: tuple[Reason, ...]


def index_ready() -> bool:
    """Whether suggestions can be made: false until the shared index is first built (pages
    then say that suggestions are being prepared; a background build has been asked for)."""
    return index.engine() is not None


def _rank(text: str, **options: Any) -> list[Match]:
    return index.rank(text, **options)


def need_text(need: Need) -> str:
    return f"{need.title}。{need.description}"


def suggestions_for_need(need: Need, *, limit: int = 10) -> list[Suggestion]:
    """つながれそうな担い手: listed groups that could help with `need`, with reasons."""
    matches = _rank(need_text(need), from_id=str(need.organisation_id), limit=limit)
    return _with_organisations(matches)


def suggestions_for_text(
    text: str, *, organisation: Organisation | None, limit: int = 10
) -> list[Suggestion]:
    """「こんなことで困っています」: a free-text need, asked for one's group (or none)."""
    from_id = str(organisation.pk) if organisation is not None else None
    return _with_organisations(_rank(text, from_id=from_id, limit=limit))


def needs_to_help(organisation: Organisation, *, limit: int = 5) -> list[tuple[Need, Suggestion]]:
    """Open needs of other groups that `organisation`'s strengths could answer: the
    「できることを生かす」 search with what the group offers."""
    profile = index.profile_of(_with_items(organisation))
    if not profile.strengths.strip():
        return []
    found = needs_for_offer(profile.strengths, organisation=organisation, limit=limit)
    return [(item.need, item.suggestion) for item in found]


@dataclass(frozen=True)
class NeedToHelp:
    """An open need of another group that what someone can give could answer, and why."""

    need: Need
    suggestion: Suggestion


def needs_for_offer(
    text: str, *, organisation: Organisation | None = None, limit: int = 10
) -> list[NeedToHelp]:
    """「できることを生かす」: open needs of listed groups that `text` (what a person or a group
    can give) could answer, best first; for each group, the need its words are about."""
    from_id = str(organisation.pk) if organisation is not None else None
    matches = _rank(text, from_id=from_id, limit=limit * 2, offer=True)
    suggestions = _with_organisations(matches)
    by_group: dict[int, list[Need]] = defaultdict(list)
    needs = Need.objects.filter(
        organisation__in=[s.organisation for s in suggestions], status=Need.Status.OPEN
    ).order_by("-created_at", "-pk")
    for open_need in needs:
        by_group[open_need.organisation_id].append(open_need)
    result = []
    for suggestion in suggestions:
        need = _need_about(by_group.get(suggestion.organisation.pk, []), suggestion.reasons)
        if need is not None:
            need.organisation = suggestion.organisation
            result.append(NeedToHelp(need, suggestion))
    return result[:limit]


def _need_about(needs: list[Need], reasons: Iterable[Reason]) -> Need | None:
    """Of a group's open needs (newest first), the one holding most of the words the match
    was found by; the newest when the match came from resources or meaning alone."""
    from tsunagaru.matching.engine import analysis

    words = {theirs for reason in reasons for _ours, theirs in reason.pairs}
    if not needs:
        return None

    def weight(need: Need) -> int:
        # A noun (除雪) says what a need is about more than a verb (手伝う).
        units = analysis.units(need_text(need))
        found = {u.keys[0][0][2:]: u.pos for u in units if u.keys[0][0][2:] in words}
        return sum(2 if pos == "名詞" else 1 for pos in found.values())

    return max(needs, key=weight)


def _with_items(organisation: Organisation) -> Organisation:
    fresh = index.listed_organisations().filter(pk=organisation.pk).first()
    return fresh if fresh is not None else organisation


def _with_organisations(matches: list[Match]) -> list[Suggestion]:
    ids = [int(m.id) for m in matches]
    organisations = (
        Organisation.objects.filter(pk__in=ids, status=Organisation.Status.VERIFIED)
        .select_related("kind", "area", "district")
        .in_bulk()
    )
    # A suggestion nobody could explain is not shown: every card says why, and not only by the
    # partner's kind, place or fields (true of many groups, an answer to no need).
    return [
        Suggestion(organisations[int(m.id)], m.score, m.reasons)
        for m in matches
        if int(m.id) in organisations and any(r.kind in EXPLAINING for r in m.reasons)
    ]


# Reasons that say why this partner, for this need.
EXPLAINING = frozenset(
    {"offers", "spare", "complements", "mutual", "about", "resource", "resource_wanted", "learned"}
)


def introductions_for(user: Any) -> dict[str, QuerySet[Introduction]]:
    """The user's groups' introductions: waiting for their answer, received, sent."""
    groups = Membership.objects.filter(user=user).values("organisation")
    base = Introduction.objects.select_related("requester", "recipient", "need")
    return {
        "waiting": base.filter(recipient__in=groups, status=Introduction.Status.REQUESTED),
        "received": base.filter(recipient__in=groups).exclude(status=Introduction.Status.REQUESTED),
        "sent": base.filter(Q(requester__in=groups) | Q(requested_by=user)).distinct(),
    }


def introduction_detail(pk: int) -> Introduction | None:
    return (
        Introduction.objects.select_related(
            "requester", "recipient", "need", "requested_by", "answered_by"
        )
        .filter(pk=pk)
        .first()
    )


def feedback_of(user: Any, need: Need) -> dict[int, bool]:
    """The user's earlier answers on this need's suggestions: organisation id → helpful."""
    if not user.is_authenticated:
        return {}
    rows = Feedback.objects.filter(need=need, user=user).values_list("organisation_id", "helpful")
    return dict(rows)


@dataclass(frozen=True)
class Contact:
    organisation: Organisation
    email: str  # the group's public contact address, if it has one
    people: list[tuple[str, str]]  # (name, e-mail) of the people who asked and answered


def contacts(introduction: Introduction) -> list[Contact]:
    """Both sides' contact details, for an accepted introduction only (see permissions)."""
    if introduction.status != Introduction.Status.ACCEPTED:
        return []
    # A coordinator who introduced the two is not the requesting group's contact: its
    # speakers are.
    asked_by = (
        speakers_of(introduction.requester)
        if introduction.via == Introduction.Via.COORDINATOR
        else [introduction.requested_by]
    )
    answered_by = [introduction.answered_by] if introduction.answered_by is not None else []
    return [
        Contact(
            organisation, organisation.contact_email, [(p.display_name, p.email) for p in people]
        )
        for organisation, people in (
            (introduction.requester, asked_by),
            (introduction.recipient, answered_by),
        )
    ]


def unmatched_needs(*, days: int = 0) -> QuerySet[Need]:
    """Open needs of listed groups, older than `days` (by default all of them), that no
    introduction has taken up, oldest first."""
    since = timezone.now() - datetime.timedelta(days=days)
    introduced = Introduction.objects.filter(need=OuterRef("pk")).exclude(
        status=Introduction.Status.WITHDRAWN
    )
    return (
        Need.objects.filter(
            status=Need.Status.OPEN,
            organisation__status=Organisation.Status.VERIFIED,
            created_at__lte=since,
        )
        .exclude(Exists(introduced))
        .select_related("organisation", "organisation__kind", "organisation__area")
        .order_by("created_at", "pk")
    )


def introductions_unanswered() -> QuerySet[Introduction]:
    """Introductions between groups still waiting for the other side's answer, oldest first."""
    return (
        Introduction.objects.filter(status=Introduction.Status.REQUESTED)
        .select_related("requester", "recipient", "need")
        .order_by("created_at", "pk")
    )


def best_strengths(needs: Iterable[Need]) -> dict[int, MatchStrength]:
    """Each need's best suggestion, in words (for one page of needs)."""
    return {pk: match_strength(score) for pk, score in best_scores(needs).items()}


def best_scores(needs: Iterable[Need]) -> dict[int, float]:
    """Each need's best suggestion score (for one page of needs: it ranks each of them)."""
    scores = {}
    for need in needs:
        matches = _rank(need_text(need), from_id=str(need.organisation_id), limit=1)
        scores[need.pk] = matches[0].score if matches else 0.0
    return scores


# -- the network -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Network:
    organisations: list[Organisation]
    connections: list[Connection]
    by_year: list[dict[str, Any]]
    isolated: QuerySet[Organisation]  # listed groups with no connection (lazy)
    isolated_count: int
    by_area: list[dict[str, Any]]
    cross_kind: list[tuple[str, str, int]]


def network(*, fiscal: int | None = None) -> Network:
    """Connections between listed groups, with the measures the city follows per 年度."""
    connections = list(
        Connection.objects.filter(
            first__status=Organisation.Status.VERIFIED,
            second__status=Organisation.Status.VERIFIED,
        )
        .select_related(
            "first__kind__partner_kind",
            "second__kind__partner_kind",
            "first__area",
            "second__area",
        )
        .order_by("connected_on", "pk")
    )
    years: dict[int, list[Connection]] = defaultdict(list)
    for connection in connections:
        years[fiscal_year(connection.connected_on)].append(connection)
    shown = years.get(fiscal, []) if fiscal is not None else connections
    by_year = [
        {
            "year": year,
            "connections": len(items),
            "cross_kind": sum(
                1 for c in items if _partner_kind(c.first) != _partner_kind(c.second)
            ),
            "groups": len({c.first_id for c in items} | {c.second_id for c in items}),
        }
        for year, items in sorted(years.items())
    ]
    connected = {c.first_id for c in shown} | {c.second_id for c in shown}
    organisations = {c.first_id: c.first for c in shown} | {c.second_id: c.second for c in shown}
    # Counted in the database: every listed group may be unconnected, and the page shows counts.
    isolated = Organisation.objects.filter(status=Organisation.Status.VERIFIED).exclude(
        pk__in=connected
    )
    areas: Counter[str] = Counter()
    for connection in shown:
        for side in (connection.first, connection.second):
            areas[side.area.name if side.area else "—"] += 1
    lonely: Counter[str] = Counter(
        {
            row["area__name"] or "—": row["n"]
            for row in isolated.values("area__name").annotate(n=Count("pk")).order_by()
        }
    )
    by_area = [
        {"area": name, "links": areas.get(name, 0), "isolated": lonely.get(name, 0)}
        for name in sorted(set(areas) | set(lonely))
    ]
    pairs: Counter[tuple[str, str]] = Counter()
    for connection in shown:
        a, b = sorted([partner_kind_label(connection.first), partner_kind_label(connection.second)])
        pairs[(a, b)] += 1
    return Network(
        organisations=sorted(organisations.values(), key=lambda o: o.pk),
        connections=shown,
        by_year=by_year,
        isolated=isolated,
        isolated_count=sum(lonely.values()),
        by_area=by_area,
        cross_kind=[(a, b, n) for (a, b), n in sorted(pairs.items())],
    )


def _partner_kind(organisation: Organisation) -> str:
    partner = organisation.kind.partner_kind
    return partner.code if partner is not None else organisation.kind.code


def partner_kind_label(organisation: Organisation) -> str:
    """The guideline's partner kind (地域づくり団体, 市民公益団体 …) in the page's language."""
    partner = organisation.kind.partner_kind
    return str(partner.label if partner is not None else organisation.kind.label)
