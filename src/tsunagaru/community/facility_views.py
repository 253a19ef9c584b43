"""Pages of district facilities: the 地区センター's rooms and yearly reports, and meeting halls
(自治集会施設) with their repairs. Thin: selector → permission → service → page."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tsunagaru.community import facility_services as services
from tsunagaru.community import forms, permissions, selectors
from tsunagaru.community.facility_models import CentreReport, CentreRoom, HallRepair, MeetingHall
from tsunagaru.community.inventory_selectors import this_year
from tsunagaru.core.forms import DesignedForm, DesignedFormMixin, add_service_errors
from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.core.http import private_download
from tsunagaru.core.models import District
from tsunagaru.core.templatetags.japanese_dates import fiscal_year_choices
from tsunagaru.partners.models import Organisation


def _district(pk: int) -> District:
    district = selectors.district_get(pk)
    if district is None:
        raise Http404
    return district


# The 地区センター's rooms (city staff, on the centre's form).


@require_POST
@login_required
def room_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    district = _district(pk)
    if not permissions.can_edit_district(request.user):
        raise PermissionDenied
    centre = selectors.centre_of(district)
    if centre is None:
        raise Http404
    form = forms.RoomForm(request.POST, prefix="room")
    if form.is_valid():
        services.room_add(centre=centre, data=form.cleaned_data, by=request.user)
        messages.success(request, _("The room is added."))
    else:
        messages.error(request, _("Give the room's name; the number of people is a number."))
    return redirect("community:centre", pk=district.pk)


@require_POST
@login_required
def room_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    room = get_object_or_404(CentreRoom.objects.select_related("centre"), pk=pk)
    if not permissions.can_edit_district(request.user):
        raise PermissionDenied
    services.room_remove(room=room, by=request.user)
    messages.success(request, _("The room is removed."))
    return redirect("community:centre", pk=room.centre.district_id)


# The designated manager's yearly reports.


class ReportForm(DesignedForm):
    year = django_forms.TypedChoiceField(label=gettext_lazy("Year (年度)"), coerce=int)
    summary = django_forms.CharField(
        label=gettext_lazy("Summary"), widget=django_forms.Textarea(attrs={"rows": 5})
    )
    users = django_forms.IntegerField(
        label=gettext_lazy("People who used the centre"), min_value=0, required=False
    )
    file = django_forms.FileField(
        label=gettext_lazy("Report file (PDF, Word or Excel)"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        now = this_year()
        self.fields["year"].choices = fiscal_year_choices(now - 4, now)  # type: ignore[attr-defined]


@login_required
def centre_reports(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The centre's yearly reports: the manager's members write them, the city reads them."""
    district = _district(pk)
    centre = selectors.centre_of(district)
    if centre is None:
        raise Http404
    can_write = services.is_manager_member(request.user, centre)
    if not (can_write or permissions.can_see_overview(request.user)):
        raise PermissionDenied
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.report_save(
                    centre=centre, year=data["year"], data=data, file=data["file"], by=request.user
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The report is saved."))
                return redirect("community:centre_reports", pk=district.pk)
    context = {
        "district": district,
        "centre": centre,
        "reports": centre.reports.order_by("-year"),
        "form": form,
        "can_write": can_write,
    }
    return render(request, "community/centre_reports.html", context)


@login_required
def report_file(request: AuthenticatedRequest, pk: int) -> FileResponse:
    report = get_object_or_404(CentreReport.objects.select_related("centre__manager"), pk=pk)
    allowed = services.is_manager_member(request.user, report.centre)
    if not (allowed or permissions.can_see_overview(request.user)) or not report.file:
        raise Http404
    suffix = report.file.name.rsplit(".", 1)[-1]
    name = f"centre-report-{report.year}.{suffix}"
    return private_download(FileResponse(report.file.open("rb"), as_attachment=True, filename=name))


# Meeting halls (自治集会施設).


class HallForm(DesignedFormMixin, django_forms.ModelForm):  # type: ignore[type-arg]
    owner = django_forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=gettext_lazy("Owner group")
    )

    class Meta:
        model = MeetingHall
        fields = ["name", "owner", "address", "built_year", "condition", "notes"]

    def __init__(self, *args: Any, owners: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


@login_required
def hall_edit(request: AuthenticatedRequest, pk: int, hall: int | None = None) -> HttpResponse:
    """Record a meeting hall of the district, or change it."""
    district = _district(pk)
    found = get_object_or_404(MeetingHall, pk=hall, district=district) if hall else None
    owners = selectors.hall_owners(request.user, district)
    if found is not None and not services.can_keep_hall(request.user, found.owner):
        raise PermissionDenied
    if not owners.exists():
        raise PermissionDenied
    form = HallForm(request.POST or None, instance=found, owners=owners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.hall_save(
                district=district, owner=data["owner"], data=data, hall=found, by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting hall is saved."))
            return redirect("community:hall", pk=saved.pk)
    context = {"district": district, "form": form, "hall": found}
    return render(request, "community/hall_form.html", context)


class RepairForm(DesignedFormMixin, django_forms.ModelForm):  # type: ignore[type-arg]
    planned_year = django_forms.TypedChoiceField(
        label=gettext_lazy("Year planned (年度)"), coerce=int
    )

    class Meta:
        model = HallRepair
        fields = ["work", "planned_year", "estimated_cost", "funding"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        now = this_year()
        choices = list(reversed(fiscal_year_choices(now - 1, now + services.REPAIR_YEARS_AHEAD)))
        self.fields["planned_year"].choices = choices  # type: ignore[attr-defined]
        self.fields["planned_year"].initial = now
        self.fields["estimated_cost"].widget.attrs.update({"min": 0, "inputmode": "numeric"})


def hall_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A meeting hall, its condition and its planned repairs: public."""
    hall = get_object_or_404(MeetingHall.objects.select_related("owner", "district"), pk=pk)
    can_keep = services.can_keep_hall(request.user, hall.owner)
    form = RepairForm(request.POST or None)
    if request.method == "POST":
        if not can_keep:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.repair_add(hall=hall, data=form.cleaned_data, by=request.user)  # type: ignore[arg-type]
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The repair is planned."))
                return redirect("community:hall", pk=hall.pk)
    context = {
        "hall": hall,
        "repairs": hall.repairs.order_by("planned_year", "pk"),
        "form": form,
        "can_keep": can_keep,
        "statuses": HallRepair.Status.choices,
    }
    return render(request, "community/hall_detail.html", context)


@require_POST
@login_required
def repair_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    repair = get_object_or_404(HallRepair.objects.select_related("hall__owner"), pk=pk)
    if not services.can_keep_hall(request.user, repair.hall.owner):
        raise PermissionDenied
    try:
        services.repair_set_status(
            repair=repair, status=request.POST.get("status", ""), by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The repair's status is saved."))
    return redirect("community:hall", pk=repair.hall_id)
