"""axe-core on the pages the other journeys do not reach: error pages and account settings."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import translation
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.core import views

pytestmark = pytest.mark.django_db(transaction=True)


def serve(page: Page, path: str, response) -> None:
    """Let the browser load `response` at `path` on the live server, so its CSS loads too.

    For pages a browser cannot provoke on a healthy server (400, 500).
    """
    body = response.content.decode()
    page.route(
        f"**{path}",
        lambda route: route.fulfill(
            status=response.status_code, body=body, content_type="text/html; charset=utf-8"
        ),
    )
    page.goto(path)


@pytest.mark.parametrize("language", ["ja", "en", "ja-easy"])
def test_server_error_and_bad_request_pages_are_accessible(page: Page, language):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with translation.override(language):
        server_error = views.server_error(request)
        bad_request = views.bad_request(request)

    serve(page, "/__500__", server_error)
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)

    serve(page, "/__400__", bad_request)
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)


def test_forbidden_page_is_accessible(page: Page, resident):
    log_in(page, resident)

    response = page.goto("/audit/")

    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("このページは表示できません")
    assert_accessible(page)


def test_expired_form_page_is_accessible(page: Page):
    page.goto("/accounts/login/")
    page.context.clear_cookies()  # the CSRF cookie is gone, as after a very long pause
    page.fill("#id_login", "someone@example.jp")
    page.fill("#id_password", "whatever-password")
    page.locator("main button[type=submit]").click()

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "/accounts/login/" in page.url
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/profile/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accounts/logout/",
    ],
)
def test_account_settings_pages_are_accessible(page: Page, resident, path):
    log_in(page, resident)

    response = page.goto(path)

    assert response is not None
    assert response.status == 200
    assert_accessible(page)


def test_logging_out_ends_the_session(page: Page, resident):
    log_in(page, resident)
    page.goto("/")

    page.get_by_role("button", name="ログアウト").click()

    expect(page.get_by_role("navigation").get_by_role("link", name="ログイン")).to_be_visible()
