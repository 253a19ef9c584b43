"""No dead ends: every link a role is shown leads to a page that role may open.

Per role, a crawler starts at the home page of the demo data and follows, breadth-first, every
same-site link in the page's <header>, <nav> and <main> (GET only, as a person clicking). Any
403, 404 or 500 on the way is a link the page should not have shown. The crawl knows nothing
about the menu's structure, so it keeps working when the navigation is rebuilt.

To stay fast, each kind of page (URL name) is opened at most PER_URL_NAME times: the second
group page teaches little the first did not.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from tsunagaru.accounts.models import Role, User
from tsunagaru.core import demo
from tsunagaru.partners.models import Membership

pytestmark = pytest.mark.django_db

DEPTH = 3
PER_URL_NAME = 3
# Where a crawler has no business: the Django admin is its own site, and the account pages'
# links (log out, remove e-mail) act on the session.
SKIPPED_PREFIXES = ("/admin/", "/accounts/logout/", "/static/", "/i18n/")
LINK_AREAS = frozenset({"header", "nav", "main"})
BASE = "http://testserver"


class _LinkParser(HTMLParser):
    """Collect the href of every <a> inside a <header>, <nav> or <main>."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # how many link areas we are inside
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in LINK_AREAS:
            self.depth += 1
        elif tag == "a" and self.depth:
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in LINK_AREAS and self.depth:
            self.depth -= 1


def links_on(html: str, page_url: str) -> list[str]:
    parser = _LinkParser()
    parser.feed(html)
    found = []
    for href in parser.links:
        url = urldefrag(urljoin(BASE + page_url, href)).url
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc == "testserver":
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if not path.startswith(SKIPPED_PREFIXES):
                found.append(path)
    return found


def _kind(path: str) -> str:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return path
    # Query strings (filters, pages) make a different kind: a filter can break on its own.
    query = urlsplit(path).query
    keys = ",".join(sorted(p.split("=")[0] for p in query.split("&") if p))
    return f"{match.view_name}?{keys}"


@dataclass(frozen=True)
class DeadEnd:
    url: str
    status: int
    linked_from: str

    def __str__(self) -> str:
        return f"{self.status} {self.url} (linked from {self.linked_from})"


def crawl(client: Client) -> tuple[list[DeadEnd], int]:
    """Follow the links from the home page; return the dead ends and how many pages were read."""
    queue: deque[tuple[str, int, str]] = deque([("/", 0, "start")])
    seen = {"/"}
    per_kind: dict[str, int] = {}
    dead: list[DeadEnd] = []
    opened = 0
    while queue:
        url, depth, origin = queue.popleft()
        kind = _kind(url)
        if per_kind.get(kind, 0) >= PER_URL_NAME:
            continue
        per_kind[kind] = per_kind.get(kind, 0) + 1
        opened += 1
        response = client.get(url)
        if response.status_code in (301, 302, 303, 307, 308):
            target = urldefrag(urljoin(BASE + url, response["Location"])).url
            target = target.removeprefix(BASE)
            if target not in seen and not target.startswith(SKIPPED_PREFIXES):
                seen.add(target)
                queue.append((target, depth, url))
            continue
        if response.status_code in (403, 404) or response.status_code >= 500:
            dead.append(DeadEnd(url, response.status_code, origin))
            continue
        if depth >= DEPTH or not response.get("Content-Type", "").startswith("text/html"):
            continue
        for link in links_on(response.content.decode(), url):
            if link not in seen:
                seen.add(link)
                queue.append((link, depth + 1, url))
    return dead, opened


def _representative() -> User:
    membership = (
        Membership.objects.filter(
            role=Membership.Role.REPRESENTATIVE,
            user__role=Role.PARTNER_MEMBER,
            organisation__proposals_made__isnull=False,
        )
        .select_related("user")
        .first()
    )
    assert membership is not None, "the demo has a group with proposals and a representative"
    return membership.user


ROLES = {
    "anonymous": None,
    "resident": "resident@example.jp",
    "partner member": "partner@example.jp",
    "representative": _representative,
    "coordinator": "coordinator@example.jp",
    "city staff": "staff@example.jp",
    "reviewer": "reviewer@example.jp",
    "administrator": "admin@example.jp",
}


def test_every_link_shown_to_each_role_opens(settings: pytest.FixtureRequest) -> None:
    # One demo for all roles: loading it takes longer than crawling it.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # type: ignore[attr-defined]
    demo.load()
    failures: list[str] = []
    for role, who in ROLES.items():
        client = Client(raise_request_exception=False)
        if callable(who):
            client.force_login(who())
        elif who:
            client.force_login(User.objects.get(email=who))
        dead, opened = crawl(client)
        assert opened > 5, f"{role}: only {opened} pages reached"
        failures += [f"{role}: {d}" for d in dead]

    assert failures == [], "\n".join(failures)
