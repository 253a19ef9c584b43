import csv
import io

import pytest
from django.urls import reverse

from tsunagaru.audit import labels
from tsunagaru.audit.services import audit_record
from tsunagaru.core.models import Job

pytestmark = pytest.mark.django_db

LIST = reverse("audit:list")


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 302),
        ("resident", 403),
        ("partner_member", 403),
        ("coordinator", 403),
        ("reviewer", 403),
        ("city_staff", 200),
        ("administrator", 200),
    ],
    indirect=["persona"],
)
def test_only_staff_read_the_audit_log(client, persona, expected):
    if persona is not None:
        client.force_login(persona)

    assert client.get(LIST).status_code == expected


def test_filters_narrow_the_list(client, city_staff):
    audit_record(actor=city_staff, action="user.role_change")
    audit_record(actor=None, action="job.start")
    client.force_login(city_staff)

    response = client.get(LIST, {"action": "user."})

    actions = [e.action for e in response.context["page"]]
    assert actions == ["user.role_change"]


def test_a_reversed_date_range_is_reported_by_the_form(client, city_staff):
    client.force_login(city_staff)

    response = client.get(LIST, {"date_from": "2026-04-01", "date_to": "2026-03-31"})

    assert response.status_code == 200
    assert response.context["form"].errors["__all__"]


def test_htmx_gets_only_the_results_fragment(client, city_staff):
    client.force_login(city_staff)

    response = client.get(LIST, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert 'id="audit-results"' in html
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_list_queries_do_not_grow_with_the_number_of_entries(
    client, city_staff, django_assert_max_num_queries
):
    for n in range(3):
        audit_record(actor=city_staff, action=f"test.{n}", target=city_staff)
    client.force_login(city_staff)
    client.get(LIST)  # warm up session and content-type caches
    with django_assert_max_num_queries(12) as few:
        client.get(LIST)
    for n in range(40):
        audit_record(actor=city_staff, action=f"test.more{n}", target=city_staff)

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST)


def test_export_runs_as_a_job_that_only_its_starter_can_open(
    client, city_staff, administrator, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    audit_record(actor=city_staff, action="user.role_change", note='=HYPERLINK("x")')
    client.force_login(city_staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("audit:export"), {"action": "user."})

    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    download = client.get(reverse("core:job_download", args=[job.pk]))
    body = b"".join(download.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # BOM, so Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    # Headed in Japanese for auditors; the action in words, its code beside it.
    assert rows[0][1:4] == ["日時", "操作者", "操作"]
    assert rows[0][5:8] == ["対象の種類", "対象ID", "対象"]
    assert [r[4] for r in rows[1:]] == ["user.role_change"]
    assert rows[1][3] == str(labels.ACTIONS["user.role_change"])
    assert rows[1][10] == '\'=HYPERLINK("x")'  # neutralised for Excel

    client.force_login(administrator)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(reverse("core:job_download", args=[job.pk])).status_code == 404


def test_residents_cannot_start_an_export(client, resident):
    client.force_login(resident)

    assert client.post(reverse("audit:export"), {}).status_code == 403
    assert not Job.objects.exists()


def test_the_admin_shows_entries_but_cannot_add_change_or_delete_them(client, administrator):
    event = audit_record(actor=administrator, action="user.role_change")
    client.force_login(administrator)

    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    assert client.get(reverse("admin:audit_auditevent_delete", args=[event.pk])).status_code == 403
    response = client.post(
        reverse("admin:audit_auditevent_change", args=[event.pk]), {"action": "forged"}
    )
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.action == "user.role_change"
