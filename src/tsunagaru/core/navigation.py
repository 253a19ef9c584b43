"""The site menu, built from entries that each app registers in its own `nav.py`.

core knows no app: `CoreConfig.ready()` imports every installed app's `nav` module, and each
calls `register()` with the pages it adds to the menu and who may see them. The `visible`
check of an entry must be the same permission the page's view asks, so the menu never offers a
link that answers 403 (a test crawls every entry for every persona).

Entries fall into three groups: pages for everyone (探す・知る), the signed-in person's own work,
and the pages of the support centre, the city and administrators.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import ResolverMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PUBLIC = "public"
MINE = "mine"
ADMIN = "admin"

GROUP_LABELS: dict[str, Promise] = {
    PUBLIC: _("Explore"),
    MINE: _("My work"),
    ADMIN: _("Administration"),
}


def everyone(user: Any) -> bool:
    return True


def signed_in(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


def in_app(app_name: str, *, except_views: Iterable[str] = ()) -> Callable[[ResolverMatch], bool]:
    """Mark the entry current on every page of `app_name` but the listed views."""
    excluded = frozenset(except_views)

    def current(match: ResolverMatch) -> bool:
        return match.app_name == app_name and match.view_name not in excluded

    return current


def one_of(*view_names: str) -> Callable[[ResolverMatch], bool]:
    names = frozenset(view_names)
    return lambda match: match.view_name in names


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: str | Promise
    group: str
    order: int
    visible: Callable[[Any], bool] = everyone
    current: Callable[[ResolverMatch], bool] | None = None
    # A number shown beside the label (unread notices); asked only when the entry is shown.
    badge: Callable[[Any], int] | None = None

    def is_current(self, match: ResolverMatch | None) -> bool:
        if match is None:
            return False
        if self.current is not None:
            return self.current(match)
        return bool(match.view_name == self.url_name)


@dataclass(frozen=True)
class Link:
    url: str
    label: str | Promise
    current: bool
    badge: int


@dataclass(frozen=True)
class Group:
    key: str
    label: str | Promise
    links: list[Link]


_registry: dict[str, Entry] = {}


def register(*entries: Entry) -> None:
    """Add pages to the menu. Registering a URL name again replaces its entry."""
    for entry in entries:
        if entry.group not in GROUP_LABELS:
            raise ValueError(f"unknown menu group {entry.group!r} for {entry.url_name}")
        _registry[entry.url_name] = entry


def entries() -> list[Entry]:
    """Every registered entry, in menu order."""
    order = list(GROUP_LABELS)
    return sorted(_registry.values(), key=lambda e: (order.index(e.group), e.order, e.url_name))


def menu_for(user: Any, match: ResolverMatch | None) -> list[Group]:
    """The groups of links `user` may open, leaving out empty groups.

    Costs no query for the entries themselves; only a `visible` or `badge` check that needs
    the database (membership of a listed group, unread notices) adds one.
    """
    groups: dict[str, list[Link]] = {key: [] for key in GROUP_LABELS}
    for entry in entries():
        if not entry.visible(user):
            continue
        badge = entry.badge(user) if entry.badge is not None else 0
        link = Link(reverse(entry.url_name), entry.label, entry.is_current(match), badge)
        groups[entry.group].append(link)
    return [Group(key, GROUP_LABELS[key], links) for key, links in groups.items() if links]
