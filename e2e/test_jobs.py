import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.audit.services import audit_record

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_export_the_audit_log_and_watch_the_job_finish(page: Page, city_staff):
    audit_record(actor=city_staff, action="user.role_change", target=city_staff)
    log_in(page, city_staff)

    page.goto("/audit/")
    assert_accessible(page)
    page.locator("#id_action").select_option(value="user.")
    page.get_by_role("button", name="CSVで書き出す").click()

    expect(page.locator("#job-panel [data-status]")).to_have_attribute("data-status", "queued")
    assert_accessible(page)

    # The real database worker runs what is queued, as `make demo` runs it beside the server.
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    # htmx polls the panel; no reload needed.
    expect(page.locator("#job-panel [data-status]")).to_have_attribute("data-status", "succeeded")
    with page.expect_download() as download_info:
        page.locator("#job-panel a.button").click()
    path = download_info.value.path()
    content = path.read_text(encoding="utf-8-sig")
    assert "user.role_change" in content
    assert_accessible(page)
