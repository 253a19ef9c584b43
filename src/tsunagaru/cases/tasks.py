"""Background tasks of the case library."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from tsunagaru.cases import booklet
from tsunagaru.core import services as core_services
from tsunagaru.core.models import Job


@task()
def make_booklet(*, job_id: str, case_ids: list[int]) -> None:
    """Typeset the chosen cases as a PDF booklet for a job."""
    job = Job.objects.get(pk=job_id)
    try:
        cases = list(booklet.booklet_cases(case_ids))

        def progress(done: int, total: int) -> None:
            core_services.job_progress(job=job, done=done, total=total)

        content = booklet.pdf(cases, progress=progress)
    except Exception as error:
        core_services.job_fail(job=job, message=str(error))
        raise
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    core_services.job_succeed(
        job=job,
        filename=f"kyodo-jireishu-{stamp}.pdf",
        content=content,
        message=_("The booklet is ready."),
    )
