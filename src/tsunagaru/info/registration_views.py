"""Pages of registration: sign up, cancel, confirm a guest's place, and the organiser's list
of participants with attendance and downloads (personal data: each viewing is logged)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagaru.audit.services import audit_record
from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.core.http import private_download
from tsunagaru.info import forms, permissions, selectors, services, tabular
from tsunagaru.info.models import Event, Registration


def _event(request: HttpRequest, pk: int) -> Event:
    event = selectors.event_get(viewer=request.user, pk=pk)
    if event is None:
        raise Http404
    return event


def register(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a seat (or a place on the waiting list). Guests give a name and e-mail and confirm
    by the link in the mail, where the organiser allows it."""
    event = _event(request, pk)
    user = request.user if request.user.is_authenticated else None
    if user is None and not event.allow_guests:
        return redirect_to_login(event.get_absolute_url())
    # Bound on POST even when empty: a signed-in person's form may have no field at all.
    data = request.POST if request.method == "POST" else None
    form = forms.RegistrationForm(data, event=event, guest=user is None)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                event=event,
                user=user,
                name=form.cleaned_data.get("name", ""),
                email=form.cleaned_data.get("email", ""),
                answers=form.answers(),
                by=user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _registered_message(registration))
            return redirect(event)
    return render(request, "info/register.html", {"event": event, "form": form})


def _registered_message(registration: Registration) -> str:
    if registration.status == Registration.Status.REGISTERED:
        return _("You are registered. A confirmation was sent by e-mail.")
    if registration.status == Registration.Status.WAITLISTED:
        return _(
            "The event is full: you are on the waiting list. We will write to you if a seat "
            "becomes free."
        )
    return _("Almost done: open the link in the e-mail we sent to confirm your registration.")


@require_POST
@login_required
def cancel_mine(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    registration = selectors.registration_of(event=event, user=request.user)
    if registration is None:
        messages.error(request, _("You are not registered for this event."))
        return redirect(event)
    return _cancel(request, registration)


def _cancel(request: HttpRequest, registration: Registration) -> HttpResponse:
    try:
        services.registration_cancel(
            registration=registration,
            by=request.user if request.user.is_authenticated else None,
        )
        messages.success(request, _("Your registration is cancelled."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(registration.event)


def cancel_by_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every mail: a page with one button (mail scanners only GET)."""
    registration = get_object_or_404(Registration.objects.select_related("event"), token=token)
    if request.method == "POST":
        return _cancel(request, registration)
    return render(request, "info/cancel_place.html", {"registration": registration})


def confirm_by_link(request: HttpRequest, token: str) -> HttpResponse:
    """A guest confirms the registration from the link in the mail (a button: POST)."""
    registration = get_object_or_404(Registration.objects.select_related("event"), token=token)
    if request.method == "POST":
        try:
            registration = services.registration_confirm(token=token)
            messages.success(request, _registered_message(registration))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(registration.event)
    return render(request, "info/confirm_place.html", {"registration": registration})


@login_required
def participants(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The organiser's list: who has a seat, who waits, answers; attendance at the door;
    people who phoned or came in are added here."""
    event = _event(request, pk)
    if not permissions.can_see_participants(request.user, event):
        raise PermissionDenied
    people = list(selectors.participants(event=event))
    seated = [p for p in people if p.status == Registration.Status.REGISTERED]
    attendance = forms.AttendanceForm(
        request.POST if request.POST.get("form") == "attendance" else None,
        choices=[(p.pk, p.name) for p in seated],
    )
    counter = forms.RegistrationForm(
        request.POST if request.POST.get("form") == "counter" else None,
        event=event,
        guest=False,
        counter=True,
    )
    if request.method == "POST":
        response = _participants_post(request, event, attendance, counter)
        if response is not None:
            return response
    audit_record(
        actor=request.user, action="registration.list_view", target=event, note=f"{len(people)}"
    )
    context = {
        "event": event,
        "seated": seated,
        "waiting": [p for p in people if p.status == Registration.Status.WAITLISTED],
        "unconfirmed": [p for p in people if p.status == Registration.Status.UNCONFIRMED],
        "questions": list(event.questions or []),
        "attendance": attendance,
        "counter": counter,
        "can_take_attendance": permissions.can_take_attendance(request.user, event),
        "can_register_others": permissions.can_register_others(request.user, event),
    }
    return render(request, "info/participants.html", context)


def _participants_post(
    request: AuthenticatedRequest,
    event: Event,
    attendance: forms.AttendanceForm,
    counter: forms.RegistrationForm,
) -> HttpResponse | None:
    if request.POST.get("form") == "attendance":
        if not permissions.can_take_attendance(request.user, event):
            raise PermissionDenied
        if attendance.is_valid():
            count = services.attendance_record(
                event=event, attended=attendance.cleaned_data["attended"], by=request.user
            )
            messages.success(request, _("Attendance saved: %(count)d present.") % {"count": count})
            return redirect("info:participants", pk=event.pk)
        return None
    if request.POST.get("form") == "counter":
        if not permissions.can_register_others(request.user, event):
            raise PermissionDenied
        if counter.is_valid():
            try:
                registration = services.registration_create(
                    event=event,
                    user=None,
                    name=counter.cleaned_data["name"],
                    email=counter.cleaned_data.get("email", ""),
                    phone=counter.cleaned_data.get("phone", ""),
                    answers=counter.answers(),
                    by=request.user,
                    at_counter=True,
                )
            except ValidationError as error:
                counter.add_error(None, error)
                return None
            messages.success(
                request,
                _("%(name)s: %(status)s.")
                % {"name": registration.name, "status": registration.get_status_display()},
            )
            return redirect("info:participants", pk=event.pk)
    return None


@require_POST
@login_required
def cancel_other(request: AuthenticatedRequest, pk: int, registration_pk: int) -> HttpResponse:
    """The organiser cancels someone's place (they phoned to say they cannot come)."""
    event = _event(request, pk)
    registration = get_object_or_404(event.registrations, pk=registration_pk)
    if not permissions.can_cancel_registration(request.user, registration):
        raise PermissionDenied
    try:
        services.registration_cancel(registration=registration, by=request.user)
        messages.success(request, _("The registration is cancelled."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("info:participants", pk=event.pk)


@login_required
def participants_download(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    """The list as CSV (UTF-8 with BOM, or cp932 for older Excel) or XLSX: organiser only."""
    event = _event(request, pk)
    if not permissions.can_see_participants(request.user, event):
        raise PermissionDenied
    people = list(selectors.participants(event=event))
    rows = tabular.participant_rows(event, people)
    stamp = timezone.localdate().strftime("%Y%m%d")
    if fmt == "xlsx":
        response = HttpResponse(
            tabular.write_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt in ("csv", "csv-cp932"):
        encoding = "cp932" if fmt == "csv-cp932" else "utf-8"
        response = HttpResponse(
            tabular.write_csv(rows, encoding=encoding),
            content_type=f"text/csv; charset={'shift_jis' if encoding == 'cp932' else 'utf-8'}",
        )
        fmt = "csv"
    else:
        raise Http404
    name = f"event-{event.pk}-participants-{stamp}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    audit_record(
        actor=request.user, action="registration.export", target=event, note=f"{len(people)}"
    )
    return private_download(response)
