"""A group registers, a coordinator verifies it, and a resident finds it in other words."""

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.accounts.models import Role
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("guideline")]


def test_register_verify_and_find_a_group(page: Page, browser, live_server, resident, make_user):
    log_in(page, resident)
    page.goto("/partners/register/")
    assert_accessible(page)

    # A wrong corporate number is explained by the field, and nothing is saved.
    page.locator("#id_kind").select_option(label="ボランティア団体")
    page.fill("#id_name", "衣川子ども食堂の会")
    page.fill("#id_name_kana", "ころもがわこどもしょくどうのかい")
    page.locator("#id_district").select_option(label="北股")
    page.fill("#id_description", "子ども食堂を月に2回開いています。")
    page.fill("#id_corporate_number", "1234567890123")
    page.get_by_role("button", name="登録する").click()
    expect(page.locator("#id_corporate_number_error")).to_be_visible()
    assert not Organisation.objects.exists()
    assert_accessible(page)

    page.fill("#id_corporate_number", "")
    page.get_by_role("button", name="登録する").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("衣川子ども食堂の会")
    expect(page.locator("main")).to_contain_text("確認待ち")
    assert_accessible(page)

    coordinator = make_user(Role.COORDINATOR)
    second = browser.new_context(locale="ja-JP", base_url=live_server.url)
    coordinator_page = second.new_page()
    log_in(coordinator_page, coordinator)
    coordinator_page.goto("/partners/review/")
    assert_accessible(coordinator_page)
    coordinator_page.get_by_role("link", name="衣川子ども食堂の会").click()
    assert_accessible(coordinator_page)
    coordinator_page.get_by_role("button", name="確認して掲載する").click()
    expect(coordinator_page.locator(".messages")).to_be_visible()
    second.close()

    # Anyone finds it, written another way: こども食堂 for 子ども食堂.
    page.context.clear_cookies()
    page.goto("/partners/")
    page.fill("#id_q", "こども食堂")
    page.get_by_role("button", name="検索").click()
    expect(page.locator("#directory-results")).to_contain_text("衣川子ども食堂の会")
    expect(page.locator("#directory-results mark").first).to_have_text("子ども食堂")
    assert_accessible(page)


def test_group_pages_are_accessible(page: Page, resident):
    organisation = MembershipFactory(user=resident).organisation
    OrganisationFactory(name="別の会", contact_email="other@example.jp")
    log_in(page, resident)

    for path in [
        organisation.get_absolute_url(),
        f"/partners/{organisation.pk}/edit/",
        f"/partners/{organisation.pk}/offers/new/",
        f"/partners/{organisation.pk}/needs/new/",
        f"/partners/{organisation.pk}/members/",
        f"/partners/districts/{organisation.district_id}/",
        "/partners/mine/",
        "/partners/volunteer/",
    ]:
        response = page.goto(path)
        assert response is not None
        assert response.status == 200, path
        assert_accessible(page)

    other = Organisation.objects.get(name="別の会")
    page.goto(other.get_absolute_url())
    page.get_by_role("link", name="この団体にメッセージを送る").click()
    expect(page).to_have_url(re.compile(r"/contact/$"))
    assert_accessible(page)


def test_a_representative_adds_a_need_and_marks_it_met(page: Page, resident):
    organisation = MembershipFactory(user=resident).organisation
    log_in(page, resident)
    page.goto(organisation.get_absolute_url())

    page.get_by_role("link", name="困りごとを追加する").click()
    page.locator("#id_category").select_option(index=1)
    page.fill("#id_title", "草刈りの人手が足りない")
    page.get_by_role("button", name="保存").click()

    needs = page.locator("section[aria-labelledby=needs]")
    expect(needs).to_contain_text("草刈りの人手が足りない")
    needs.get_by_role("button", name=re.compile("解決した")).click()
    expect(needs).to_contain_text("草刈りの人手が足りない")
    assert organisation.needs.get().status == "closed"


def test_staff_import_a_spreadsheet_after_fixing_its_errors(
    page: Page, city_staff, tmp_path, settings
):
    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path
    log_in(page, city_staff)
    page.goto("/partners/import/")
    assert_accessible(page)

    bad = tmp_path / "bad.csv"
    bad.write_bytes("団体名,種類,地区\n,NPO法人,稲瀬\n宇宙の会,宇宙団体,稲瀬\n".encode("cp932"))
    page.set_input_files("#id_file", str(bad))
    page.get_by_role("button", name="ファイルを確認する").click()
    errors = page.get_by_role("alert")
    expect(errors).to_contain_text("団体名")
    expect(errors).to_contain_text("種類")
    assert not Organisation.objects.exists()
    assert_accessible(page)

    good = tmp_path / "good.csv"
    good.write_bytes(
        "団体名,種類,地区,活動分野\n稲瀬防災の会,ボランティア団体,稲瀬,防災\n".encode("utf-8-sig")
    )
    page.set_input_files("#id_file", str(good))
    page.locator("#id_list_now").check()
    page.get_by_role("button", name="ファイルを確認する").click()
    expect(page.locator("main")).to_contain_text("稲瀬防災の会")
    page.get_by_role("button", name="これらの団体を取り込む").click()

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    expect(page.locator("#job-panel [data-status]")).to_have_attribute("data-status", "succeeded")
    assert_accessible(page)
    assert Organisation.objects.get().name == "稲瀬防災の会"


def test_invitation_page_is_accessible_and_joins_the_group(page: Page, resident, make_user):
    from tsunagaru.partners import services

    organisation = MembershipFactory(user=resident).organisation
    invitation = services.invitation_create(
        organisation=organisation, email="guest@example.jp", role="member", by=resident
    )
    log_in(page, make_user(email="guest@example.jp"))

    page.goto(f"/partners/invitations/{invitation.token}/")
    assert_accessible(page)
    page.locator("main button[type=submit]").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(organisation.name)
    assert organisation.memberships.filter(user__email="guest@example.jp").exists()


def test_volunteers_page_is_accessible(page: Page, resident):
    MembershipFactory(user=resident)
    log_in(page, resident)

    page.goto("/partners/volunteers/")

    expect(page.get_by_role("heading", level=1)).to_have_text("ボランティア")
    assert_accessible(page)


def test_choosing_an_area_narrows_the_districts_at_once(page: Page):
    from tsunagaru.core.models import District

    ide = District.objects.get(slug="ide")
    OrganisationFactory(name="伊手の会", district=ide)
    page.goto("/partners/")

    page.locator("#id_area").select_option(label=ide.area.name)

    # htmx reloads the district list for the area; no submit needed.
    districts = page.locator("#id_district option")
    expect(districts).to_have_count(ide.area.districts.filter(is_active=True).count() + 1)
    expect(page.locator("#id_district")).to_contain_text(ide.name)
    expect(page.locator("#id_district")).not_to_contain_text("水沢")
    page.locator("#id_district").select_option(label=ide.name)
    page.get_by_role("button", name="検索").click()
    expect(page.locator("#directory-results")).to_contain_text("伊手の会")
    assert_accessible(page)
