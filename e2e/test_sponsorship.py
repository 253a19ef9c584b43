"""A 後援名義 request from application to results report through the pages alone: a group's
representative applies for its event, city staff approve with conditions, the event shows the
city's 後援, the group downloads the letter and files its report; a request to a department is
decided by that department while another only reads it. axe on every page.

Buttons are found by their forms' addresses, not their words: the words are translated later.
"""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.accounts.models import Role
from tsunagaru.guideline.models import OrganisationKind
from tsunagaru.info.models import EventKind
from tsunagaru.info.sponsorship_models import SponsorshipRequest
from tsunagaru.info.tests.factories import EventFactory
from tsunagaru.info.tests.sponsorship.factories import SponsorshipRequestFactory, answer_all
from tsunagaru.partners.models import Membership
from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("guideline")]


@pytest.fixture
def info_data(transactional_db: None) -> None:
    """Reload the event kinds and the grounds for refusal that a flush removed."""
    importlib.import_module("tsunagaru.info.migrations.0002_event_kinds").add_kinds(apps, None)
    importlib.import_module("tsunagaru.info.migrations.0007_sponsorship").add_grounds(apps, None)


def as_(browser: Browser, live_server, user) -> Page:
    context = browser.new_context(locale="ja-JP", base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    log_in(page, user)
    return page


def test_a_group_asks_for_sponsorship_and_reports_after_its_event(
    page: Page, browser: Browser, live_server, make_user, info_data
):
    speaker = make_user(Role.PARTNER_MEMBER, email="mizusawa@example.jp")
    group = MembershipFactory(user=speaker, organisation__name="水沢まちづくりの会").organisation
    event = EventFactory(
        organiser=group, title="水沢こども夏まつり", kind=EventKind.objects.get(code="local")
    )
    staff = make_user(Role.CITY_STAFF, email="chiiki@example.jp")
    day = (timezone.localdate() + timedelta(days=20)).isoformat()

    # The representative writes the request and sends it.
    log_in(page, speaker)
    page.goto("/sponsorship/")
    assert_accessible(page)
    page.locator("a[href='/sponsorship/new/']").click()
    page.select_option("#id_event", label=event.title)
    page.fill("#id_title", "水沢こども夏まつり")
    page.fill("#id_purpose", "子どもと地域の大人が一緒に楽しむ夏祭りを開く。")
    page.fill("#id_starts_on", day)
    page.fill("#id_ends_on", day)
    page.fill("#id_place", "水沢公園")
    page.fill("#id_expected_participants", "300")
    page.fill("#id_contact", "奥州 花子 0197-00-0000")
    for radio in page.locator("input[type=radio][value=no]").all():
        radio.check()
    assert_accessible(page)
    page.locator("form.narrow button[type=submit]").click()
    page.locator("form[action$='/submit/'] button").click()
    expect(page.locator(".messages")).to_be_visible()
    request = SponsorshipRequest.objects.get()
    assert request.status == SponsorshipRequest.Status.SUBMITTED
    assert_accessible(page)

    # City staff find it in their queue and approve it with conditions.
    city = as_(browser, live_server, staff)
    city.goto("/sponsorship/queue/")
    assert_accessible(city)
    city.get_by_role("link", name="水沢こども夏まつり").click()
    assert_accessible(city)
    city.locator("form[action$='/approve/'] button").click()
    expect(city.locator(".messages")).to_be_visible()
    request.refresh_from_db()
    assert request.status == SponsorshipRequest.Status.APPROVED
    city.context.close()

    # The event's page shows the city's 後援 to everyone.
    visitor = browser.new_page(base_url=live_server.url, locale="ja-JP")
    visitor.goto(event.get_absolute_url())
    expect(visitor.locator("p.badge")).to_contain_text("奥州市")
    visitor.close()

    # The group downloads the letter; after the event it files the results report.
    page.reload()
    with page.expect_download() as download:
        page.locator("a[href$='/letter.pdf']").click()
    assert download.value.suggested_filename.endswith("approval.pdf")
    today = timezone.localdate()
    SponsorshipRequest.objects.filter(pk=request.pk).update(starts_on=today, ends_on=today)
    page.reload()
    page.locator("a[href$='/report/']").click()
    page.fill("#id_participants", "280")
    page.fill("#id_income", "50000")
    page.fill("#id_expenses", "48000")
    page.fill("#id_text", "天気に恵まれ、280人が参加しました。")
    assert_accessible(page)
    page.locator("form.narrow button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    assert_accessible(page)
    request.refresh_from_db()
    assert request.status == SponsorshipRequest.Status.REPORTED


def test_the_department_asked_decides_and_another_department_only_reads(
    browser: Browser, live_server, make_user, info_data
):
    kind = OrganisationKind.objects.get(code="city_department")
    # No district: a transactional test's flush removed the ones migrations load.
    board = OrganisationFactory(name="奥州市教育委員会", kind=kind, district=None)
    welfare = OrganisationFactory(name="奥州市 長寿社会課", kind=kind, district=None)
    request = SponsorshipRequestFactory(
        applicant=OrganisationFactory(name="水沢読書の会", district=None),
        title="子ども読書まつり",
        department=board,
        status=SponsorshipRequest.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    answer_all(request)
    board_staff, welfare_staff = (
        make_user(Role.CITY_STAFF, email=email)
        for email in ("kyoiku@example.jp", "choju@example.jp")
    )
    for user, department in ((board_staff, board), (welfare_staff, welfare)):
        MembershipFactory(user=user, organisation=department, role=Membership.Role.MEMBER)

    # Another department: its own queue does not list the request; "all" does; the request
    # reads, with a note on who decides and no decision form.
    other = as_(browser, live_server, welfare_staff)
    other.goto("/sponsorship/queue/")
    expect(other.get_by_role("link", name="子ども読書まつり")).to_have_count(0)
    other.select_option("#id_department", "all")
    other.locator("form.filters button[type=submit]").click()
    assert_accessible(other)
    other.get_by_role("link", name="子ども読書まつり").click()
    expect(other.locator("p[role=note]")).to_contain_text("奥州市教育委員会")
    expect(other.locator("form[action$='/approve/']")).to_have_count(0)
    assert_accessible(other)
    other.context.close()

    # The department asked finds it in its own queue and approves it.
    own = as_(browser, live_server, board_staff)
    own.goto("/sponsorship/queue/")
    assert_accessible(own)
    own.get_by_role("link", name="子ども読書まつり").click()
    own.fill("#id_sponsor", "奥州市教育委員会")
    own.locator("form[action$='/approve/'] button").click()
    expect(own.locator(".messages")).to_be_visible()
    request.refresh_from_db()
    assert request.status == SponsorshipRequest.Status.APPROVED
    assert request.decided_by == board_staff
    own.context.close()
