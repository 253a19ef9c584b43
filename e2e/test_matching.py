"""A group with a need finds a partner, asks to connect, and the partner accepts: contact
details appear only then. Every matching page passes axe."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.accounts.models import Role
from tsunagaru.matching import index, services
from tsunagaru.matching.models import Connection
from tsunagaru.partners import services as partner_services
from tsunagaru.partners.models import Need, Offer
from tsunagaru.partners.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fresh_index(guideline, settings):
    """The site's matcher is built from this test's data, not an earlier test's: the first
    ranking asks for the background build, which runs at once here."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    index.reset()
    yield
    index.reset()


@pytest.fixture
def groups(make_user):
    asker = make_user(Role.PARTNER_MEMBER, email="oomori@example.jp")
    answerer = make_user(Role.PARTNER_MEMBER, email="minami@example.jp")
    village = MembershipFactory(user=asker, organisation__name="大森自治会").organisation
    helpers = MembershipFactory(
        user=answerer, organisation__name="みなみ学生ボランティア"
    ).organisation
    need = partner_services.need_save(
        need=Need(organisation=village),
        data={
            "category": "trouble",
            "title": "お年寄りの家の雪かきが追いつかない",
            "description": "大雪の日、ひとり暮らしの家の玄関まで手が回りません。",
        },
        by=asker,
    )
    partner_services.offer_save(
        offer=Offer(organisation=helpers),
        data={
            "category": "skill",
            "title": "学生の除雪ボランティア",
            "description": "冬は大学生が高齢者宅の除雪に出ています。",
        },
        by=answerer,
    )
    return village, helpers, asker, answerer, need


def test_from_a_need_to_an_accepted_introduction(page: Page, browser, live_server, smtp, groups):
    village, _helpers, asker, answerer, need = groups
    log_in(page, asker)
    page.goto(village.get_absolute_url())
    page.get_by_role("link", name="つながれそうな担い手").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(need.title)
    suggestions = page.locator(".card-list")
    expect(suggestions).to_contain_text("みなみ学生ボランティア")
    expect(suggestions).to_contain_text("除雪")  # why it was suggested
    assert_accessible(page)

    page.get_by_role("link", name="つながりたい").first.click()
    assert_accessible(page)
    page.get_by_label("メッセージ").fill("大雪の日の雪かきを手伝っていただけませんか。")
    page.get_by_role("button", name="申し込む").click()
    expect(page.locator(".status")).to_have_text("返事待ち")
    expect(page.locator("main")).not_to_contain_text("minami@example.jp")
    assert_accessible(page)

    # The partner's representative gets the request by e-mail and answers in the site.
    link = smtp.link_in_last_to("minami@example.jp", r"/matching/introductions/\d+/")
    second = browser.new_context(locale="ja-JP", base_url=live_server.url)
    other = second.new_page()
    log_in(other, answerer)
    other.goto(link)
    expect(other.locator("main")).to_contain_text("大雪の日の雪かき")
    expect(other.locator("main")).not_to_contain_text("oomori@example.jp")
    assert_accessible(other)
    other.get_by_label("はい、ぜひ会いたいです").check()
    other.get_by_role("button", name="返事を送る").click()
    expect(other.locator(".status")).to_have_text("承諾")
    expect(other.get_by_role("heading", name="連絡先")).to_be_visible()
    expect(other.locator("main")).to_contain_text("oomori@example.jp")
    assert_accessible(other)
    second.close()

    # The asker is told, and now sees the partner's contact details too.
    smtp.last_to("oomori@example.jp")
    page.reload()
    expect(page.locator("main")).to_contain_text("minami@example.jp")
    assert Connection.objects.count() == 1


def test_matching_pages_are_accessible(page: Page, groups, coordinator):
    village, helpers, asker, _answerer, need = groups
    services.connection_record(
        first=village, second=helpers, source=Connection.Source.EVENT, by=coordinator
    )
    Need.objects.filter(pk=need.pk).update(created_at=timezone.now() - datetime.timedelta(days=40))
    page.goto("/matching/network/")
    expect(page.locator("svg.network")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/matching/groups/{helpers.pk}/needs-to-help/")
    expect(page.locator("main")).to_contain_text(need.title)
    assert_accessible(page)

    log_in(page, asker)
    page.goto("/matching/help/")
    page.get_by_label("団体が困っていることは何ですか？").fill("雪かきの手伝いがほしい")
    page.get_by_role("button", name="団体をさがす").click()
    expect(page.locator(".card-list")).to_contain_text("みなみ学生ボランティア")
    assert_accessible(page)
    page.goto("/matching/introductions/")
    assert_accessible(page)

    page.context.clear_cookies()
    log_in(page, coordinator)
    page.goto("/matching/unmatched/")
    expect(page.locator("main")).to_contain_text(need.title)
    assert_accessible(page)
    page.goto(f"/matching/needs/{need.pk}/introduce/{helpers.pk}/")
    assert_accessible(page)
    page.goto("/matching/glossary/")
    page.get_by_label("言葉").fill("雪はね、雪かき")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("table")).to_contain_text("雪はね・雪かき")
    assert_accessible(page)


def test_both_directions_with_their_reasons(page: Page, groups):
    """The village can lend its hall, which the students need: its need page says both can
    help each other. The students, through 「できることを生かす」, find the village's need."""
    village, helpers, asker, answerer, need = groups
    partner_services.offer_save(
        offer=Offer(organisation=village),
        data={
            "category": "place",
            "title": "集会所の貸し出し",
            "description": "集会所を貸せます。",
        },
        by=asker,
    )
    partner_services.need_save(
        need=Need(organisation=helpers),
        data={"category": "trouble", "title": "打ち合わせの集会所がない", "description": ""},
        by=answerer,
    )

    log_in(page, asker)
    page.goto(f"/matching/needs/{need.pk}/")
    card = page.locator("article", has_text="みなみ学生ボランティア")
    expect(card).to_contain_text("お互いに助け合えます")
    expect(card).to_contain_text("集会所")
    assert_accessible(page)

    page.context.clear_cookies()
    log_in(page, answerer)
    page.goto("/")
    page.get_by_role("link", name="できることを生かす").first.click()
    page.get_by_label("あなた（または団体）ができることは何ですか").fill("学生が除雪に出られます")
    page.get_by_role("button", name="困りごとを探す").click()
    result = page.locator("article", has_text=need.title)
    expect(result).to_contain_text("大森自治会")
    expect(result).to_contain_text("雪かき")  # the words of their need that it answers
    assert_accessible(page)
