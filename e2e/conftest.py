"""Browser journeys: real Chromium (Debian's, driven by Playwright) against a live server.

Every page a journey visits is checked with axe-core for WCAG 2.0/2.1 A and AA and, in
Japanese, for dates left in ISO form (people read 和暦). Mail goes to a real SMTP server
(aiosmtpd) started by the root conftest's `smtp` fixture. A missing Chromium is a failure, never
a skip.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tsunagaru.accounts.models import Role
from tsunagaru.cases import services as case_services
from tsunagaru.guideline.models import ActivityField, Form
from tsunagaru.partners.tests.factories import MembershipFactory

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package.")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are synchronous and safe, so Django's async guard is lifted while it runs.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser: Browser, live_server: Any, oshu: None) -> Iterator[Page]:
    context = browser.new_context(locale="ja-JP", base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


_axe = Axe()


# What axe meets when a click's navigation replaces the page while it runs.
_NAVIGATING = ("reading 'documentElement'", "Execution context was destroyed")


def assert_accessible(page: Page) -> None:
    """Zero axe-core violations at WCAG 2.0/2.1 levels A and AA on the page as it is now,
    and no ISO date in its visible Japanese text."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    try:
        results = _axe.run(page, options=options)
    except PlaywrightError as error:
        # A link clicked just before may still be loading its page (the click returns when
        # the navigation starts): check the page it leads to once it has loaded.
        if not any(sign in str(error) for sign in _NAVIGATING):
            raise
        page.wait_for_load_state()
        results = _axe.run(page, options=options)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
    assert_no_iso_dates(page)
    assert_english_reads_as_english(page)


# A real calendar date, not a phone number such as 0197-24-2111.
ISO_DATE = re.compile(r"(?<![\d-])\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\d-])")

# The text a person reads: what is rendered (innerText skips hidden elements, attributes such
# as <time datetime> and the values of inputs), minus what someone typed into a text area.
_VISIBLE_TEXT = """() => {
  let text = document.body.innerText;
  for (const area of document.querySelectorAll("textarea")) {
    if (area.value) text = text.split(area.value).join(" ");
  }
  return text;
}"""


def assert_no_iso_dates(page: Page) -> None:
    """A Japanese page shows dates in 和暦 (through core.templatetags.japanese_dates)."""
    if not str(page.evaluate("document.documentElement.lang")).startswith("ja"):
        return
    text = str(page.evaluate(_VISIBLE_TEXT))
    found = sorted({m.group(0) for m in ISO_DATE.finditer(text)})
    assert found == [], f"{page.url}: ISO dates in the Japanese text: {found}"


# Japanese text a reader of an English page meets outside the parts marked lang="ja" (what
# people wrote, names, the language buttons): kana, kanji and full-width punctuation
# (、。「」（）：〜). Hidden text, scripts and typed-in form values are not read.
_JAPANESE_OUTSIDE_NAMES = """() => {
  const japanese =
    /[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
  const skipped = '[lang^="ja"], script, style, template, textarea, option, '
    + '[hidden], [aria-hidden="true"]';
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent;
    const parent = walker.currentNode.parentElement;
    if (!japanese.test(text) || parent.closest(skipped)) continue;
    if (parent.getClientRects().length === 0) continue;  // not shown
    found.push(text.trim().slice(0, 80));
  }
  return found;
}"""


def assert_english_reads_as_english(page: Page) -> None:
    """An English page has no Japanese outside what is marked as Japanese (issue 18)."""
    if str(page.evaluate("document.documentElement.lang")) != "en":
        return
    found = page.evaluate(_JAPANESE_OUTSIDE_NAMES)
    assert found == [], f"{page.url}: Japanese on an English page, not marked lang=ja: {found}"


def log_in(page: Page, user: Any) -> None:
    """Start the browser with `user`'s session, for journeys that are not about logging in."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [
            {
                "name": cookie.key,
                "value": cookie.value,
                "url": page.context._impl_obj._options["baseURL"],
            }
        ]  # type: ignore[attr-defined]
    )


@pytest.fixture
def groups(make_user: Any) -> Any:
    """Two groups of a case and a member of each: (稲瀬振興会, its partner, member, member)."""
    author = make_user(Role.PARTNER_MEMBER, email="inase@example.jp")
    other = make_user(Role.PARTNER_MEMBER, email="fireworks@example.jp")
    inase = MembershipFactory(user=author, organisation__name="稲瀬振興会").organisation
    fireworks = MembershipFactory(
        user=other, organisation__name="江刺藤里ファイヤーワークス"
    ).organisation
    return inase, fireworks, author, other


def published_case(groups: Any, coordinator: Any) -> Any:
    """The fireworks case, written by 稲瀬振興会, confirmed by its partner, published."""
    inase, fireworks, author, other = groups
    case = case_services.case_save(
        case=None,
        data={
            "title": "地区で初めての花火",
            "summary": "打ち上げ花火の経験がある団体とつながり、地区で初めて花火を打ち上げました。",
            "fiscal_year": 2020,
            "forms": [Form.objects.get(name="事業協力")],
            "activity_fields": [ActivityField.objects.get(name="地域活性化")],
        },
        partners=[
            {"name": "稲瀬振興会", "role": "会場と地区内の調整"},
            {"name": "江刺藤里ファイヤーワークス", "role": "許可申請と安全管理"},
        ],
        by=author,
        author_organisation=inase,
    )
    case_services.case_submit(case=case, by=author)
    case_services.case_confirm(
        case=case, partner=case.partners.get(organisation=fireworks), by=other
    )
    case_services.case_publish(case=case, by=coordinator)
    return case
