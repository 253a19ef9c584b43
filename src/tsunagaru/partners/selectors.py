"""Reads of the partner registry: the directory, profiles, the verification queue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from tsunagaru.guideline.models import ActivityField
from tsunagaru.partners.models import (
    Invitation,
    Membership,
    Need,
    Offer,
    Organisation,
    VolunteerProfile,
)
from tsunagaru.partners.permissions import SPEAKING_ROLES
from tsunagaru.search import selectors as search


@dataclass(frozen=True)
class DirectoryFilter:
    query: str = ""
    kind: int | None = None
    area: int | None = None
    district: int | None = None
    field: int | None = None
    has_open_needs: bool = False
    sort: str = "kana"  # "kana" | "newest" | "relevance" (with a query)

    def narrows(self) -> bool:
        return bool(self.kind or self.area or self.district or self.field or self.has_open_needs)


# Enough to page through; a word so common that it matches more says "1,000+".
SEARCH_LIMIT = 1_000
SORTS = {"kana": ("name_sort", "name", "pk"), "newest": ("-verified_at", "-pk")}


def _open_needs() -> Exists:
    return Exists(Need.objects.filter(organisation=OuterRef("pk"), status=Need.Status.OPEN))


def _listed() -> QuerySet[Organisation]:
    # A card shows only each field's label: loading whole rows would cost more than the query.
    fields = ActivityField.objects.only("name", "name_en", "order")
    return (
        Organisation.objects.filter(status=Organisation.Status.VERIFIED)
        .select_related("kind", "area", "district")
        .prefetch_related(Prefetch("activity_fields", queryset=fields))
    )


def mark_open_needs(organisations: list[Organisation]) -> list[Organisation]:
    """Set `has_open_needs` on each group shown, in one query for the whole list.

    Not an EXISTS annotation: PostgreSQL plans that as a hash of every open need in the
    city (thousands of rows) even when the page shows twenty groups.
    """
    with_needs = set(
        Need.objects.filter(
            organisation_id__in=[o.pk for o in organisations], status=Need.Status.OPEN
        )
        .order_by()  # the default ordering would join the groups for their names
        .values_list("organisation_id", flat=True)
    )
    for organisation in organisations:
        organisation.has_open_needs = organisation.pk in with_needs
    return organisations


def directory(*, filters: DirectoryFilter) -> tuple[QuerySet[Organisation], list[int] | None]:
    """Listed groups matching `filters`.

    Returns the queryset and, for a text query, the matching ids in rank order; then the
    caller pages through the ids and loads one page of groups from the queryset (in_bulk).
    Without a query the ids are None and the queryset itself is paged.
    """
    organisations = _listed()
    if filters.kind:
        organisations = organisations.filter(kind_id=filters.kind)
    if filters.area:
        organisations = organisations.filter(area_id=filters.area)
    if filters.district:
        organisations = organisations.filter(district_id=filters.district)
    if filters.field:
        # A subquery rather than a join, so no group appears twice and no DISTINCT is needed.
        tagged = Organisation.activity_fields.through.objects.filter(
            organisation_id=OuterRef("pk"), activityfield_id=filters.field
        )
        organisations = organisations.filter(Exists(tagged))
    if filters.has_open_needs:
        organisations = organisations.filter(_open_needs())
    ranked: list[int] | None = None
    if filters.query.strip():
        # The index holds only listed groups as public, so with no other filter the hits are
        # the answer; with filters, keep the hits that pass them.
        hits = search.search_ids(model=Organisation, query=filters.query, limit=SEARCH_LIMIT)
        ranked = [h.object_id for h in hits]
        if filters.narrows():
            # Intersect in Python: a filter is selective, and an IN list of thousands of ids
            # costs more to send than the ids the filter keeps.
            allowed = set(organisations.values_list("pk", flat=True))
            ranked = [pk for pk in ranked if pk in allowed]
    if filters.sort in SORTS and not (ranked is not None and filters.sort == "relevance"):
        organisations = organisations.order_by(*SORTS[filters.sort])
    return organisations, ranked


def in_rank_order(page: list[Organisation], ranked: list[int] | None) -> list[Organisation]:
    if ranked is None:
        return page
    position = {pk: i for i, pk in enumerate(ranked)}
    return sorted(page, key=lambda o: position.get(o.pk, len(position)))


def organisation_detail(*, pk: int) -> Organisation | None:
    """One group with what its profile page shows, in a fixed number of queries."""
    members = Membership.objects.select_related("user").order_by("role", "pk")
    return (
        Organisation.objects.select_related(
            "kind", "kind__partner_kind", "area", "district", "parent"
        )
        .prefetch_related(
            "activity_fields",
            Prefetch(
                "offers",
                queryset=Offer.objects.filter(is_active=True).prefetch_related("activity_fields"),
            ),
            Prefetch(
                "needs",
                queryset=Need.objects.order_by("status", "-created_at").prefetch_related(
                    "activity_fields"
                ),
            ),
            # Ordered by name alone: ordering by the directory's (status, kana) index would make
            # SQLite scan every listed group instead of using the parent index.
            Prefetch(
                "sub_teams",
                queryset=Organisation.objects.filter(status=Organisation.Status.VERIFIED).order_by(
                    "name", "pk"
                ),
            ),
            Prefetch("memberships", queryset=members),
        )
        .filter(pk=pk)
        .first()
    )


def review_queue() -> QuerySet[Organisation]:
    """Groups waiting for verification, oldest first."""
    return (
        Organisation.objects.filter(status=Organisation.Status.PENDING)
        .select_related("kind", "district", "created_by")
        .order_by("created_at", "pk")
    )


def my_organisations(*, user: Any) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation", "organisation__kind")


def listed_groups_of(user: Any) -> list[Organisation]:
    """The listed groups `user` belongs to, by name: the sides the user may speak for."""
    if not user.is_authenticated:
        return []
    memberships = Membership.objects.filter(
        user=user, organisation__status=Organisation.Status.VERIFIED
    ).select_related("organisation")
    return sorted((m.organisation for m in memberships), key=lambda o: o.name)


def speakers_of(organisation: Organisation) -> list[Any]:
    """The active representative and contact people of a group: whom its mail goes to."""
    memberships = Membership.objects.filter(
        organisation=organisation, role__in=SPEAKING_ROLES, user__is_active=True
    ).select_related("user")
    return [m.user for m in memberships]


def district_groups(*, district_id: int) -> list[Organisation]:
    return mark_open_needs(
        list(_listed().filter(district_id=district_id).order_by("name_sort", "name", "pk"))
    )


def volunteer_list() -> QuerySet[VolunteerProfile]:
    """Individual volunteers who chose to be seen, newest first."""
    return (
        VolunteerProfile.objects.filter(is_public=True, user__is_active=True)
        .select_related("user", "area")
        .prefetch_related("activity_fields")
        .order_by("-updated_at")
    )


def invitation_pending(*, token: str) -> Invitation | None:
    """The not yet accepted invitation with this token, with its group."""
    return (
        Invitation.objects.select_related("organisation")
        .filter(token=token, accepted_at__isnull=True)
        .first()
    )
