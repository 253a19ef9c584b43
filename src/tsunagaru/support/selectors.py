"""Reads of the support centre: the queue, a question's page, registration states.

The queue and a consultation's page hold personal data: callers check
permissions.is_centre_staff first and log the viewing (services.consultation_viewed).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from tsunagaru.core.queries import InIds
from tsunagaru.knowledge import selectors as knowledge_selectors
from tsunagaru.knowledge.models import Article
from tsunagaru.partners.models import Organisation
from tsunagaru.proposals.models import Proposal
from tsunagaru.search.selectors import search_ids
from tsunagaru.support import links
from tsunagaru.support.models import CentreRegistration, Consultation, Topic


def topics_active() -> QuerySet[Topic]:
    return Topic.objects.filter(is_active=True).order_by("order", "pk")


@dataclass(frozen=True)
class QueueFilter:
    status: str = ""
    topic: Topic | None = None
    channel: str = ""
    due: bool = False  # only those whose follow-up date has come and that are not closed
    query: str = ""


SEARCH_LIMIT = 1_000


@dataclass(frozen=True)
class Queue:
    rows: Any
    # The words are in more than SEARCH_LIMIT consultations: only the newest of those were
    # searched (the page says so and suggests another word or a filter).
    words_capped: bool = False


def consultation_queue(*, filters: QueueFilter, today: datetime.date | None = None) -> Queue:
    """Consultations for the centre's queue, newest first, with what each row shows.

    Every filter narrows on an indexed column (status, topic, channel, follow-up date); the
    text search reads the subject, the question, the asker's name and the group's name — for
    words in more than SEARCH_LIMIT consultations, in the newest SEARCH_LIMIT of them.
    """
    rows = Consultation.objects.select_related("topic", "organisation", "asker", "entered_by")
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.topic is not None:
        rows = rows.filter(topic=filters.topic)
    if filters.channel:
        rows = rows.filter(channel=filters.channel)
    if filters.due:
        today = today or timezone.localdate()
        rows = rows.filter(follow_up_on__lte=today).exclude(status=Consultation.Status.CLOSED)
    query = filters.query.strip()
    if query:
        # The site's Japanese search index (tokens, readings): 協働 finds 協働事業, いさわ finds
        # 胆沢, without scanning every question's text.
        hits = search_ids(
            model=Consultation,
            query=query,
            public_only=False,
            limit=SEARCH_LIMIT,
            newest_first=True,
        )
        rows = rows.filter(InIds("pk", [hit.object_id for hit in hits]))
        return Queue(rows.order_by("-created_at", "-pk"), len(hits) >= SEARCH_LIMIT)
    return Queue(rows.order_by("-created_at", "-pk"))


def consultation_detail(*, pk: int) -> Consultation | None:
    """A consultation with its referrals and the records they point to."""
    return (
        Consultation.objects.select_related(
            "topic", "organisation", "asker", "entered_by", "answered_by"
        )
        .prefetch_related(
            "referrals__organisation",
            "referrals__program",
            "referrals__proposal",
            "referrals__course",
        )
        .filter(pk=pk)
        .first()
    )


def organisations_matching(text: str, *, limit: int = 6) -> list[Organisation]:
    """Listed groups (and departments) whose name is `text`, or else contains it (or whose
    furigana does): how staff name a group in a form without a list of thousands."""
    text = " ".join(text.split())
    listed = Organisation.objects.filter(status=Organisation.Status.VERIFIED).select_related("kind")
    exact = list(listed.filter(name=text)[:2])
    if exact:
        return exact
    found = listed.filter(Q(name__icontains=text) | Q(name_kana__icontains=text))
    return list(found.order_by("name_sort", "name", "pk")[:limit])


def listed_group(pk: int | None) -> Organisation | None:
    if pk is None:
        return None
    return Organisation.objects.filter(pk=pk, status=Organisation.Status.VERIFIED).first()


def articles_matching(text: str, *, limit: int = 6) -> list[Article]:
    """Published know-how articles whose title holds `text` (for "used in this answer")."""
    return list(
        knowledge_selectors.published()
        .filter(title__icontains=text.strip())
        .order_by("title")[:limit]
    )


def proposals_matching(text: str, *, limit: int = 6) -> list[Proposal]:
    """Proposals past their draft whose title is `text`, or else contains it."""
    text = " ".join(text.split())
    sent = Proposal.objects.exclude(status=Proposal.Status.DRAFT)
    exact = list(sent.filter(title=text)[:2])
    if exact:
        return exact
    return list(sent.filter(title__icontains=text).order_by("-pk")[:limit])


def question_by_token(token: str) -> Consultation | None:
    """The question a private link points to, or None for a link that is not ours."""
    pk = links.question_pk(token)
    if pk is None:
        return None
    return Consultation.objects.select_related("topic").filter(pk=pk).first()


def questions_of(user: Any) -> QuerySet[Consultation]:
    """The questions `user` asked on the site, newest first."""
    return (
        Consultation.objects.filter(asker=user)
        .select_related("topic")
        .order_by("-created_at", "-pk")
    )


# Registration with the centre


def _registered_on(on: datetime.date) -> Q:
    return Q(
        status=CentreRegistration.Status.REGISTERED,
        registered_on__lte=on,
        valid_until__gte=on,
    )


def is_registered(organisation: Organisation, *, on: datetime.date | None = None) -> bool:
    """Was the group registered with the centre on `on` (today by default)?

    The gate the proposal table and the city's grants ask (条例 第3条(4)).
    """
    on = on or timezone.localdate()
    return CentreRegistration.objects.filter(_registered_on(on), organisation=organisation).exists()


@dataclass(frozen=True)
class RegistrationState:
    current: CentreRegistration | None  # registered today
    latest: CentreRegistration | None  # the newest registration that was granted
    waiting: CentreRegistration | None  # an application waiting for the centre
    refused: CentreRegistration | None  # the newest refusal, if after the latest grant

    @property
    def expired(self) -> bool:
        return self.current is None and self.latest is not None


def registration_state(
    organisation: Organisation, *, today: datetime.date | None = None
) -> RegistrationState:
    """Everything the group's page shows about its registration, in one query."""
    today = today or timezone.localdate()
    rows = list(
        CentreRegistration.objects.filter(organisation=organisation).order_by("-created_at", "-pk")
    )
    granted = [r for r in rows if r.status == CentreRegistration.Status.REGISTERED]
    current = next(
        (
            r
            for r in granted
            if r.registered_on and r.valid_until and r.registered_on <= today <= r.valid_until
        ),
        None,
    )
    latest = max(granted, key=lambda r: r.valid_until or today, default=None)
    waiting = next((r for r in rows if r.status == CentreRegistration.Status.APPLIED), None)
    refused = next(
        (
            r
            for r in rows
            if r.status == CentreRegistration.Status.REFUSED
            and (latest is None or r.created_at > latest.created_at)
        ),
        None,
    )
    return RegistrationState(current=current, latest=latest, waiting=waiting, refused=refused)


