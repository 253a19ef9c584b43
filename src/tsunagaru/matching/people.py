"""Individual volunteers as candidates for a need (「個人で手伝える人」), and reads of the
introductions groups ask of them.

Only people who agreed to be suggested (VolunteerProfile.suggest_consented_at) are indexed, in
an engine of their own, apart from the groups: the same Engine class ranks them for a need's
text by what they wrote about their skills and wishes. A person is suggested only when the need
asks for helping hands (人手) or when their skills or wishes answer it in words; someone with
no such reason is never shown. Whoever is shown, the database is asked again at that moment,
so a person who took back their consent (or whose account was closed) is gone from the next
page, even before the index is rebuilt.

Profiles are few (tens, hundreds): the index is rebuilt whole when any profile or the glossary
changed (a stamp of counts and latest edits), never per request when nothing did.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q, QuerySet

from tsunagaru.matching.engine import Engine, Profile, Reason, analysis, vectors
from tsunagaru.matching.models import GlossaryGroup, PersonIntroduction
from tsunagaru.partners.models import Need, VolunteerProfile

PREFIX = "p:"  # profile ids in the people engine: "p:<VolunteerProfile pk>"
HANDS = "人手"  # the lexicon's resource for helping hands (engine/data/lexicon.json)
# Reasons that say the person's own words answer the need.
_WORD_REASONS = frozenset({"offers", "complements"})
# Reasons worth showing for a person (group kinds and learned pairs say nothing about them).
_SHOWN_REASONS = frozenset({"offers", "complements", "resource", "resource_wanted", "field"})

_lock = threading.Lock()
_state: dict[str, Any] = {}


@dataclass(frozen=True)
class PersonSuggestion:
    volunteer: VolunteerProfile
    reasons: tuple[Reason, ...]


def suggestable() -> QuerySet[VolunteerProfile]:
    """Volunteers who agreed to be suggested and whose account is active."""
    return (
        VolunteerProfile.objects.filter(suggest_consented_at__isnull=False, user__is_active=True)
        .select_related("area", "district", "district__area")
        .prefetch_related("activity_fields")
    )


def profile_of(volunteer: VolunteerProfile) -> Profile:
    """A volunteer as the engine sees it: what they can do and would like to do, and where.
    No name: the engine has no use for it, and reasons are built from what it holds."""
    district = volunteer.district
    area = volunteer.area or (district.area if district is not None else None)
    return Profile(
        id=f"{PREFIX}{volunteer.pk}",
        area=area.name if area is not None else "",
        district=district.name if district is not None else "",
        fields=tuple(f.name for f in volunteer.activity_fields.all()),
        strengths="\n".join(t for t in (volunteer.skills, volunteer.wishes) if t.strip()),
    )


def engine() -> Engine:
    """The people engine of this process, rebuilt only when a profile or the glossary changed."""
    with _lock:
        stamp = _stamp()
        current = _state.get("engine")
        if not isinstance(current, Engine) or _state.get("stamp") != stamp:
            current = _build()
            _state.update(engine=current, stamp=stamp)
        return current


def reset() -> None:
    """Forget the engine (tests; a changed database)."""
    with _lock:
        _state.clear()


def _build() -> Engine:
    groups = [g.word_list() for g in GlossaryGroup.objects.filter(is_active=True)]
    built = Engine(glossary=groups, vectors=vectors.installed())
    for volunteer in suggestable().order_by("pk"):
        built.add(profile_of(volunteer))
    return built


def _stamp() -> tuple[object, ...]:
    # Every profile counts, not only consenting ones: one taking back consent while another
    # gives it leaves the count of consenting profiles as it was, but not the latest edit.
    people = VolunteerProfile.objects.aggregate(
        latest=Max("updated_at"),
        count=Count("pk"),
        consenting=Count("pk", filter=Q(suggest_consented_at__isnull=False)),
    )
    glossary = GlossaryGroup.objects.aggregate(latest=Max("updated_at"), count=Count("pk"))
    return (
        people["latest"],
        people["count"],
        people["consenting"],
        glossary["latest"],
        glossary["count"],
    )


def asks_for_hands(text: str) -> bool:
    """Whether a need's text asks for helping hands (人手が足りない, 手伝ってくれる人を探す)."""
    return any(
        (HANDS, analysis.WANT) in clause.resources
        for clause in analysis.clauses(text, default=analysis.WANT)
    )


