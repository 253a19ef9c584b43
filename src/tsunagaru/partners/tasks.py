"""Background tasks of the partner registry."""

from __future__ import annotations

from pathlib import Path

from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from django_tasks import task

from tsunagaru.accounts.models import User
from tsunagaru.core import services as core_services
from tsunagaru.core.models import Job
from tsunagaru.matching import tasks as matching_tasks
from tsunagaru.partners import importer, services, tabular


@task()
def import_organisations(*, job_id: str, path: str, list_now: bool) -> None:
    """Check the uploaded file again (the data may have changed) and import it, all or none."""
    job = Job.objects.get(pk=job_id)
    by = User.objects.get(pk=job.started_by_id)
    try:
        with default_storage.open(path, "rb") as handle:
            rows = tabular.read(handle.read(), Path(path).name)
        checked = importer.check(rows)
        if checked.errors:
            first = checked.errors[0]
            core_services.job_fail(
                job=job,
                message=_("Row %(row)s, %(column)s: %(message)s")
                % {"row": first.row, "column": first.column, "message": first.message},
            )
            return
        # One transaction, so progress shows the checked rows, then the result.
        core_services.job_progress(job=job, done=0, total=len(checked.rows))
        created = services.organisation_import(rows=checked.rows, by=by, list_now=list_now)
    except tabular.TableError as error:
        core_services.job_fail(job=job, message=str(error))
        return
    finally:
        default_storage.delete(path)
    core_services.job_succeed(
        job=job, message=_("%(count)s groups were imported.") % {"count": len(created)}
    )
    if list_now and created:
        # Listed at once: the shared matching index is built again in the background
        # (imported groups are not recorded one by one; a few thousand would be re-read by
        # every process at its next ranking).
        matching_tasks.build_index.enqueue()
