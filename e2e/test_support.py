"""The support centre in the browser: a resident without a group or an account asks, a
coordinator answers, the mail arrives with the private link, and the answer is on that page."""

from __future__ import annotations

import importlib
from urllib.parse import urlparse

import pytest
from django.apps import apps
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.accounts.models import Role
from tsunagaru.support import antispam
from tsunagaru.support.models import Consultation

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def topics(oshu: None) -> None:
    """Reload the topics: a transactional test's flush removed what the migration loaded."""
    importlib.import_module("tsunagaru.support.migrations.0002_topics").add_topics(apps, None)


def test_a_guest_asks_staff_answer_and_the_mailed_link_shows_the_answer(
    page: Page, make_user, smtp, topics
):
    coordinator = make_user(Role.COORDINATOR)

    # A guest finds the centre from the menu and asks, giving an e-mail address.
    page.goto("/")
    page.locator("nav a[href='/support/']").first.click()
    assert_accessible(page)
    page.locator("main a[href='/support/ask/']").first.click()
    assert_accessible(page)
    page.select_option("#id_topic", label="補助金・助成金")
    page.fill("#id_subject", "補助金の申請書の書き方")
    page.fill("#id_question", "初めて補助金に申請します。予算書の書き方を教えてください。")
    page.fill("#id_name", "高橋 正")
    page.fill("#id_email", "tadashi@example.jp")
    # A person takes at least this long to fill the form; the form refuses anything faster.
    page.wait_for_timeout(antispam.MIN_SECONDS * 1000)
    page.locator("main form button[type=submit]").click()
    consultation = Consultation.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text("補助金の申請書の書き方")
    assert_accessible(page)
    link = smtp.link_in_last_to("tadashi@example.jp", r"http://\S+/support/questions/\S+/")

    # The coordinator answers from the queue.
    log_in(page, coordinator)
    page.goto("/support/consultations/")
    assert_accessible(page)
    page.get_by_role("link", name="補助金の申請書の書き方").click()
    assert_accessible(page)
    page.fill("#id_answer", "予算書のひな形をお送りします。対象経費を分けて書いてください。")
    page.locator(f"form[action$='/consultations/{consultation.pk}/answer/'] button").click()
    expect(page.locator(".messages")).to_be_visible()
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.ANSWERED

    # The answer is mailed with the same private link, and shown on that page.
    answer_mail = smtp.last_to("tadashi@example.jp")
    assert (
        "予算書のひな形をお送りします。"
        in answer_mail.get_body(preferencelist=("plain",)).get_content()
    )
    page.context.clear_cookies()
    page.goto(urlparse(link).path)
    expect(page.locator("#answer")).to_contain_text("予算書のひな形をお送りします。")
    assert_accessible(page)


def test_a_coordinator_logs_a_phone_call_with_a_referral_to_a_grant(
    page: Page, make_user, topics, guideline
):
    from tsunagaru.guideline.models import Program

    coordinator = make_user(Role.COORDINATOR)
    grant = Program.objects.get(name="市民提案型協働支援事業補助金制度の運用")
    log_in(page, coordinator)

    page.goto("/support/consultations/")
    page.locator("main a[href='/support/consultations/new/']").first.click()
    assert_accessible(page)
    page.check("#id_channel_1")  # phone
    page.select_option("#id_topic", label="補助金・助成金")
    page.fill("#id_subject", "夏祭りに使える補助金")
    page.fill("#id_question", "地区の夏祭りに補助金を使えるか知りたい。")
    page.fill("#id_asker_name", "菅原 勇")
    page.fill("#id_asker_phone", "０１９７－３５－１２３４")
    page.fill("#id_answer", "チャレンジコースを紹介しました。")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("夏祭りに使える補助金")
    assert_accessible(page)

    page.check("#id_kind_2")  # a grant or city program
    page.select_option("#id_program", str(grant.pk))
    page.locator("form[action$='/referrals/'] button").click()
    expect(page.locator(f"main a[href$='#program-{grant.pk}']")).to_be_visible()
    consultation = Consultation.objects.get()
    assert consultation.entered_by == coordinator
    assert consultation.asker_phone == "0197-35-1234"
    assert consultation.referrals.get().program == grant
    page.locator(f"main a[href$='#program-{grant.pk}']").click()
    expect(page.locator(f"#program-{grant.pk}")).to_be_visible()
