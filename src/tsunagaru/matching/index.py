"""The process's matching engine, built from the registry and kept in step with it.

Every change to a group (profile, offers, needs, status) re-indexes it for search, which stamps
its search entry; before each ranking the engine re-reads only the groups stamped since it last
looked. So an edit shows in the next ranking, in well under a second, without a rebuild.
Accepted introductions, suggestions marked helpful and the glossary are read again when they
change (the engine is then rebuilt: they are evidence for every ranking, not one group's).
"""

from __future__ import annotations

import threading
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Prefetch, QuerySet
from django.utils import timezone

from tsunagaru.matching.engine import Engine, Profile, vectors
from tsunagaru.matching.models import Feedback, GlossaryGroup, Introduction
from tsunagaru.partners.models import Need, Offer, Organisation
from tsunagaru.search.models import Entry

_lock = threading.Lock()
_state: dict[str, object] = {}


def profile_of(organisation: Organisation) -> Profile:
    """A group as the engine sees it: what it has, what it needs, who and where it is.

    Expects offers (active), needs (open) and activity fields prefetched.
    """
    strengths = [f"{o.title}。{o.description}" for o in organisation.offers.all() if o.is_active]
    resources = [organisation.resources_people, organisation.resources_goods]
    strengths += [r for r in resources if r]
    needs = [
        f"{n.title}。{n.description}"
        for n in organisation.needs.all()
        if n.status == Need.Status.OPEN
    ]
    return Profile(
        id=str(organisation.pk),
        name=organisation.name,
        kind=organisation.kind.name,
        area=organisation.area.name if organisation.area else "",
        district=organisation.district.name if organisation.district else "",
        fields=tuple(f.name for f in organisation.activity_fields.all()),
        strengths="\n".join(s for s in strengths if s),
        needs="\n".join(needs),
        description=organisation.description,
    )


def listed_organisations() -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(status=Organisation.Status.VERIFIED)
        .select_related("kind", "area", "district")
        .prefetch_related(
            "activity_fields",
            Prefetch("offers", queryset=Offer.objects.filter(is_active=True).order_by("pk")),
            Prefetch("needs", queryset=Need.objects.filter(status=Need.Status.OPEN).order_by("pk")),
        )
        .order_by("pk")
    )


def engine() -> Engine:
    """The current engine: built on first use, then brought up to date with each call."""
    with _lock:
        glossary_stamp = _glossary_stamp()
        learned_stamp = _learned_stamp()
        current = _state.get("engine")
        if (
            not isinstance(current, Engine)
            or _state.get("glossary_stamp") != glossary_stamp
            or _state.get("learned_stamp") != learned_stamp
        ):
            current = _build()
            _state.update(
                engine=current,
                glossary_stamp=glossary_stamp,
                learned_stamp=learned_stamp,
                synced_at=timezone.now(),
            )
        else:
            _sync(current)
        return current


def reset() -> None:
    """Forget the engine (tests; a changed database)."""
    with _lock:
        _state.clear()


def _build() -> Engine:
    groups = [g.word_list() for g in GlossaryGroup.objects.filter(is_active=True)]
    built = Engine(glossary=groups, vectors=vectors.installed())
    for organisation in listed_organisations().iterator(chunk_size=500):
        built.add(profile_of(organisation))
    accepted = Introduction.objects.filter(
        status=Introduction.Status.ACCEPTED, need__isnull=False
    ).select_related("need")
    for introduction in accepted:
        need = introduction.need
        if need is None:
            continue
        text = f"{need.title}。{need.description}"
        helper = (
            introduction.recipient_id
            if introduction.requester_id == need.organisation_id
            else introduction.requester_id
        )
        built.learn(text, str(helper))
    # Each published case is evidence that its partners answer what it was about.
    for text, partner_id in _case_evidence():
        built.learn(text, str(partner_id), weight=0.5)
    # A suggestion marked helpful is weaker evidence than an accepted introduction.
    helpful = Feedback.objects.filter(helpful=True, need__isnull=False).select_related("need")
    for feedback in helpful:
        text = f"{feedback.need.title}。{feedback.need.description}"
        built.learn(text, str(feedback.organisation_id), weight=0.5)
    return built


def _sync(current: Engine) -> None:
    since = _state.get("synced_at")
    if not isinstance(since, datetime):
        raise TypeError("the engine was not built")
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(Organisation)
    changed = list(
        Entry.objects.filter(content_type=content_type, updated_at__gte=since).values_list(
            "object_id", flat=True
        )
    )
    if changed:
        fresh = {o.pk: o for o in listed_organisations().filter(pk__in=changed)}
        for pk in changed:
            if pk in fresh:
                current.add(profile_of(fresh[pk]))
            else:
                current.remove(str(pk))  # no longer listed
    _state["synced_at"] = now


def _glossary_stamp() -> tuple[object, object]:
    stats = GlossaryGroup.objects.aggregate(latest=Max("updated_at"), count=Count("pk"))
    return stats["latest"], stats["count"]


def _learned_stamp() -> tuple[int, int, int]:
    from tsunagaru.cases.models import Case

    accepted = Introduction.objects.filter(status=Introduction.Status.ACCEPTED).count()
    published = Case.objects.filter(status=Case.Status.PUBLISHED).count()
    return accepted, Feedback.objects.filter(helpful=True).count(), published


def _case_evidence() -> list[tuple[str, int]]:
    """(what the case was about, a registered partner) for every published case."""
    from tsunagaru.cases.models import CasePartner

    partners = CasePartner.objects.filter(
        case__status="published", organisation__isnull=False
    ).select_related("case")
    return [
        (f"{p.case.title}。{p.case.summary}", int(p.organisation_id))
        for p in partners
        if p.organisation_id is not None
    ]
