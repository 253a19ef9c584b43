"""The support workspace (`/workspace/`): one page with what waits for the support centre's
coordinators and the city's staff, each item with its next action (guideline ケ: the
coordinator's work).

core knows no app: each app's `workspace.py` registers its sections, as `nav.py` registers menu
entries (CoreConfig.ready imports them). A section says who sees it (the same permission its
links ask, so the page never offers a link that answers 403) and gives a count and the first
few items. Each section costs a fixed number of queries — a count and one short page — so the
page's queries do not grow with what waits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise

# Items shown a section; the rest are behind the section's "all" link.
SHOWN = 5
# Counted up to this many and then shown as "more than": a count over every open need costs
# more the more there are, and past a hundred the exact number changes nothing on this page.
COUNT_CAP = 100


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    action: str | Promise
    # Who or what it concerns (a group, an area), in a few words.
    about: str = ""
    # Waiting since (a date or a moment), or due on (a follow-up date): shown in 和暦.
    since: date | datetime | None = None
    due: date | None = None


@dataclass(frozen=True)
class Waiting:
    """What a section gives one person: how many wait and the first SHOWN of them."""

    count: int
    items: list[Item]
    # True when there are more than `count` (COUNT_CAP reached).
    more: bool = False


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    order: int
    visible: Callable[[Any], bool]
    waiting: Callable[[Any], Waiting]
    empty: str | Promise
    # The page with all of them, if there is one (a URL, not a name: some take a query).
    all_url: Callable[[], str] | None = None


@dataclass(frozen=True)
class Shown:
    section: Section
    waiting: Waiting
    all_url: str | None = field(default=None)


_registry: dict[str, Section] = {}


def register(*sections: Section) -> None:
    """Add sections to the workspace. Registering a key again replaces its section."""
    for section in sections:
        _registry[section.key] = section


def sections() -> list[Section]:
    return sorted(_registry.values(), key=lambda s: (s.order, s.key))


def has_workspace(user: Any) -> bool:
    """Whether the workspace has a section for `user` (the menu entry and the page ask this)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return any(section.visible(user) for section in sections())


def workspace_for(user: Any) -> list[Shown]:
    """The sections `user` sees, with what waits in each."""
    return [
        Shown(s, s.waiting(user), s.all_url() if s.all_url else None)
        for s in sections()
        if s.visible(user)
    ]


def first(
    queryset: QuerySet[Any], to_item: Callable[[Any], Item], *, only: tuple[str, ...] = ()
) -> Waiting:
    """A section's Waiting from a queryset in the order to show: a count (up to COUNT_CAP)
    and SHOWN items. `only`: the fields `to_item` reads (with the relations they pass
    through, `organisation__name`), so the rows read are narrow: a page of thirteen sections
    otherwise reads some 850 columns, and Django's cost grows with each."""
    count = queryset[: COUNT_CAP + 1].count()
    if only:
        relations = {name.rsplit("__", 1)[0] for name in only if "__" in name}
        queryset = queryset.select_related(None).only(*only)
        if relations:  # (select_related() without names would follow every relation)
            queryset = queryset.select_related(*relations)
    items = [to_item(row) for row in queryset[:SHOWN]]
    return Waiting(min(count, COUNT_CAP), items, more=count > COUNT_CAP)