def registrations_waiting() -> QuerySet[CentreRegistration]:
    """Applications waiting for a decision, oldest first."""
    return (
        CentreRegistration.objects.filter(status=CentreRegistration.Status.APPLIED)
        .select_related("organisation", "applied_by")
        .order_by("created_at", "pk")
    )


def registrations_in_force(*, today: datetime.date | None = None) -> QuerySet[CentreRegistration]:
    """Registrations in force today, those ending soonest first."""
    today = today or timezone.localdate()
    return (
        CentreRegistration.objects.filter(_registered_on(today))
        .select_related("organisation")
        .order_by("valid_until", "pk")
    )


def registrations_expired(*, today: datetime.date | None = None) -> QuerySet[CentreRegistration]:
    """Each group's last registration, where it has ended and nothing newer is in force."""
    today = today or timezone.localdate()
    same_group = CentreRegistration.objects.filter(
        organisation=OuterRef("organisation"), status=CentreRegistration.Status.REGISTERED
    )
    return (
        CentreRegistration.objects.filter(
            status=CentreRegistration.Status.REGISTERED, valid_until__lt=today
        )
        # Only its last registration: a newer one (in force or ended later) hides it.
        .exclude(Exists(same_group.filter(valid_until__gt=OuterRef("valid_until"))))
        .select_related("organisation")
        .order_by("valid_until", "pk")
    )
