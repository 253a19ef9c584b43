"""Series of events (a six-session course, the guideline's named trainings) and their
materials. The sessions themselves are events (services.events)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record, snapshot
from tsunagaru.core.inputs import require_single_line
from tsunagaru.core.uploads import validate_document
from tsunagaru.info.models import EventSeries, Material
from tsunagaru.partners.models import Organisation

SERIES_FIELDS = ("title", "description", "program")


def series_save(
    *,
    series: EventSeries | None,
    data: Mapping[str, Any],
    organiser: Organisation | None = None,
    by: User,
) -> EventSeries:
    """Create a series for `organiser`, or change one. Audited."""
    creating = series is None
    if series is None:
        if organiser is None:
            raise ValidationError(_("Choose the organiser."), code="no_organiser")
        series = EventSeries(organiser=organiser)
    before = None if creating else snapshot(series, SERIES_FIELDS)
    for name in SERIES_FIELDS:
        if name in data:
            setattr(series, name, data[name])
    require_single_line(series, "title")
    series.full_clean()
    with transaction.atomic():
        series.save()
        audit_record(
            actor=by,
            action="series.create" if creating else "series.update",
            target=series,
            before=before,
            after=snapshot(series, SERIES_FIELDS),
        )
    return series


def material_add(
    *, series: EventSeries, title: str, file: UploadedFile, public: bool, by: User
) -> Material:
    """Attach a handout (PDF, Office without macros, image; checked like every upload)."""
    validate_document(file)
    material = Material(
        series=series,
        title=" ".join((title or "").split()),
        file=file,
        public=public,
        created_by=by,
    )
    require_single_line(material, "title")
    material.full_clean(exclude=["file"])
    with transaction.atomic():
        material.save()
        audit_record(
            actor=by, action="material.add", target=series, after={"material": material.title}
        )
    return material


def material_remove(*, material: Material, by: User) -> None:
    with transaction.atomic():
        series = material.series
        title = material.title
        material.file.delete(save=False)
        material.delete()
        audit_record(actor=by, action="material.remove", target=series, before={"material": title})
