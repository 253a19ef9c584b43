"""What the home page reads: the newest public activity and each visitor's next step.

The home page is where every app meets, so this module reads other apps through their public
selectors and permissions. Each list is read in a fixed number of queries (a test holds it).
The next steps offer only pages the visitor may open: each link is guarded by the same
permission its view asks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tsunagaru.accounts import permissions as account_permissions
from tsunagaru.cases import permissions as case_permissions
from tsunagaru.cases import selectors as case_selectors
from tsunagaru.cases.models import Case
from tsunagaru.core.lists import join_list
from tsunagaru.info import selectors as info_selectors
from tsunagaru.info.models import Event
from tsunagaru.info.news_models import NewsArticle
from tsunagaru.matching import permissions as matching_permissions
from tsunagaru.partners import permissions as partner_permissions
from tsunagaru.partners import selectors as partner_selectors
from tsunagaru.partners.models import Membership, Need, Organisation
from tsunagaru.partners.selectors import DirectoryFilter
from tsunagaru.proposals import permissions as proposal_permissions
from tsunagaru.proposals import selectors as proposal_selectors
from tsunagaru.proposals.models import Proposal

NEEDS_SHOWN = 5
CASES_SHOWN = 3
PROJECTS_SHOWN = 3
EVENTS_SHOWN = 4
NEWS_SHOWN = 4


def newest_open_needs(*, limit: int = NEEDS_SHOWN) -> list[Need]:
    """Open needs of listed groups, newest first, with their group (one query).

    Only listed (verified) groups: a group waiting for verification is not public yet.
    """
    needs = (
        Need.objects.filter(
            status=Need.Status.OPEN, organisation__status=Organisation.Status.VERIFIED
        )
        .select_related("organisation")
        .only("title", "category", "created_at", "organisation__name", "organisation__status")
        .order_by("-created_at", "-pk")
    )
    return list(needs[:limit])


def newest_cases(*, limit: int = CASES_SHOWN) -> list[Case]:
    """Published cases, newest first, with what a case card shows (three queries)."""
    cases = case_selectors.with_cards(case_selectors.published()).order_by("-published_at", "-pk")
    return list(cases[:limit])


def agreed_projects(*, limit: int = PROJECTS_SHOWN) -> list[Proposal]:
    """Projects agreed at the proposal table, newest first, with their parties (two queries)."""
    return list(proposal_selectors.public_projects()[:limit])


def upcoming_events(*, limit: int = EVENTS_SHOWN) -> list[Event]:
    """The next public events not yet over, soonest first (two queries)."""
    return info_selectors.upcoming_events(limit=limit)


def latest_news(*, limit: int = NEWS_SHOWN) -> list[NewsArticle]:
    """Published news, newest first, with its group (one query; never a draft or hidden)."""
    return list(info_selectors.news_list()[:limit])


@dataclass(frozen=True)
class Step:
    label: str | Promise
    url: str


@dataclass(frozen=True)
class NextSteps:
    """One block of the home page's 「次にできること」 for one of the visitor's roles."""

    key: str
    heading: str | Promise
    text: str | Promise = ""
    steps: list[Step] = field(default_factory=list)


def next_steps(user: Any) -> list[NextSteps]:
    """The blocks of next steps for `user`: a visitor, a person without a group, a member of a
    group (listed or waiting), the support centre and the city. A person may get several."""
    if not (user.is_authenticated and user.is_active):
        return [_for_visitor()]
    blocks: list[NextSteps] = []
    support = partner_permissions.can_review(user)
    groups = list(Membership.objects.filter(user=user).select_related("organisation"))
    listed = [m.organisation for m in groups if m.organisation.is_listed]
    pending = [
        m.organisation for m in groups if m.organisation.status == Organisation.Status.PENDING
    ]
    if listed:
        blocks.append(_for_group_member(user, listed))
    elif pending:
        blocks.append(_for_pending_group(pending))
    elif not support:
        blocks.append(_for_person_without_group())
    if support:
        blocks.append(_for_support(user))
    return blocks


def _for_visitor() -> NextSteps:
    return NextSteps(
        "visitor",
        _("Join in"),
        _(
            "Anyone can read about groups, cases and projects. With an account you can register"
            " your group, offer your help as a volunteer and propose projects to the city."
        ),
        [
            Step(_("Create an account"), reverse("account_signup")),
            Step(_("Log in"), reverse("account_login")),
        ],
    )


def _for_person_without_group() -> NextSteps:
    return NextSteps(
        "resident",
        _("Take part"),
        _(
            "Projects are proposed by registered groups. Register your group, or ask a group's"
            " representative to invite you. You can also offer your help as a volunteer."
        ),
        [
            Step(_("Register your group"), reverse("partners:register")),
            Step(_("My volunteer profile"), reverse("partners:volunteer")),
            Step(_("Put what you can do to use"), reverse("matching:give")),
            Step(
                _("Groups looking for help"), reverse("partners:directory") + "?has_open_needs=on"
            ),
        ],
    )


def _for_pending_group(pending: list[Organisation]) -> NextSteps:
    names = join_list(o.name for o in pending)
    return NextSteps(
        "pending",
        _("Your group is waiting for verification"),
        _(
            "The support centre checks new groups before they are listed: %(names)s. Once it is"
            " listed, you can propose projects and ask for partners."
        )
        % {"names": names},
        [Step(_("My groups"), reverse("partners:mine"))],
    )


def _for_group_member(user: Any, listed: list[Organisation]) -> NextSteps:
    steps = []
    if any(proposal_permissions.can_create(user, o) for o in listed):
        steps.append(Step(_("Write a proposal"), reverse("proposals:new")))
    if matching_permissions.can_search_help(user):
        steps.append(Step(_("Find partners for a problem"), reverse("matching:help")))
    steps.append(Step(_("Put what you can do to use"), reverse("matching:give")))
    if case_permissions.can_create(user):
        steps.append(Step(_("Write a case"), reverse("cases:new")))
    steps.append(Step(_("My groups"), reverse("partners:mine")))
    return NextSteps("member", _("For your group"), "", steps)


def _for_support(user: Any) -> NextSteps:
    staff = account_permissions.can_view_audit_log(user)
    steps = [Step(_("Groups waiting for verification"), reverse("partners:review"))]
    if matching_permissions.can_view_unmatched(user):
        steps.append(Step(_("Needs without a partner"), reverse("matching:unmatched")))
    if proposal_permissions.can_view_dashboard(user):
        steps.append(Step(_("Table dashboard"), reverse("proposals:dashboard")))
    if staff:
        steps.append(Step(_("Audit log"), reverse("audit:list")))
    heading = _("For city staff") if staff else _("For the support centre")
    return NextSteps("staff" if staff else "coordinator", heading, "", steps)


SEARCH_SHOWN = 6


@dataclass(frozen=True)
class Found:
    """The best few groups and cases for one query, and how many each list holds in all."""

    query: str
    groups: list[Organisation]
    group_count: int
    cases: list[Case]
    case_count: int


def search_groups_and_cases(*, query: str, limit: int = SEARCH_SHOWN) -> Found:
    """Search the group directory and the case library at once, best matches first.

    Uses the same selectors (and so the same ranking and visibility) as the directory and the
    case library: listed groups and published cases only. The counts are capped where those
    selectors cap them (partners.selectors.SEARCH_LIMIT, cases.selectors.SEARCH_LIMIT).
    """
    organisations, group_ids = partner_selectors.directory(
        filters=DirectoryFilter(query=query, sort="relevance")
    )
    by_pk = organisations.in_bulk((group_ids or [])[:limit])
    groups = [by_pk[pk] for pk in (group_ids or [])[:limit] if pk in by_pk]
    partner_selectors.mark_open_needs(groups)
    _cases, case_ids = case_selectors.find(case_selectors.CaseFilter(query=query))
    shown = (case_ids or [])[:limit]
    cases_by_pk = case_selectors.with_cards(
        case_selectors.published().filter(pk__in=shown)
    ).in_bulk()
    cases = [cases_by_pk[pk] for pk in shown if pk in cases_by_pk]
    return Found(query, groups, len(group_ids or []), cases, len(case_ids or []))
