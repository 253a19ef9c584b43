"""The grants pages not met in the two journeys, as their people reach them: staff change a
programme, add a round and copy it to next year; a group reads its list of applications; anyone
reads who received grants. axe on every page."""

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.accounts.models import Role
from tsunagaru.grants import services
from tsunagaru.grants.models import Programme
from tsunagaru.grants.tests.factories import begin, citizen_proposal, complete, group, this_year

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_keep_a_programme_and_everyone_reads_the_results(page: Page, guideline, make_user):
    programme = citizen_proposal()
    people = group(name="あおぞら会")
    staff = make_user(Role.CITY_STAFF)
    application = complete(begin(people, programme), people.member)
    services.application_submit(application=application, confirmed=True, by=people.representative)
    services.application_accept(application=application, by=staff)
    services.application_decide(application=application, adopted=True, amount=50_000, by=staff)

    log_in(page, staff)
    page.goto(f"/grants/programmes/{programme.pk}/")
    assert_accessible(page)
    page.locator(f"main a[href='/grants/programmes/{programme.pk}/edit/']").click()
    page.wait_for_url("**/edit/")
    assert_accessible(page)
    page.goto(f"/grants/programmes/{programme.pk}/rounds/new/")
    assert_accessible(page)
    page.goto(f"/grants/programmes/{programme.pk}/copy/")
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/grants/programmes/*/")
    assert Programme.objects.filter(code=programme.code, fiscal_year=this_year() + 1).exists()

    page.context.clear_cookies()
    log_in(page, people.member)
    page.goto("/grants/mine/")
    expect(page.locator("main")).to_contain_text(application.title)
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto("/grants/")
    page.locator("main a[href^='/grants/results/']").click()
    page.wait_for_url("**/grants/results/**")
    expect(page.locator("#adopted")).to_be_visible()
    expect(page.locator("main")).to_contain_text("あおぞら会")
    assert_accessible(page)
