import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tsunagaru.audit.models import AuditEvent
from tsunagaru.core import services
from tsunagaru.core.models import Job

pytestmark = pytest.mark.django_db


def make_job(user):
    return Job.objects.create(kind="test", label="テスト", started_by=user)


def test_progress_moves_a_queued_job_to_running_and_counts(resident):
    job = make_job(resident)

    services.job_progress(job=job, done=30, total=120, message="30件")

    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.percent) == (Job.Status.RUNNING, 30, 120, 25)


def test_a_finished_job_keeps_its_file_and_shows_100_percent(resident):
    job = make_job(resident)
    services.job_progress(job=job, done=0, total=2)

    services.job_succeed(job=job, filename="result.csv", content=b"a,b\n")

    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.percent == 100
    assert job.result_file.read() == b"a,b\n"
    assert AuditEvent.objects.get(action="job.succeed").target_id == str(job.pk)


def test_a_finished_job_cannot_be_moved_again(resident):
    job = make_job(resident)
    services.job_fail(job=job, message="壊れたファイル")

    with pytest.raises(ValidationError) as error:
        services.job_progress(job=job, done=1, total=2)

    assert error.value.code == "invalid_transition"
    assert AuditEvent.objects.get(action="job.fail").note == "壊れたファイル"


def test_a_stale_copy_cannot_overwrite_a_newer_state(resident):
    job = make_job(resident)
    stale = Job.objects.get(pk=job.pk)
    services.job_fail(job=job, message="x")

    with pytest.raises(ValidationError) as error:
        services.job_progress(job=stale, done=1, total=2)

    assert error.value.code == "stale"


def test_job_page_shows_progress_to_its_starter_and_polls_while_running(client, resident):
    job = make_job(resident)
    services.job_progress(job=job, done=1, total=4)
    client.force_login(resident)

    response = client.get(job.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="25"' in html
    assert 'hx-trigger="every 1s"' in html


def test_htmx_poll_gets_the_panel_only(client, resident):
    job = make_job(resident)
    client.force_login(resident)

    response = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="job-panel"')
    assert "<html" not in html


@pytest.mark.parametrize(
    ("persona", "expected"), [("anonymous", 302), ("city_staff", 404)], indirect=["persona"]
)
def test_nobody_else_sees_a_job(client, resident, persona, expected):
    job = make_job(resident)
    if persona is not None:
        client.force_login(persona)

    assert client.get(job.get_absolute_url()).status_code == expected
    assert client.get(reverse("core:job_download", args=[job.pk])).status_code == expected


def test_prune_removes_old_finished_jobs_and_their_files_but_keeps_running_ones(resident):
    import datetime

    import time_machine

    with time_machine.travel(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)):
        old_done = make_job(resident)
        services.job_succeed(job=old_done, filename="old.csv", content=b"x")
        old_running = make_job(resident)
        services.job_progress(job=old_running, done=1, total=2)
    recent = make_job(resident)
    services.job_succeed(job=recent, filename="new.csv", content=b"y")
    storage, name = old_done.result_file.storage, old_done.result_file.name

    removed = services.job_prune(older_than=datetime.timedelta(days=30))

    assert removed == 1
    assert set(Job.objects.values_list("pk", flat=True)) == {old_running.pk, recent.pk}
    assert not storage.exists(name)
    assert AuditEvent.objects.filter(action="job.prune", target_id=str(old_done.pk)).exists()
