"""Pages of the academy for everyone and for participants: courses, cohorts, applying, one's
own record, the certificate and its public verification page. Staff pages: staff_views.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagaru.academy import certificate as certificate_pdf
from tsunagaru.academy import forms, permissions, selectors, services
from tsunagaru.academy.models import Application, Certificate, Cohort
from tsunagaru.audit.services import audit_record
from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.core.inputs import whole_number
from tsunagaru.core.serving import file_response
from tsunagaru.partners import permissions as partner_permissions

GRADUATES_PAGE = 25


def form_errors(form: BaseForm) -> str:
    """A form's errors as one message (for post/redirect/get pages)."""
    return " ".join(str(message) for errors in form.errors.values() for message in errors)


def course_list(request: HttpRequest) -> HttpResponse:
    courses = list(selectors.course_list())
    cohorts = list(selectors.cohort_list())
    context = {
        "courses": courses,
        "cohorts": cohorts,
        "can_create": permissions.can_create_cohort(request.user),
    }
    return render(request, "academy/course_list.html", context)


def course_detail(request: HttpRequest, code: str) -> HttpResponse:
    course = get_object_or_404(selectors.course_list(), code=code)
    context = {
        "course": course,
        "cohorts": selectors.cohort_list(course=course),
        "can_create": permissions.can_create_cohort(request.user),
    }
    return render(request, "academy/course_detail.html", context)


def cohort_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = get_object_or_404(selectors.cohort_list(), pk=pk)
    mine = (
        cohort.applications.filter(user=request.user, status__in=Application.LIVE).first()
        if request.user.is_authenticated
        else None
    )
    context = {
        "cohort": cohort,
        "course": cohort.course,
        "sessions": selectors.cohort_sessions(cohort),
        "mine": mine,
        "can_apply": mine is None and permissions.can_apply(request.user, cohort),
        "form": forms.ApplicationForm(),
        "manage": permissions.can_manage(request.user, cohort),
    }
    return render(request, "academy/cohort_detail.html", context)


