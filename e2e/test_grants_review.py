"""An application through the city's screening, as each person meets it: staff open it from
their list and return it with what to correct; the group corrects and sends it again; staff
pass it to the committee; a reviewer scores alone while another, a member of the group, never
finds it; staff adopt it for less than asked and the group reads the decision and prints its
notice. axe on every page."""

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.accounts.models import Role
from tsunagaru.grants import services
from tsunagaru.grants.models import Application, Criterion
from tsunagaru.grants.tests.factories import begin, citizen_proposal, complete, group
from tsunagaru.partners.models import Membership
from tsunagaru.partners.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


def as_person(page: Page, user) -> None:
    page.context.clear_cookies()
    log_in(page, user)


def test_returned_corrected_scored_by_the_committee_and_adopted_for_less(
    page: Page, guideline, make_user
):
    programme = citizen_proposal()
    for order, (name, points) in enumerate((("公益性と目的", 20), ("役割と責任の分担", 10))):
        Criterion.objects.create(programme=programme, name=name, points=points, order=order)
    people = group(name="みずさわ遊び場の会")
    application = complete(begin(people, programme), people.member, expenses=90_000)
    services.application_submit(application=application, confirmed=True, by=people.representative)
    staff = make_user(Role.CITY_STAFF)
    reviewers = [make_user(Role.REVIEWER, email=f"r{n}@example.jp") for n in range(3)]
    MembershipFactory(
        organisation=people.organisation, user=reviewers[2], role=Membership.Role.MEMBER
    )

    # Staff find it in their list and return it with what to correct.
    as_person(page, staff)
    page.goto("/grants/screening/")
    assert_accessible(page)
    page.locator(f"main a[href='/grants/applications/{application.pk}/']").click()
    page.wait_for_url(f"**/grants/applications/{application.pk}/")
    assert_accessible(page)
    page.fill("#id_reason", "実施場所の地区センター名を書いてください。")
    page.locator("form[action$='/return/'] button[type=submit]").click()
    page.wait_for_url(f"**/grants/applications/{application.pk}/")

    # The group reads what to correct, corrects it and sends it again.
    as_person(page, people.representative)
    page.goto("/grants/mine/")
    page.locator(f"main a[href='/grants/applications/{application.pk}/edit/']").click()
    page.wait_for_url("**/edit/")
    expect(page.locator("main")).to_contain_text("実施場所の地区センター名を書いてください。")
    assert_accessible(page)
    page.fill("#id_place", "水沢地区センターの広場")
    page.locator("form[data-autosave-url] button[type=submit]").click()
    page.wait_for_url("**/edit/#checklist")
    page.locator("#id_confirm").check()
    page.locator("form[action$='/submit/'] button[type=submit]").click()
    page.wait_for_url(f"**/grants/applications/{application.pk}/")
    application.refresh_from_db()
    assert application.versions.count() == 2
    assert application.versions.get(number=2).snapshot["place"] == "水沢地区センターの広場"

    # Staff pass it to the committee.
    as_person(page, staff)
    page.goto(f"/grants/applications/{application.pk}/")
    page.locator("form[action$='/accept/'] button[type=submit]").click()
    page.wait_for_url(f"**/grants/applications/{application.pk}/")

    # A reviewer scores alone; the scores stay sealed.
    as_person(page, reviewers[0])
    page.goto("/grants/reviews/")
    assert_accessible(page)
    page.locator(f"main a[href='/grants/applications/{application.pk}/']").click()
    page.wait_for_url(f"**/grants/applications/{application.pk}/")
    assert_accessible(page)
    first, second = programme.criteria.order_by("order")
    page.fill(f"#id_c{first.pk}", "18")
    page.fill(f"#id_c{second.pk}", "7")
    page.fill("#id_comment", "地域の子どもに必要な事業")
    page.locator("form[action$='/score/'] button[type=submit]").click()
    page.wait_for_url(f"**/grants/applications/{application.pk}/")
    expect(page.locator("main")).not_to_contain_text("地域の子どもに必要な事業")  # sealed
    services.score_submit(
        application=application, points={first.pk: 14, second.pk: 9}, comment="", by=reviewers[1]
    )

    # The reviewer who is a member of the group never finds it to score.
    as_person(page, reviewers[2])
    page.goto("/grants/reviews/")
    expect(page.locator("main")).not_to_contain_text(application.title)

    # Staff see the committee's averages and adopt it for less than asked.
    as_person(page, staff)
    page.goto(f"/grants/applications/{application.pk}/")
    expect(page.locator("main")).to_contain_text("16.0")
    expect(page.locator("main")).to_contain_text("地域の子どもに必要な事業")
    assert_accessible(page)
    page.locator("input[name=outcome][value=adopt]").check()
    page.fill("#id_amount", "70,000")
    page.fill("#id_note", "遊具の一部は対象外としました。")
    page.locator("form[action$='/decide/'] button[type=submit]").click()
    page.wait_for_url(f"**/grants/applications/{application.pk}/")

    # The group reads the decision and prints its notice.
    as_person(page, people.representative)
    page.goto(f"/grants/applications/{application.pk}/")
    expect(page.locator("#decision-heading")).to_be_visible()
    expect(page.locator("main")).to_contain_text("70,000")
    assert_accessible(page)
    response = page.request.get(f"/grants/applications/{application.pk}/decision.pdf")
    assert response.headers["content-type"] == "application/pdf"
    application.refresh_from_db()
    assert application.state == Application.State.ADOPTED
    assert application.decided_amount == 70_000
