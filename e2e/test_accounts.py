import re

import pytest
from playwright.sync_api import Page, expect

from conftest import TOTP_SECRET, totp_now
from e2e.conftest import assert_accessible
from tsunagaru.accounts.models import Role, User
from tsunagaru.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "奥州-new-password-2026"


def fill_signup(page: Page, **overrides: str) -> None:
    values = {
        "#id_email": "hanako@example.jp",
        "#id_family_name": "佐藤",
        "#id_given_name": "花子",
        "#id_family_name_kana": "さとう",
        "#id_given_name_kana": "はなこ",
        "#id_display_name": "はなこ",
        "#id_password1": "correct-horse-奥州-2026",
        "#id_password2": "correct-horse-奥州-2026",
    }
    values.update(overrides)
    for selector, value in values.items():
        page.fill(selector, value)
    page.check("#id_agree_terms")


def test_sign_up_verify_by_mail_and_arrive_logged_in(page: Page, smtp):
    page.goto("/accounts/signup/")
    assert_accessible(page)

    # Wrong input first: the message is shown by the field, in Japanese, and nothing is saved.
    fill_signup(page, **{"#id_password2": "something-else-2026", "#id_family_name_kana": "佐藤"})
    page.locator("main button[type=submit]").click()
    expect(page.locator("#id_family_name_kana")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_family_name_kana_error")).to_contain_text("ふりがな")
    expect(page.locator("#id_password2_error")).to_be_visible()
    assert not User.objects.exists()
    assert_accessible(page)

    fill_signup(page)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    assert_accessible(page)

    link = smtp.link_in_last_to("hanako@example.jp", r"https?://\S+/accounts/confirm-email/\S+/")
    assert smtp.last_to("hanako@example.jp")["Subject"].strip().startswith("[つながる]")
    page.goto(link)
    assert_accessible(page)
    page.locator("main button[type=submit]").click()

    expect(page.locator("main")).to_contain_text("はなこ")
    user = User.objects.get(email="hanako@example.jp")
    assert (user.role, user.family_name_kana) == (Role.RESIDENT, "さとう")  # as typed


def test_forgotten_password_is_reset_through_a_mailed_link(page: Page, smtp, resident):
    page.goto("/accounts/password/reset/")
    assert_accessible(page)
    page.fill("#id_email", resident.email)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/done/$"))
    assert_accessible(page)

    link = smtp.link_in_last_to(resident.email, r"https?://\S+/accounts/password/reset/key/\S+/")
    page.goto(link)
    assert_accessible(page)
    page.fill("#id_password1", NEW_PASSWORD)
    page.fill("#id_password2", NEW_PASSWORD)
    page.get_by_role("button", name="パスワードの変更").click()

    expect(page).to_have_url(re.compile(r"/accounts/password/reset/key/done/$"))
    assert_accessible(page)
    resident.refresh_from_db()
    assert resident.check_password(NEW_PASSWORD)


def test_wrong_password_is_refused_with_a_message(page: Page, resident):
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.fill("#id_login", resident.email)
    page.fill("#id_password", "wrong-password")
    page.locator("main button[type=submit]").click()

    expect(page.locator("main [role=alert], main .errorlist").first).to_be_visible()
    assert_accessible(page)


def test_staff_log_in_with_password_and_totp_then_read_the_audit_log(page: Page, city_staff):
    page.goto("/accounts/login/")
    page.fill("#id_login", city_staff.email)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    assert_accessible(page)
    page.fill("#id_code", "000000")
    page.get_by_role("button", name="ログイン").click()
    expect(page.locator("#id_code_error, main .errorlist").first).to_be_visible()
    page.fill("#id_code", totp_now(TOTP_SECRET))
    page.get_by_role("button", name="ログイン").click()

    expect(page).to_have_url("/")
    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="監査ログ"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("監査ログ")
    assert_accessible(page)


def test_staff_without_totp_must_set_it_up_before_anything_else(page: Page, make_user):
    staff = make_user(Role.CITY_STAFF, totp=False)
    page.goto("/accounts/login/")
    page.fill("#id_login", staff.email)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/accounts/(2fa/totp/activate|reauthenticate)/"))
    assert_accessible(page)
    page.goto("/places/")
    expect(page).to_have_url(re.compile(r"/accounts/"))


def test_profile_page_edits_names_and_shows_errors_by_the_field(page: Page, resident):
    page.goto("/accounts/login/")
    page.fill("#id_login", resident.email)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()

    page.goto("/profile/")
    assert_accessible(page)
    page.fill("#id_family_name_kana", "漢字")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#id_family_name_kana_error")).to_be_visible()
    assert_accessible(page)

    page.fill("#id_family_name_kana", "さとう")
    page.fill("#id_display_name", "花ちゃん")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    resident.refresh_from_db()
    assert (resident.display_name, resident.family_name_kana) == ("花ちゃん", "さとう")  # as typed
