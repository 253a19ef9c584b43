"""Reads for a district's page: what the district has and does, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from tsunagaru.accounts.permissions import STAFF_ROLES, has_role
from tsunagaru.cases import selectors as cases
from tsunagaru.cases.models import Case
from tsunagaru.community import plan_selectors
from tsunagaru.community.facility_models import MeetingHall
from tsunagaru.community.models import DistrictCentre, DistrictContact, PopulationFigure
from tsunagaru.core.models import District
from tsunagaru.info import selectors as events
from tsunagaru.partners import selectors as partners
from tsunagaru.partners.models import Membership, Need, Organisation
from tsunagaru.proposals import selectors as proposals
from tsunagaru.proposals.models import Party, Proposal

SHOWN = 10


def district_get(pk: int) -> District | None:
    return District.objects.select_related("area").filter(pk=pk, is_active=True).first()


def figures_of(district: District) -> list[PopulationFigure]:
    """The district's population figures, oldest first."""
    return list(PopulationFigure.objects.filter(district=district).order_by("as_of"))


def centre_of(district: District) -> DistrictCentre | None:
    return DistrictCentre.objects.select_related("manager").filter(district=district).first()


def halls_of(district: District) -> list[MeetingHall]:
    """The district's meeting halls (自治集会施設) with their owner groups."""
    return list(
        MeetingHall.objects.filter(district=district).select_related("owner").order_by("name")
    )


def contacts_of(district: District) -> list[DistrictContact]:
    return list(DistrictContact.objects.filter(district=district).order_by("order", "pk"))


def open_needs(district: District) -> QuerySet[Need]:
    """Open needs of the listed groups of the district, the newest first."""
    return (
        Need.objects.filter(
            status=Need.Status.OPEN,
            organisation__district=district,
            organisation__status=Organisation.Status.VERIFIED,
        )
        .select_related("organisation")
        .order_by("-created_at", "-pk")
    )


def district_projects(district: District) -> QuerySet[Proposal]:
    """Agreed projects (public) proposed by, or taken part in by, a group of the district."""
    accepted = Q(parties__organisation__district=district, parties__answer=Party.Answer.ACCEPTED)
    return proposals.public_projects().filter(Q(proposer__district=district) | accepted).distinct()


def district_cases(district: District) -> QuerySet[Case]:
    """Published cases of the district, the latest year first."""
    return cases.published().filter(district=district).order_by("-fiscal_year", "-pk")


@dataclass(frozen=True)
class Bar:
    """One bar of the population chart in a 10-wide slot of a 100-high drawing: its figure,
    where it starts (x, y) and how high it is, relative to the largest total."""

    figure: PopulationFigure
    x: int
    y: float
    height: float


def chart(figures: list[PopulationFigure]) -> list[Bar]:
    """Bars for the population chart (the table beside it gives the numbers)."""
    tallest = max((f.total for f in figures), default=0)
    bars = []
    for n, figure in enumerate(figures):
        height = 100 * figure.total / tallest if tallest else 0.0
        bars.append(Bar(figure, 10 * n + 2, 100 - height, height))
    return bars


def district_page(district: District) -> dict[str, Any]:
    """Everything a district's page shows."""
    figures = figures_of(district)
    needs = open_needs(district)
    centre = centre_of(district)
    return {
        "district": district,
        "centre": centre,
        "rooms": list(centre.rooms.order_by("pk")) if centre else [],
        "halls": halls_of(district),
        "contacts": contacts_of(district),
        "figures": figures,
        "latest": figures[-1] if figures else None,
        "bars": chart(figures),
        "chart_width": 10 * len(figures),
        "organisations": partners.district_groups(district_id=district.pk),
        "needs": list(needs[:SHOWN]),
        "events": events.upcoming_events(area_id=district.area_id),
        "cases": list(district_cases(district)[:SHOWN]),
        "projects": list(district_projects(district)[:SHOWN]),
        # Only adopted plans are public; drafts are reached from the association's page.
        "plans": plan_selectors.district_plans(district.pk),
    }


def hall_owners(user: Any, district: District) -> QuerySet[Organisation]:
    """The groups of the district `user` may record a meeting hall for: their own listed
    groups there (every listed group there, for city staff)."""
    groups = Organisation.objects.filter(
        status=Organisation.Status.VERIFIED, district=district
    ).order_by("name_sort", "pk")
    if has_role(user, *STAFF_ROLES):
        return groups
    if not user.is_authenticated:
        return groups.none()
    return groups.filter(pk__in=Membership.objects.filter(user=user).values("organisation_id"))
