"""The service pages and consent, through real pages in Chromium, axe-checked."""

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.legal.models import ConsentRecord

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_up_reads_the_terms_from_the_footer_and_agrees(page: Page, smtp):
    page.goto("/")
    # Each page from the footer, with its own text (the pages' bodies are data, in Japanese).
    for path, text in (
        ("/terms/", "この利用規約は"),
        ("/privacy/", "利用する目的"),
        ("/accessibility/", "JIS X 8341-3:2016"),
        ("/contact/", "0197-24-2111"),
        ("/operator/", "地域づくり推進課"),
    ):
        page.locator(f"footer a[href='{path}']").click()
        expect(page).to_have_url(re.compile(re.escape(path) + "$"))
        expect(page.locator("main")).to_contain_text(text)
        assert_accessible(page)

    # (Its own address: allauth sends one confirmation per address every few minutes.)
    page.goto("/accounts/signup/")
    page.fill("#id_email", "jiro@example.jp")
    page.fill("#id_family_name", "高橋")
    page.fill("#id_family_name_kana", "たかはし")
    page.fill("#id_password1", "correct-horse-奥州-2026")
    page.fill("#id_password2", "correct-horse-奥州-2026")
    # Without the tick: refused by the box, nothing saved.
    page.locator("main button[type=submit]").click()
    expect(page.locator("#id_agree_terms")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    assert not ConsentRecord.objects.exists()

    page.fill("#id_password1", "correct-horse-奥州-2026")
    page.fill("#id_password2", "correct-horse-奥州-2026")
    page.check("#id_agree_terms")
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    mail = smtp.last_to("jiro@example.jp")
    # A long encoded subject is folded onto the next line; unfolding leaves its leading space.
    assert mail["Subject"].strip().startswith("[つながる]")
    assert "奥州市" in mail.get_body(preferencelist=("plain",)).get_content()
    record = ConsentRecord.objects.get(user__email="jiro@example.jp")
    assert (record.terms.number, record.privacy.number) == (1, 1)


def test_a_new_privacy_version_asks_a_signed_in_resident_again(page: Page, resident, city_staff):
    from tsunagaru.legal import services

    log_in(page, resident)
    services.page_version_publish(
        page="privacy",
        body_ja="## 改定\n保存期間を改めました。",
        reason="保存期間の変更",
        needs_consent=True,
        by=city_staff,
    )

    page.goto("/places/")
    expect(page).to_have_url(re.compile(r"/consent/\?next=%2Fplaces%2F$"))
    assert_accessible(page)
    page.check("#id_agree")
    page.locator("main button[type=submit]").first.click()

    expect(page).to_have_url(re.compile(r"/places/$"))
    record = ConsentRecord.objects.get(user=resident)
    assert record.privacy.number == 2
