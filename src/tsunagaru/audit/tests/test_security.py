"""The audit log's personal data (e-mail and IP addresses) stays out of caches and URLs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tsunagaru.audit.services import audit_record
from tsunagaru.core.models import Job

pytestmark = pytest.mark.django_db


def test_the_audit_csv_is_never_stored_by_a_cache(
    client, city_staff, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    audit_record(actor=city_staff, action="user.role_change")
    client.force_login(city_staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("audit:export"), {"action": "user."})

    download = client.get(reverse("core:job_download", args=[Job.objects.get().pk]))

    assert download.status_code == 200
    directives = {d.strip() for d in download["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_the_filter_keeps_the_csrf_token_out_of_the_address(client, city_staff):
    client.force_login(city_staff)

    html = client.get(reverse("audit:list")).content.decode()

    get_form = html[html.index('<form method="get"') :]
    get_form = get_form[: get_form.index("</form>")]
    assert "csrfmiddlewaretoken" not in get_form
    assert 'hx-get="' in get_form


def test_the_export_form_posts_the_current_filter_with_its_token(client, city_staff):
    client.force_login(city_staff)

    html = client.get(reverse("audit:list"), {"action": "user."}).content.decode()

    post_form = html[html.index(f'action="{reverse("audit:export")}"') :]
    post_form = post_form[: post_form.index("</form>")]
    assert "csrfmiddlewaretoken" in post_form
    assert 'name="action" value="user."' in post_form
