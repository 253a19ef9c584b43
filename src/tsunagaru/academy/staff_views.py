"""The academy's staff pages: open a cohort, schedule its sessions, decide on applications,
follow everyone's progress, give feedback, record make-ups and confirm completion."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagaru.academy import forms, permissions, selectors, services
from tsunagaru.academy.models import Cohort
from tsunagaru.academy.views import _application, form_errors
from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.info.models import Event


@login_required
def cohort_staff_list(request: AuthenticatedRequest) -> HttpResponse:
    if not permissions.is_academy_staff(request.user):
        raise PermissionDenied
    cohorts = selectors.cohort_list()
    connected = selectors.graduates_connected()
    context = {
        "cohorts": cohorts,
        "graduates": [
            (year, count, connected.get(year, 0))
            for year, count in selectors.graduates_per_year().items()
        ],
    }
    return render(request, "academy/cohort_staff_list.html", context)


@login_required
def cohort_new(request: AuthenticatedRequest) -> HttpResponse:
    if not permissions.can_create_cohort(request.user):
        raise PermissionDenied
    form = forms.CohortForm(request.POST or None, initial=request.GET.dict() or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cohort = services.cohort_create(
                course=data["course"],
                fiscal_year=data["fiscal_year"],
                organiser=data["organiser"],
                capacity=data["capacity"],
                applications_close_at=form.closes_at,
                note=data["note"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The cohort is open. Schedule its sessions."))
            return redirect("academy:manage", pk=cohort.pk)
    return render(request, "academy/cohort_form.html", {"form": form})


@login_required
def cohort_manage(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cohort = get_object_or_404(selectors.cohort_list(), pk=pk)
    if not permissions.can_manage(request.user, cohort):
        raise PermissionDenied
    services.personal_data_viewed(cohort=cohort, by=request.user)
    context = {
        "cohort": cohort,
        "course": cohort.course,
        "sessions": selectors.cohort_sessions(cohort),
        "applications": selectors.applications_of(cohort),
        "progress": selectors.cohort_progress(cohort),
        "session_form": forms.SessionForm(course=cohort.course),
    }
    return render(request, "academy/cohort_manage.html", context)


@require_POST
@login_required
def session_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cohort = get_object_or_404(Cohort.objects.select_related("course", "series"), pk=pk)
    if not permissions.can_manage(request.user, cohort):
        raise PermissionDenied
    form = forms.SessionForm(request.POST, course=cohort.course)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect("academy:manage", pk=cohort.pk)
    starts_at, ends_at = form.moments()
    try:
        services.session_add(
            cohort=cohort,
            session=form.cleaned_data["session"],
            starts_at=starts_at,
            ends_at=ends_at,
            place_name=form.cleaned_data["place_name"],
            address=form.cleaned_data["address"],
            by=request.user,
        )
        messages.success(request, _("The session is scheduled."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("academy:manage", pk=cohort.pk)


@require_POST
@login_required
def application_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    if not permissions.can_decide(request.user, application):
        raise PermissionDenied
    form = forms.DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(application)
    try:
        services.application_decide(
            application=application,
            accept=form.cleaned_data["decision"] == "accept",
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
        messages.success(request, _("The decision is saved and the applicant told."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(application)


@require_POST
@login_required
def feedback_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    if not permissions.can_give_feedback(request.user, application):
        raise PermissionDenied
    form = forms.FeedbackForm(request.POST)
    if form.is_valid():
        services.feedback_add(
            application=application, text=form.cleaned_data["text"], by=request.user
        )
        messages.success(request, _("The feedback is saved."))
    else:
        messages.error(request, _("Write the feedback."))
    return redirect(application)


@require_POST
@login_required
def makeup_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    if not permissions.can_record_makeup(request.user, application):
        raise PermissionDenied
    sessions = selectors.cohort_sessions(application.cohort)
    form = forms.MakeupForm(request.POST, sessions=sessions)
    if form.is_valid():
        event: Event = form.cleaned_data["event"]
        try:
            services.makeup_record(
                application=application,
                event=event,
                note=form.cleaned_data["note"],
                by=request.user,
            )
            messages.success(request, _("The make-up session is recorded."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Choose the session that was made up."))
    return redirect(application)


@require_POST
@login_required
def completion_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    if not permissions.can_confirm_completion(request.user, application):
        raise PermissionDenied
    try:
        services.completion_confirm(application=application, by=request.user)
        messages.success(request, _("Completion is confirmed and the certificate issued."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(application)