def suggestions_for_need(need: Need, *, limit: int = 5) -> list[PersonSuggestion]:
    """「個人で手伝える人」 for `need`: people whose skills or wishes answer it in words, first;
    then, if it asks for 人手, people of the same area. Never the need's own group's members.

    Who may see these is the caller's question (permissions.can_see_people).
    """
    text = f"{need.title}。{need.description}"
    hands = asks_for_hands(text)
    ranked: dict[int, list[Reason]] = {}
    for match in engine().rank(text, limit=limit * 4):
        ranked[int(match.id.removeprefix(PREFIX))] = [
            r for r in match.reasons if r.kind in _SHOWN_REASONS
        ]
    organisation = need.organisation
    # Asked again now: consent may have been taken back since the index was built.
    candidates = suggestable().exclude(user__memberships__organisation=organisation)
    found = candidates.in_bulk(list(ranked))
    order = [
        pk
        for pk in ranked
        if pk in found
        and (_in_words(ranked[pk]) or (hands and _nearby(found[pk], organisation.area_id)))
    ]
    if hands and organisation.area_id is not None and len(order) < limit:
        nearby = candidates.filter(
            Q(area_id=organisation.area_id) | Q(district__area_id=organisation.area_id)
        ).exclude(pk__in=order)
        for volunteer in nearby.order_by("-suggest_consented_at", "pk")[: limit - len(order)]:
            found[volunteer.pk] = volunteer
            order.append(volunteer.pk)
    return [
        PersonSuggestion(found[pk], _reasons(found[pk], ranked.get(pk, []), need, hands=hands))
        for pk in order[:limit]
    ]


def _in_words(reasons: list[Reason]) -> bool:
    """Whether the person's own words answer the need: a word of two or more characters that
    both use as written, and not one that only asks for hands. A pairing of different words
    (雪かき（除雪）) is shown, but alone it does not put a person in front of a group: the
    person's trust is at stake, not a ranking."""
    return any(
        len(word) >= 2 and "（" not in word and not _hands_word(word)
        for reason in reasons
        if reason.kind in _WORD_REASONS
        for word in reason.words
    )


def _hands_word(word: str) -> bool:
    """A word that only calls for (or offers) helping hands, 手伝う・担い手: the 人手 rule covers
    it; as a skill it would put every willing person in front of every group."""
    cues = analysis.lexicon()["resources"].get(HANDS, {})
    return any(cue in word for cue in (*cues.get("cues", ()), *cues.get("inverse", ())))


def _nearby(volunteer: VolunteerProfile, area_id: int | None) -> bool:
    district = volunteer.district
    return area_id is not None and area_id in (
        volunteer.area_id,
        district.area_id if district is not None else None,
    )


def _reasons(
    volunteer: VolunteerProfile, found: list[Reason], need: Need, *, hands: bool
) -> tuple[Reason, ...]:
    """The engine's reasons, then 人手 when the need asks for it, then the place if shared.
    Words that only call for hands (手伝う) leave the word reasons: the 人手 reason says it."""
    # For a person, what they can do and what they would like to do read as one reason.
    words = [w for r in found if r.kind in _WORD_REASONS for w in r.words if not _hands_word(w)]
    reasons = [Reason("offers", tuple(dict.fromkeys(words)))] if words else []
    reasons += [r for r in found if r.kind not in _WORD_REASONS]
    if hands and not any(r.kind == "resource" and HANDS in r.words for r in reasons):
        reasons.append(Reason("hands", (HANDS,)))
    organisation = need.organisation
    if volunteer.district_id is not None and volunteer.district_id == organisation.district_id:
        reasons.append(Reason("place", (volunteer.district.name,)))  # type: ignore[union-attr]
    elif organisation.area is not None and _nearby(volunteer, organisation.area_id):
        reasons.append(Reason("place", (organisation.area.name,)))
    return tuple(reasons)


# -- introductions to people -------------------------------------------------------------------


def person_introduction_get(pk: int) -> PersonIntroduction | None:
    return (
        PersonIntroduction.objects.select_related(
            "organisation", "volunteer__user", "volunteer__area", "need", "requested_by"
        )
        .filter(pk=pk)
        .first()
    )


def person_introductions_for(user: Any) -> dict[str, QuerySet[PersonIntroduction]]:
    """What a person was asked (as a volunteer), and what their groups asked of volunteers."""
    base = PersonIntroduction.objects.select_related(
        "organisation", "need", "volunteer__area", "volunteer__district"
    )
    groups = user.memberships.values("organisation")
    return {
        "received": base.filter(volunteer__user=user),
        "sent": base.filter(organisation__in=groups),
    }


def open_request_between(need: Need, volunteer: VolunteerProfile) -> PersonIntroduction | None:
    """The need's group's open request to this person, if any (one at a time)."""
    return PersonIntroduction.objects.filter(
        organisation_id=need.organisation_id,
        volunteer=volunteer,
        status=PersonIntroduction.Status.REQUESTED,
    ).first()


@dataclass(frozen=True)
class PersonContacts:
    """Both sides' contact details, once the person has accepted."""

    person_name: str
    person_email: str
    group_name: str
    group_email: str
    asked_by: tuple[str, str]  # (name, e-mail) of the member who asked


def person_contacts(introduction: PersonIntroduction) -> PersonContacts | None:
    """The two sides' contact details: for an accepted introduction only (see permissions)."""
    if introduction.status != PersonIntroduction.Status.ACCEPTED:
        return None
    person = introduction.volunteer.user
    asker = introduction.requested_by
    return PersonContacts(
        person_name=person.display_name,
        person_email=person.email,
        group_name=introduction.organisation.name,
        group_email=introduction.organisation.contact_email,
        asked_by=(asker.display_name, asker.email),
    )
