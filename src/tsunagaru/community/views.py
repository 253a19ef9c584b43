"""A district's page (施策 エ) and the staff's forms for its figures, centre and contacts.
Thin: selector → permission → service → page."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagaru.community import (
    facility_services,
    forms,
    inventory_selectors,
    overview,
    permissions,
    selectors,
    services,
)
from tsunagaru.community.models import DistrictContact
from tsunagaru.core import tabular
from tsunagaru.core.forms import add_service_errors
from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.core.http import private_download
from tsunagaru.core.models import District
from tsunagaru.core.spreadsheet import safe_cell


def _district(pk: int) -> District:
    district = selectors.district_get(pk)
    if district is None:
        raise Http404
    return district


def district_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The district's page: its centre and staff, its population, groups, needs, events and
    cases."""
    district = _district(pk)
    context = selectors.district_page(district)
    context["can_edit"] = permissions.can_edit_district(request.user)
    context["can_add_hall"] = selectors.hall_owners(request.user, district).exists()
    centre = context["centre"]
    context["can_see_reports"] = centre is not None and (
        facility_services.is_manager_member(request.user, centre)
        or permissions.can_see_overview(request.user)
    )
    return render(request, "community/district_detail.html", context)


@login_required
def figure_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Staff enter the district's figures on one day."""
    district = _district(pk)
    if not permissions.can_edit_district(request.user):
        raise PermissionDenied
    form = forms.FigureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.figure_save(
                district=district, data=data, confirmed=data["confirmed"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The figures are saved."))
            return redirect("community:district", pk=district.pk)
    context = {"district": district, "form": form}
    return render(request, "community/figure_form.html", context)


@login_required
def figure_import(request: AuthenticatedRequest) -> HttpResponse:
    """Staff load the figures of many districts from the city's table: all rows or none."""
    if not permissions.can_edit_district(request.user):
        raise PermissionDenied
    form = forms.FigureFileForm(request.POST or None, request.FILES or None)
    problems: list[services.ImportProblem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = tabular.read_table(
                upload.read(),
                upload.name,
                headers=services.FIGURE_HEADERS,
                required="district",
                no_header=_("The first row must name the columns, including 地区 (district)."),
            )
        except tabular.TableError as error:
            form.add_error("file", str(error))
        else:
            saved, problems = services.figures_import(
                rows=rows, confirmed=form.cleaned_data["confirmed"], by=request.user
            )
            if not problems:
                messages.success(
                    request, _("%(count)s lines of figures are saved.") % {"count": saved}
                )
                return redirect("core:places")
    return render(request, "community/figure_import.html", {"form": form, "problems": problems})


@login_required
def centre_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Staff write the district's 地区センター and its 地区担当職員."""
    district = _district(pk)
    if not permissions.can_edit_district(request.user):
        raise PermissionDenied
    form = forms.CentreForm(request.POST or None, instance=selectors.centre_of(district))
    contact_form = forms.ContactForm()
    if request.method == "POST" and form.is_valid():
        try:
            services.centre_save(district=district, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The district centre is saved."))
            return redirect("community:district", pk=district.pk)
    context = {
        "district": district,
        "form": form,
        "contact_form": contact_form,
        "contacts": selectors.contacts_of(district),
        # Rooms belong to a saved centre: the form for them shows once the centre exists.
        "rooms": list(form.instance.rooms.order_by("pk")) if form.instance.pk else None,
        "room_form": forms.RoomForm(prefix="room"),
    }
    return render(request, "community/centre_form.html", context)


@require_POST
@login_required
def contact_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    district = _district(pk)
    if not permissions.can_edit_district(request.user):
        raise PermissionDenied
    form = forms.ContactForm(request.POST)
    if form.is_valid():
        services.contact_add(district=district, by=request.user, **form.cleaned_data)
        messages.success(request, _("The member of staff is added."))
    else:
        messages.error(request, _("Give the name and the department."))
    return redirect("community:centre", pk=district.pk)


@require_POST
@login_required
def contact_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(DistrictContact.objects.select_related("district"), pk=pk)
    if not permissions.can_edit_district(request.user):
        raise PermissionDenied
    services.contact_remove(contact=contact, by=request.user)
    messages.success(request, _("The member of staff is removed."))
    return redirect("community:centre", pk=contact.district_id)


@login_required
def district_overview(request: AuthenticatedRequest) -> HttpResponse:
    """Every area's counts, and one area's districts (?area=<slug>, the first by default):
    each plan's state, actions done against planned, and the last year of the inventory."""
    if not permissions.can_see_overview(request.user):
        raise PermissionDenied
    areas = overview.overview(detail=request.GET.get("area", ""))
    shown = next((area for area in areas if area.detailed), None)
    context = {
        "areas": areas,
        "shown": shown,
        "year": inventory_selectors.this_year(),
    }
    return render(request, "community/overview.html", context)


@login_required
def district_overview_csv(request: AuthenticatedRequest) -> HttpResponse:
    """The overview as a CSV file (UTF-8 with a BOM, as Excel opens it)."""
    if not permissions.can_see_overview(request.user):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tsunagaru-districts.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Area"),
            _("District"),
            _("District association"),
            _("Community plan"),
            _("First year (年度)"),
            _("Last year (年度)"),
            _("Actions planned so far"),
            _("Actions done"),
            _("Last inventory year"),
        ]
    )
    for area in overview.overview():
        for row in area.rows:
            plan = row.plan
            writer.writerow(
                [
                    safe_cell(area.area.name),
                    safe_cell(row.district.name),
                    safe_cell("、".join(g.name for g in row.associations)),
                    row.status_text,
                    overview.year_text(plan.first_year) if plan else "",
                    overview.year_text(plan.last_year) if plan else "",
                    row.planned,
                    row.done,
                    row.last_inventory_text,
                ]
            )
    return private_download(response)
