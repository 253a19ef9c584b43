"""The matching index every process shares: stored once, mapped by all, kept in step.

`manage.py matching_index` (also a background task: after a bulk import, on a schedule, and
when a process finds no stored index) builds the engine from the registry and stores it under
settings.MATCHING_INDEX_DIR (engine/store.py): NumPy files that every process maps read-only,
so a new web process is ready in well under a second and all of them share its memory.

Every change the matcher must know (a group's profile, offers, needs or status; an accepted
introduction, a helpful suggestion, a published case; the glossary) is recorded as a numbered
IndexChange in the change's own transaction. Before each ranking a process applies the changes
numbered after what it has: it re-reads and re-analyses only the groups that changed. So two
processes that rank the same need after the same change agree, and no process ever builds the
whole index while answering a request: without a stored index, pages say that suggestions are
being prepared while a background task builds it.
"""

from __future__ import annotations

import datetime
import logging
import threading
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, Prefetch, QuerySet
from django.utils import timezone

from tsunagaru.matching.engine import Engine, Match, Profile, store, vectors
from tsunagaru.matching.models import Feedback, GlossaryGroup, IndexChange, Introduction
from tsunagaru.partners.models import Need, Offer, Organisation

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_state: dict[str, Any] = {}
# A process asks for a background build at most this often, and not while another is young.
_BUILD_REQUEST_EVERY = 600.0
_RANKINGS = 2048  # rankings remembered per process (see rank)


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


def engine() -> Engine | None:
    """The stored index with every recorded change applied; None while none is stored yet
    (a background build is then asked for, and pages say suggestions are being prepared)."""
    with _lock:
        return _current()


def rank(text: str, **options: Any) -> list[Match]:
    """engine().rank(text, **options), remembered until this process's index next changes.

    A need page that is read again (often, as suggestions are public) costs no ranking; any
    change applied, by this process or a new stored version, forgets every remembered one,
    so a remembered ranking is always the one the index would give now.
    """
    with _lock:
        current = _current()
        generation = _state.get("generation")
        key = (text, tuple(sorted(options.items())))
        remembered: dict[Any, list[Match]] = _state.setdefault("rankings", {})
        hit = remembered.get(key)
    if current is None:
        return []
    if hit is not None:
        return hit
    ranked = current.rank(text, **options)
    with _lock:
        if _state.get("generation") == generation:
            if len(remembered) >= _RANKINGS:
                remembered.clear()
            remembered[key] = ranked
    return ranked


def _current() -> Engine | None:
    directory = store.current(root())
    if directory is None:
        _request_build()
        directory = store.current(root())  # an immediate task backend built it just now
        if directory is None:
            return None
    if _state.get("directory") != directory:
        try:
            loaded = store.load(directory)
        except (ValueError, OSError):
            # Written by another version of the code, or damaged: as if none were stored.
            logger.exception("matching index: cannot load %s", directory)
            _request_build()
            return None
        _state.update(engine=loaded, directory=directory, applied=store.meta(directory)["version"])
        _forget_rankings()
    current: Engine = _state["engine"]
    applied = apply_changes(current, since=int(_state["applied"]))
    if applied != _state["applied"]:
        _state["applied"] = applied
        _forget_rankings()
    return current


def _forget_rankings() -> None:
    _state["rankings"] = {}
    _state["generation"] = int(_state.get("generation", 0)) + 1


def status() -> dict[str, Any]:
    """The stored index's version, age in seconds and size, for /healthz; what this process
    has applied. Empty when no index is stored."""
    directory = store.current(root())
    if directory is None:
        return {}
    about = store.meta(directory)
    return {
        "version": about["version"],
        "age_seconds": round(time.time() - float(about["built_at"]), 1),
        "groups": about["count"],
        "applied": _state.get("applied") if _state.get("directory") == directory else None,
    }


def root() -> Path:
    return Path(settings.MATCHING_INDEX_DIR)


def reset() -> None:
    """Forget this process's engine (tests; a changed database). The stored index stays."""
    with _lock:
        _state.clear()


