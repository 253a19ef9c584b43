"""No dead ends: every link a role is shown leads to a page that role may open.

On the way, each page's text is read as a person reads it (in Japanese, the default): no date
in ISO form (2026-12-03) may show; dates are 和暦 (core.templatetags.japanese_dates).

Per role, a crawler starts at the home page of the demo data and follows, breadth-first, every
same-site link in the page's <header>, <nav> and <main> (GET only, as a person clicking). Any
403, 404 or 500 on the way is a link the page should not have shown. The crawl knows nothing
about the menu's structure, so it keeps working when the navigation is rebuilt.

To stay fast, each kind of page (URL name) is opened at most PER_URL_NAME times: the second
group page teaches little the first did not. A page with a query (a filter, a page number) is
a kind of its own per set of query keys, opened once: the case library's facets alone make
dozens of such sets.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from tsunagaru.accounts.models import Role, User
from tsunagaru.partners.models import Membership

pytestmark = pytest.mark.django_db

DEPTH = 3
PER_URL_NAME = 3
PER_QUERY_KIND = 1
# Where a crawler has no business: the Django admin is its own site, and the account pages'
# links (log out, remove e-mail) act on the session.
SKIPPED_PREFIXES = ("/admin/", "/accounts/logout/", "/static/", "/i18n/")
LINK_AREAS = frozenset({"header", "nav", "main"})
BASE = "http://testserver"


# A real calendar date, not a phone number such as 0197-24-2111.
ISO_DATE = re.compile(r"(?<![\d-])\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\d-])")
# Text inside these is not read as page text: code, and what a person typed into a form.
UNREAD = frozenset({"script", "style", "textarea", "template", "title"})


class _PageParser(HTMLParser):
    """Collect the href of every <a> inside a <header>, <nav> or <main>, and the page's text
    (without attributes, so <time datetime> and input values are not text)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # how many link areas we are inside
        self.unread = 0
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in LINK_AREAS:
            self.depth += 1
        elif tag in UNREAD:
            self.unread += 1
        elif tag == "a" and self.depth:
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in LINK_AREAS and self.depth:
            self.depth -= 1
        elif tag in UNREAD and self.unread:
            self.unread -= 1

    def handle_data(self, data: str) -> None:
        if not self.unread:
            self.text.append(data)


def iso_dates_in(html: str) -> list[str]:
    parser = _PageParser()
    parser.feed(html)
    return sorted(set(ISO_DATE.findall(" ".join(parser.text))))


def links_on(html: str, page_url: str) -> list[str]:
    parser = _PageParser()
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
    status: int | str
    linked_from: str

    def __str__(self) -> str:
        return f"{self.status} {self.url} (linked from {self.linked_from})"


def crawl(client: Client) -> tuple[list[DeadEnd], int]:
    """Follow the links from the home page; return the dead ends and how many pages were read."""
    queue: deque[tuple[str, int, str]] = deque([("/", 0, "start")])
    seen = {"/"}
    per_kind: Counter[str] = Counter()
    dead: list[DeadEnd] = []
    while queue:
        url, depth, origin = queue.popleft()
        kind = _kind(url)
        if per_kind[kind] >= (PER_QUERY_KIND if not kind.endswith("?") else PER_URL_NAME):
            continue
        per_kind[kind] += 1
        response = client.get(url)
        found, links = _read(response, url, origin)
        dead += found
        # A redirect is followed at the same depth: it is one click.
        next_depth = depth if response.status_code in REDIRECTS else depth + 1
        if next_depth > DEPTH:
            continue
        for link in links:
            if link not in seen and not link.startswith(SKIPPED_PREFIXES):
                seen.add(link)
                queue.append((link, next_depth, url))
    return dead, per_kind.total()


REDIRECTS = frozenset({301, 302, 303, 307, 308})


def _read(response: Any, url: str, origin: str) -> tuple[list[DeadEnd], list[str]]:
    """What is wrong with one answer, and where it leads (its links, or its redirect)."""
    if response.status_code in REDIRECTS:
        target = urldefrag(urljoin(BASE + url, response["Location"])).url
        target = target.removeprefix(BASE)
        return [], [target] if target.startswith("/") else []
    if response.status_code in (403, 404) or response.status_code >= 500:
        return [DeadEnd(url, response.status_code, origin)], []
    if not response.get("Content-Type", "").startswith("text/html"):
        return [], []
    html = response.content.decode()
    dates = iso_dates_in(html)
    found = [DeadEnd(url, f"ISO dates {dates}", origin)] if dates else []
    return found, links_on(html, url)


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


@pytest.mark.parametrize("role", ROLES)
def test_every_link_shown_to_each_role_opens_a_page_without_iso_dates(
    demo_data: object, role: str
) -> None:
    # One demo for all roles (loaded once for the module): loading it takes longer than
    # crawling it.
    who = ROLES[role]
    client = Client(raise_request_exception=False)
    if callable(who):
        client.force_login(who())
    elif who:
        client.force_login(User.objects.get(email=who))

    dead, opened = crawl(client)

    assert opened > 5, f"{role}: only {opened} pages reached"
    assert [str(d) for d in dead] == []


def test_the_crawler_follows_links_in_the_page_areas_a_person_uses() -> None:
    html = (
        '<header><a href="/a/">a</a></header><nav><a href="b/">b</a></nav>'
        '<main><a href="/c/?q=1#top">c</a><a href="https://example.org/">x</a>'
        '<a href="mailto:x@example.jp">m</a><a href="/admin/">admin</a></main>'
        '<footer><a href="/d/">d</a></footer>'
    )

    assert links_on(html, "/here/") == ["/a/", "/here/b/", "/c/?q=1"]


def test_the_crawler_reads_dates_as_a_person_reads_them() -> None:
    html = (
        '<p><time datetime="2026-12-03">令和8年12月3日</time></p>'
        '<input type="date" value="2026-12-03"><textarea>2026-12-04</textarea>'
        "<script>const d = '2026-12-05';</script><p>締切 2026-12-06</p>"
    )

    assert iso_dates_in(html) == ["2026-12-06"]
