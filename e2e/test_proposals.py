"""Three parties — a 地区振興会, an NPO and a city department — take one proposal from a draft to a
published mutual evaluation through the pages alone. axe on every page of the table."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.accounts.models import Role
from tsunagaru.guideline.models import OrganisationKind
from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory
from tsunagaru.proposals.models import Proposal

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("guideline")]


@pytest.fixture
def people(make_user):
    district_rep = make_user(Role.PARTNER_MEMBER, email="hakusan@example.jp")
    MembershipFactory(
        user=district_rep,
        organisation__name="白山地区振興会",
        organisation__kind=OrganisationKind.objects.get(code="district_association"),
    )
    npo_rep = make_user(Role.PARTNER_MEMBER, email="npo@example.jp")
    MembershipFactory(
        user=npo_rep,
        organisation__name="NPO法人いわて地域づくり支援センター",
        organisation__kind=OrganisationKind.objects.get(code="npo"),
    )
    department_rep = make_user(Role.CITY_STAFF, email="chiiki@example.jp")
    MembershipFactory(
        user=department_rep,
        organisation=OrganisationFactory(
            name="奥州市 地域づくり推進課",
            kind=OrganisationKind.objects.get(code="city_department"),
            district=None,
            area=None,
        ),
    )
    secretariat = make_user(Role.CITY_STAFF, email="secretariat@example.jp")
    return {
        "district": district_rep,
        "npo": npo_rep,
        "department": department_rep,
        "secretariat": secretariat,
    }


def as_(browser: Browser, live_server, user) -> Page:
    context = browser.new_context(locale="ja-JP", base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    log_in(page, user)
    return page


def test_three_parties_take_a_proposal_to_a_published_evaluation(
    page: Page, browser: Browser, live_server, people
):
    # The 地区振興会 writes the proposal step by step and sends it.
    log_in(page, people["district"])
    page.goto("/proposals/mine/")
    assert_accessible(page)
    page.get_by_role("link", name="提案する").click()
    page.fill("#id_title", "地区の将来像を描くワークショップ")
    page.fill("#id_problem", "若い世代の声が地区の計画に入っていません。")
    assert_accessible(page)
    page.get_by_role("button", name="保存して次へ").click()
    page.fill("#id_idea", "NPOの進行でワークショップを開き、計画の改訂に生かす。")
    page.fill("#id_brings", "会場と住民への呼びかけ")
    page.fill("#id_asks", "進行役と市の統計")
    page.get_by_role("button", name="保存して次へ").click()
    page.get_by_role("button", name="保存して次へ").click()
    assert_accessible(page)
    page.get_by_role("button", name="提案テーブルに送る").click()
    expect(page.locator(".messages")).to_be_visible()
    proposal = Proposal.objects.get()
    assert proposal.status == Proposal.Status.SUBMITTED
    assert not proposal.needs_money

    # The secretariat opens the table with the department and invites the NPO.
    staff = as_(browser, live_server, people["secretariat"])
    staff.goto(f"/proposals/{proposal.pk}/")
    staff.get_by_role("link", name="提案を審査する").click()
    assert_accessible(staff)
    staff.get_by_label("奥州市 地域づくり推進課").check()
    staff.locator("#id_partners").get_by_label("NPO法人いわて地域づくり支援センター").check()
    staff.get_by_role("button", name="テーブルを開いて招待する").click()
    expect(staff.locator(".messages")).to_be_visible()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.AT_TABLE
    staff.goto("/proposals/table/")
    assert_accessible(staff)

    # The NPO and the department each take their place.
    npo = as_(browser, live_server, people["npo"])
    department = as_(browser, live_server, people["department"])
    for party in (npo, department):
        party.goto(f"/proposals/{proposal.pk}/")
        party.get_by_label("参加する").check()
        party.get_by_role("button", name="返事を送る").click()
        expect(party.locator(".messages")).to_be_visible()
    assert_accessible(npo)

    # A meeting with everyone present is recorded.
    staff.goto(f"/proposals/{proposal.pk}/meetings/")
    staff.fill("#id_held_at", "2026-06-01T18:00")
    staff.fill("#id_place", "白山地区センター")
    staff.fill("#id_minutes", "それぞれのできること・できないことを出し合いました。")
    for box in staff.locator("input[name=present]").all():
        box.check()
    staff.get_by_role("button", name="会議を記録する").click()
    expect(staff.get_by_text("白山地区センター")).to_be_visible()
    assert_accessible(staff)

    # The district writes the agreement; every party's representative approves it.
    page.goto(f"/proposals/{proposal.pk}/agreement/")
    page.get_by_role("link", name="合意書を変更する").click()
    page.fill("#id_a-purpose", "住民の声を地区コミュニティ計画に生かす。")
    page.get_by_label("企画・計画立案への参画").check()
    page.select_option("#id_a-domain", index=3)
    page.select_option("#id_a-collaboration_type", index=2)
    page.fill("#id_a-cost_sharing", "費用は発生しない。")
    page.fill("#id_a-starts_on", "2026-07-01")
    page.fill("#id_a-ends_on", "2027-03-31")
    page.fill("#id_a-publication_text", "ワークショップの内容と参加者数を公開します。")
    page.fill("#id_a-private_matters", "参加者の個人名")
    page.fill("#id_goals-0-description", "ワークショップの参加者")
    page.fill("#id_goals-0-unit", "人")
    page.fill("#id_goals-0-target_value", "40")
    page.fill("#id_goals-0-due_on", "2026-09-30")
    page.fill("#id_tasks-0-description", "住民への呼びかけと会場")
    page.select_option("#id_tasks-0-responsible", label="白山地区振興会")
    page.fill("#id_tasks-0-citizens_part", "地区のつながりで呼びかける")
    page.fill("#id_tasks-1-description", "進行と記録")
    page.select_option("#id_tasks-1-responsible", label="NPO法人いわて地域づくり支援センター")
    page.fill("#id_tasks-1-citizens_part", "中立な進行")
    assert_accessible(page)
    page.get_by_role("button", name="合意書を保存する").click()
    # The department has no task yet: the page says what is missing.
    expect(page.locator(".checklist")).to_be_visible()
    page.get_by_role("link", name="合意書を変更する").click()
    page.fill("#id_tasks-2-description", "市の計画と統計の説明")
    page.select_option("#id_tasks-2-responsible", label="奥州市 地域づくり推進課")
    page.fill("#id_tasks-2-city_part", "総合計画と人口統計の説明")
    page.get_by_role("button", name="合意書を保存する").click()
    expect(page.get_by_text("原則が求める項目がそろっています。")).to_be_visible()
    assert_accessible(page)
    for party, name in (
        (page, "白山地区振興会"),
        (npo, "NPO法人いわて地域づくり支援センター"),
        (department, "奥州市 地域づくり推進課"),
    ):
        party.goto(f"/proposals/{proposal.pk}/agreement/")
        party.get_by_role("button", name=f"{name}として第1版を承認する").click()
        expect(party.locator(".messages")).to_be_visible()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.AGREED

    # Progress, messages, the end of the project.
    npo.goto(f"/proposals/{proposal.pk}/reports/")
    npo.fill("#id_reported_on", "2026-07-20")
    npo.fill("#id_note", "1回目のワークショップを開きました。")
    npo.get_by_label("ワークショップの参加者（人）").fill("22")
    npo.get_by_role("button", name="報告を追加する").click()
    expect(npo.get_by_text("1回目のワークショップを開きました。")).to_be_visible()
    assert_accessible(npo)
    npo.goto(f"/proposals/{proposal.pk}/thread/")
    npo.fill("#id_body", "2回目は9月に開きます。")
    npo.locator("form:has(#id_body) button[type=submit]").click()
    expect(npo.get_by_text("2回目は9月に開きます。")).to_be_visible()
    assert_accessible(npo)
    npo.goto(f"/proposals/{proposal.pk}/")
    npo.get_by_role("button", name="事業の終了を記録する").click()

    # Each party evaluates; the evaluations open when the last is in.
    for party in (page, npo, department):
        party.goto(f"/proposals/{proposal.pk}/")
        party.get_by_role("link", name="事業を評価する").click()
        for group in (
            party.locator("fieldset, div.field")
            .filter(has=party.locator("input[type=radio][value='4']"))
            .all()
        ):
            group.locator("input[type=radio][value='4']").first.check()
        party.check("input[name=continue_project][value=yes]")
        party.fill("#id_goal_comment", "若い世代の参加が増えた。")
        if party is page:
            assert_accessible(party)
        party.get_by_role("button", name="評価を送る").click()
        expect(party.locator(".messages")).to_be_visible()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.EVALUATED

    # Anyone reads the project and the evaluations side by side, not what stays private.
    public = browser.new_page(locale="ja-JP", base_url=live_server.url)
    public.goto("/proposals/")
    assert_accessible(public)
    public.get_by_role("link", name="地区の将来像を描くワークショップ").click()
    expect(public.get_by_role("heading", name="相互評価")).to_be_visible()
    expect(public.locator(".evaluations .card")).to_have_count(3)
    expect(public.get_by_text("参加者の個人名")).to_have_count(0)
    assert_accessible(public)
    public.goto("/proposals/not-adopted/")
    assert_accessible(public)
    page.goto("/notices/")
    assert_accessible(page)
    for other in (staff, npo, department, public):
        other.context.close()