def build() -> Path:
    """Build the whole index from the registry and store it as the current one.

    Slow at scale (about a minute at 10,000 groups): only for the command and the background
    task, never a request. The version is the last change recorded when it starts reading.
    """
    with _snapshot():
        version = IndexChange.objects.aggregate(last=Max("pk"))["last"] or 0
        built = _build()
    published = store.publish(built, root(), version=version, extra={"groups": len(built)})
    # Changes this index contains are needed only by a process still on an older one, which
    # moves to this one at its next ranking: a day is plenty.
    old = timezone.now() - datetime.timedelta(days=1)
    IndexChange.objects.filter(pk__lte=version, created_at__lt=old).delete()
    return published


def apply_changes(current: Engine, *, since: int) -> int:
    """Apply the changes numbered after `since` to `current`; the last number applied.

    Changed groups are read once, as they are now; each is analysed again only at its last
    change. Evidence is learned in order (a withdrawal re-learns what is still true).
    """
    changes = list(IndexChange.objects.filter(pk__gt=since).order_by("pk"))
    if not changes:
        return since
    groups = [c for c in changes if c.kind == IndexChange.Kind.GROUP]
    last = {c.organisation_id: c.pk for c in groups}
    fresh = {o.pk: o for o in listed_organisations().filter(pk__in=list(last))}
    for change in changes:
        group = change.organisation_id
        if change.kind == IndexChange.Kind.GROUP and group and last[group] == change.pk:
            listed = fresh.get(group)
            if listed is not None:
                current.add(profile_of(listed))
            else:
                current.remove(str(group))  # no longer listed
        elif change.kind == IndexChange.Kind.EVIDENCE:
            payload = change.payload
            current.learn(payload["text"], str(payload["helper"]), weight=payload["weight"])
        elif change.kind == IndexChange.Kind.EVIDENCE_REVISED:
            current.forget_learned()
            _learn_all(current)
        elif change.kind == IndexChange.Kind.GLOSSARY:
            current.set_glossary(_glossary())
    return changes[-1].pk


def _request_build() -> None:
    """Queue a background build, unless one was asked for recently (by any process)."""
    marker = root() / "build-requested"
    try:
        if time.time() - marker.stat().st_mtime < _BUILD_REQUEST_EVERY:
            return
    except FileNotFoundError:
        pass
    try:
        root().mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        # The page still answers (suggestions are being prepared); the operator must fix it.
        logger.exception("matching index: cannot write to %s", root())
    from tsunagaru.matching import tasks

    tasks.build_index.enqueue()


def _snapshot() -> Any:
    """Read the registry as of one moment, so that the version matches what was read.

    On PostgreSQL a read-only repeatable-read transaction. SQLite's transactions would take
    the write lock for the whole build (transaction_mode IMMEDIATE): there the build reads
    without one, and a change recorded while it reads may be applied twice (re-adding a group
    is harmless; an evidence counted twice weighs a little more until the next build).
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return _NoSnapshot()
    return _PostgresSnapshot()


class _NoSnapshot:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


class _PostgresSnapshot:
    def __init__(self) -> None:
        self._atomic = transaction.atomic()

    def __enter__(self) -> None:
        self._atomic.__enter__()
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def __exit__(self, *exc: Any) -> None:
        self._atomic.__exit__(*exc)


def _glossary() -> list[list[str]]:
    return [g.word_list() for g in GlossaryGroup.objects.filter(is_active=True)]


def _build() -> Engine:
    built = Engine(glossary=_glossary(), vectors=vectors.installed())
    for organisation in listed_organisations().iterator(chunk_size=500):
        built.add(profile_of(organisation))
    _learn_all(built)
    return built


def _learn_all(current: Engine) -> None:
    """Learn from every accepted introduction, published case and helpful suggestion."""
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
        current.learn(text, str(helper))
    # Each published case is evidence that its partners answer what it was about.
    for text, partner_id in _case_evidence():
        current.learn(text, str(partner_id), weight=0.5)
    # A suggestion marked helpful is weaker evidence than an accepted introduction.
    helpful = Feedback.objects.filter(helpful=True, need__isnull=False).select_related("need")
    for feedback in helpful:
        text = f"{feedback.need.title}。{feedback.need.description}"
        current.learn(text, str(feedback.organisation_id), weight=0.5)


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
