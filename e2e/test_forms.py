"""Forms as a designed service, in a real browser: 24 px checkboxes and radios, a filter box
over a long checkbox list (and a plain list without JavaScript), 郵便番号 filling the address
in place, and Enter still sending the form."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.accounts.models import Role
from tsunagaru.guideline.models import OrganisationKind
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory
from tsunagaru.proposals import services

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("guideline", "oshu")]

GROUPS = [
    ("胆沢子ども食堂の会", "いさわこどもしょくどうのかい"),
    ("衣川ふるさと清掃の会", "ころもがわふるさとせいそうのかい"),
    ("江刺藤里ファイヤーワークス", "エサシフジサトファイヤーワークス"),
    ("前沢地区連合振興会", "まえさわちくれんごうしんこうかい"),
    ("水沢国際交流の会", "みずさわこくさいこうりゅうのかい"),
    ("常盤地区自主防災会", "ときわちくじしゅぼうさいかい"),
    ("姉体町振興会", "あねたいちょうしんこうかい"),
    ("稲瀬振興会", "いなせしんこうかい"),
    ("米里振興会", "よねさとしんこうかい"),
]


def _checkbox_targets_are_24px(page: Page) -> None:
    boxes = page.locator("input[type=checkbox]:visible, input[type=radio]:visible").all()
    assert boxes
    for box in boxes:
        size = box.bounding_box()
        assert size is not None
        assert size["width"] >= 24, size
        assert size["height"] >= 24, size


def _screening_page(make_user) -> tuple[object, int]:
    proposer_rep = make_user(Role.PARTNER_MEMBER, email="hakusan@example.jp")
    membership = MembershipFactory(user=proposer_rep, organisation__name="白山地区振興会")
    proposer = membership.organisation
    OrganisationFactory(
        name="奥州市 地域づくり推進課",
        kind=OrganisationKind.objects.get(code="city_department"),
        district=None,
        area=None,
    )
    for name, kana in GROUPS:
        OrganisationFactory(name=name, name_kana=kana)
    proposal = services.proposal_save(
        proposal=None,
        data={
            "title": "地区の将来像を描くワークショップ",
            "problem": "若い世代の声が地区の計画に入っていません。",
            "idea": "NPOの進行でワークショップを開く。",
            "brings": "会場",
            "asks": "進行役",
        },
        by=proposer_rep,
        proposer=proposer,
    )
    services.proposal_submit(proposal=proposal, by=proposer_rep)
    return make_user(Role.CITY_STAFF, email="secretariat@example.jp"), proposal.pk


def test_invited_groups_are_a_checkbox_list_with_a_filter(page: Page, make_user):
    staff, pk = _screening_page(make_user)
    log_in(page, staff)
    page.goto(f"/proposals/{pk}/screen/")
    partners = page.locator("#id_partners")
    expect(page.locator("select[multiple]")).to_have_count(0)
    assert partners.locator("input[type=checkbox]").count() >= len(GROUPS)
    _checkbox_targets_are_24px(page)

    # Katakana typed finds a group whose furigana is hiragana, and the name in kanji works too.
    search = page.locator("#id_partners-filter")
    search.fill("イサワ")
    expect(partners.get_by_label("胆沢子ども食堂の会")).to_be_visible()
    expect(partners.get_by_label("稲瀬振興会")).to_be_hidden()
    search.fill("該当なし")
    expect(page.locator(".choice-filter__none")).not_to_be_empty()
    search.fill("振興会")
    expect(page.locator(".choice-filter__none")).to_be_empty()
    partners.get_by_label("稲瀬振興会").check()
    search.fill("ふるさと")
    expect(partners.get_by_label("稲瀬振興会")).to_be_visible()  # chosen ones stay in sight
    expect(partners.get_by_label("米里振興会")).to_be_hidden()
    assert_accessible(page)

    page.get_by_label("奥州市 地域づくり推進課").check()
    search.fill("")
    page.get_by_role("button", name="テーブルを開いて招待する").click()
    expect(page.locator(".messages")).to_be_visible()
    invited = Organisation.objects.filter(proposal_parties__proposal_id=pk, name="稲瀬振興会")
    assert invited.exists()


def test_without_javascript_the_list_is_a_plain_checkbox_list(
    browser: Browser, live_server, make_user
):
    staff, pk = _screening_page(make_user)
    context = browser.new_context(
        locale="ja-JP", base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    log_in(page, staff)
    page.goto(f"/proposals/{pk}/screen/")
    expect(page.locator("#id_partners-filter")).to_have_count(0)
    expect(page.locator("#id_partners").get_by_label("米里振興会")).to_be_visible()
    context.close()


def test_the_postcode_fills_the_address_in_place_and_enter_still_registers(page: Page, resident):
    log_in(page, resident)
    page.goto("/partners/register/")
    _checkbox_targets_are_24px(page)
    page.locator("#id_kind").select_option(label="ボランティア団体")
    page.fill("#id_name", "大手町みまもり隊")
    page.fill("#id_postcode", "0238501")
    url = page.url
    page.get_by_role("button", name=re.compile("住所を入力|Fill in the address")).click()
    expect(page.locator("#id_address_town")).to_have_value("水沢大手町")
    expect(page.locator("#id_address_city")).to_have_value("奥州市")
    expect(page.locator("#id_address_prefecture")).to_have_value("岩手県")
    expect(page.locator("#id_address_rest")).to_have_value("1丁目1")
    expect(page.locator("#id_postcode")).to_have_value("023-8501")
    expect(page.locator("#id_postcode_status")).not_to_be_empty()
    assert page.url == url
    assert not Organisation.objects.exists()
    assert_accessible(page)

    # Enter in the postcode box looks up (江刺総合支所); Enter elsewhere sends the form.
    page.fill("#id_postcode", "023-1192")
    page.locator("#id_postcode").press("Enter")
    expect(page.locator("#id_address_town")).to_have_value("江刺大通り")
    assert not Organisation.objects.exists()
    page.locator("#id_name").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("大手町みまもり隊")
    group = Organisation.objects.get()
    assert (group.postcode, group.address_town) == ("023-1192", "江刺大通り")