@require_POST
@login_required
def cohort_apply(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cohort = get_object_or_404(Cohort.objects.select_related("course"), pk=pk)
    form = forms.ApplicationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write in a few words why you want to take part."))
        return redirect(cohort)
    try:
        application = services.application_apply(
            cohort=cohort, user=request.user, motivation=form.cleaned_data["motivation"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(cohort)
    if application.status == Application.Status.WAITLISTED:
        messages.success(request, _("The cohort is full: you are on the waiting list."))
    else:
        messages.success(request, _("Your application is sent. The academy's staff will reply."))
    return redirect(application)


@login_required
def my_applications(request: AuthenticatedRequest) -> HttpResponse:
    applications = selectors.my_applications(request.user)
    return render(request, "academy/my_applications.html", {"applications": applications})


def _application(request: HttpRequest, pk: int) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("cohort__course", "cohort__series", "user"), pk=pk
    )
    if not permissions.can_view_application(request.user, application):
        raise PermissionDenied
    return application


@login_required
def application_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    user = request.user
    progress = selectors.application_progress(application)
    sessions = selectors.cohort_sessions(application.cohort)
    certificate = Certificate.objects.filter(application=application).first()
    staff_view = user.pk != application.user_id
    if staff_view:
        services.personal_data_viewed(application=application, by=user)
    context = {
        "application": application,
        "cohort": application.cohort,
        "course": application.cohort.course,
        "progress": progress,
        "rows": list(zip(sessions, progress.marks, strict=True)) if progress else [],
        "assignment": getattr(application, "assignment", None) if progress else None,
        "feedback": application.feedback.all(),
        "certificate": certificate,
        "staff_view": staff_view,
        "can_withdraw": permissions.can_withdraw(user, application),
        "can_submit_assignment": permissions.can_submit_assignment(user, application),
        "can_give_feedback": permissions.can_give_feedback(user, application),
        "can_record_makeup": permissions.can_record_makeup(user, application),
        "can_confirm": permissions.can_confirm_completion(user, application),
        "can_decide": permissions.can_decide(user, application),
        "can_set_consent": certificate is not None
        and permissions.can_set_consent(user, certificate),
        "assignment_form": forms.AssignmentForm(),
        "feedback_form": forms.FeedbackForm(),
        "makeup_form": forms.MakeupForm(sessions=sessions),
        "decision_form": forms.DecisionForm(),
        "consent_form": forms.ConsentForm(
            initial={
                "show_name": certificate.show_name if certificate else False,
                "on_profile": certificate.on_profile if certificate else False,
            }
        ),
    }
    return render(request, "academy/application_detail.html", context)


@require_POST
@login_required
def application_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    if not permissions.can_withdraw(request.user, application):
        raise PermissionDenied
    services.application_withdraw(application=application, by=request.user)
    messages.success(request, _("Your application is withdrawn."))
    return redirect("academy:mine")


@require_POST
@login_required
def assignment_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    if not permissions.can_submit_assignment(request.user, application):
        raise PermissionDenied
    form = forms.AssignmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.assignment_submit(
                application=application,
                text=form.cleaned_data["text"],
                file=form.cleaned_data["file"],
                by=request.user,
            )
            messages.success(request, _("Your assignment is handed in."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, form_errors(form))
    return redirect(application)


@login_required
def assignment_download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    application = _application(request, pk)
    assignment = getattr(application, "assignment", None)
    if assignment is None or not assignment.file:
        raise Http404
    return file_response(assignment.file, public=False, title=_("Assignment"))


@login_required
def certificate_download(request: AuthenticatedRequest, code: str) -> HttpResponse:
    certificate = selectors.certificate_get(code)
    if certificate is None:
        raise Http404
    if not permissions.can_download_certificate(request.user, certificate):
        raise PermissionDenied
    services.certificate_downloaded(certificate=certificate, by=request.user)
    response = HttpResponse(certificate_pdf.pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{certificate_pdf.filename(certificate)}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def certificate_consent(request: AuthenticatedRequest, code: str) -> HttpResponse:
    certificate = selectors.certificate_get(code)
    if certificate is None:
        raise Http404
    if not permissions.can_set_consent(request.user, certificate):
        raise PermissionDenied
    form = forms.ConsentForm(request.POST)
    form.is_valid()  # a checkbox: absent means no
    show = bool(form.cleaned_data.get("show_name"))
    on_profile = bool(form.cleaned_data.get("on_profile"))
    services.certificate_consent(
        certificate=certificate, show_name=show, on_profile=on_profile, by=request.user
    )
    if show:
        messages.success(request, _("Your name is shown on the verification page."))
    else:
        messages.success(request, _("Your name is not shown on the verification page."))
    return redirect(certificate.application)


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Anyone checks a certificate's code: the course, the date and, only if the graduate
    allows it, the name. An unknown code answers 404 with a page that says so."""
    certificate = selectors.certificate_get(code)
    if certificate is None:
        return render(request, "academy/verify_unknown.html", {"code": code[:40]}, status=404)
    context = {
        "certificate": certificate,
        "cohort": certificate.application.cohort,
        "course": certificate.application.cohort.course,
    }
    return render(request, "academy/verify.html", context)


@login_required
def graduates(request: AuthenticatedRequest) -> HttpResponse:
    """Graduates who offer to help and chose to show their course, for groups and districts
    (a 振興会 sees its own area first). Each viewing is logged, as for the volunteers list."""
    if not partner_permissions.can_view_volunteers(request.user):
        raise PermissionDenied
    data = request.GET if "area" in request.GET else None
    home = selectors.home_area(request.user)
    form = forms.GraduateFilterForm(data, initial={"area": home.pk if home else None})
    area = (form.cleaned_data["area"] if form.is_valid() else None) if data else home
    # A page at a time: each graduate shown costs rows of five tables and a card.
    page = Paginator(selectors.graduate_profiles(area=area), GRADUATES_PAGE).get_page(
        whole_number(request.GET.get("page"), default=1)
    )
    found = selectors.graduates_of(list(page.object_list))
    audit_record(
        actor=request.user,
        action="academy.graduates_view",
        note=f"{len(found)} shown" + (f", area {area.pk}" if area else ""),
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "graduates": found,
        "area": area,
        "page": page,
        "query": query.urlencode(),
    }
    return render(request, "academy/graduates.html", context)
