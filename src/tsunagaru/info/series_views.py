"""Pages of a series of events (a course, one of the guideline's named trainings): its
sessions, its materials, and for the organisers the attendance of each person."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagaru.audit.services import audit_record
from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.core.serving import file_response
from tsunagaru.info import forms, permissions, selectors, services
from tsunagaru.info.models import EventSeries, Material


def series_detail(request: HttpRequest, pk: int) -> HttpResponse:
    series = get_object_or_404(EventSeries.objects.select_related("organiser", "program"), pk=pk)
    sessions = list(selectors.series_sessions(series=series, viewer=request.user))
    manage = permissions.can_manage_series(request.user, series)
    if not sessions and not manage:
        raise Http404  # nothing public in it yet
    materials = [
        m for m in series.materials.all() if permissions.can_download_material(request.user, m)
    ]
    attendance = selectors.series_attendance(sessions=sessions) if manage else []
    if manage and attendance:
        audit_record(actor=request.user, action="series.attendance_view", target=series)
    context: dict[str, Any] = {
        "series": series,
        "sessions": sessions,
        "materials": materials,
        "manage": manage,
        "attendance": attendance,
        "material_form": forms.MaterialForm() if manage else None,
        # Sessions are announced by members of a group (staff without one manage materials).
        "can_announce": manage and bool(selectors.groups_for_new_event(request.user)),
    }
    return render(request, "info/series_detail.html", context)


@login_required
def series_new(request: AuthenticatedRequest) -> HttpResponse:
    groups = selectors.groups_for_new_event(request.user)
    if not groups:
        raise PermissionDenied
    form = forms.SeriesForm(request.POST or None, groups=groups)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            series = services.series_save(
                series=None, data=data, organiser=data["organiser"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The series is saved. Add its sessions as events."))
            return redirect(series)
    return render(request, "info/series_form.html", {"form": form})


@require_POST
@login_required
def material_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    series = get_object_or_404(EventSeries, pk=pk)
    if not permissions.can_manage_series(request.user, series):
        raise PermissionDenied
    form = forms.MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.material_add(
                series=series,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
                public=form.cleaned_data["public"],
                by=request.user,
            )
            messages.success(request, _("The material is added."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Give a title and choose a file."))
    return redirect(series)


@require_POST
@login_required
def material_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    material = get_object_or_404(Material.objects.select_related("series"), pk=pk)
    if not permissions.can_manage_series(request.user, material.series):
        raise PermissionDenied
    services.material_remove(material=material, by=request.user)
    messages.success(request, _("The material is removed."))
    return redirect(material.series)


def material_download(request: HttpRequest, pk: int) -> FileResponse:
    material = get_object_or_404(Material.objects.select_related("series"), pk=pk)
    if not permissions.can_download_material(request.user, material):
        raise Http404
    return file_response(material.file, public=material.public, title=material.title)
