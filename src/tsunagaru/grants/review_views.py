"""Screening pages: the staff's list by round and state with the completeness check, return and
decision on an application's page; the reviewers' list and their sealed scoring; the notice of
the decision (交付決定通知書) as a PDF. Thin: selector → permission → service → page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from tsunagaru.accounts.models import Role
from tsunagaru.accounts.permissions import has_role
from tsunagaru.core.dates import fiscal_year
from tsunagaru.core.forms import add_service_errors
from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.core.http import private_download
from tsunagaru.grants import document, forms, permissions, selectors, services
from tsunagaru.grants.application_views import detail_context
from tsunagaru.grants.models import Application, Programme, Score


def _screenable(request: HttpRequest, pk: int) -> Application:
    if not permissions.can_screen(request.user):
        raise PermissionDenied
    application = selectors.application_get(pk)
    if application is None or application.state == Application.State.DRAFT:
        raise Http404
    return application


@login_required
def screening(request: AuthenticatedRequest) -> HttpResponse:
    """Staff: the year's sent applications, by grant, round and state, 50 to a page."""
    if not permissions.can_screen(request.user):
        raise PermissionDenied
    programmes = Programme.objects.filter(fiscal_year=fiscal_year(selectors.today()))
    form = forms.ScreeningFilter(request.GET or None, programmes=programmes)
    data = form.cleaned_data if form.is_valid() else {}
    programme = data.get("programme") or programmes.first()
    rows = (
        selectors.applications_to_screen(
            programme, round_number=data.get("round") or None, state=data.get("state") or ""
        )
        if programme
        else Application.objects.none()
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "programme": programme,
        "page": page,
        "query": query.urlencode(),
    }
    return render(request, "grants/screening.html", context)


@login_required
def reviews(request: AuthenticatedRequest) -> HttpResponse:
    """Reviewers: the applications being screened, and whether they have scored each."""
    if not has_role(request.user, Role.REVIEWER):
        raise PermissionDenied
    rows = list(selectors.to_score(request.user))
    scored = set(
        Score.objects.filter(reviewer=request.user, application__in=rows).values_list(
            "application_id", flat=True
        )
    )
    return render(request, "grants/reviews.html", {"rows": rows, "scored": scored})


@login_required
@require_POST
def application_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _screenable(request, pk)
    try:
        services.application_accept(application=application, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Passed to the review committee."))
    return redirect("grants:application", pk=pk)


@login_required
@require_POST
def application_return(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _screenable(request, pk)
    form = forms.ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.application_return(
                application=application, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Returned to the group, with what to correct."))
            return redirect("grants:application", pk=pk)
    return _detail(request, application, return_form=form, status=400)


@login_required
@require_POST
def application_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _screenable(request, pk)
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.application_decide(
                application=application,
                adopted=data["outcome"] == "adopt",
                amount=data.get("amount"),
                conditions=data.get("conditions", ""),
                refusal=data.get("refusal", ""),
                note=data.get("note", ""),
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision is recorded and the group is told."))
            return redirect("grants:application", pk=pk)
    return _detail(request, application, decision_form=form, status=400)


@login_required
@require_POST
def score(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = selectors.application_get(pk)
    if application is None or not permissions.can_view(request.user, application):
        raise Http404
    if not permissions.can_score(request.user, application):
        raise PermissionDenied
    form = forms.ScoreForm(request.POST, criteria=application.programme.criteria.all())
    if form.is_valid():
        try:
            services.score_submit(
                application=application,
                points=form.points(),
                comment=form.cleaned_data["comment"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Your scores are kept sealed until the whole committee has scored.")
            )
            return redirect("grants:application", pk=pk)
    return _detail(request, application, score_form=form, status=400)


@login_required
@require_POST
def conflict(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = selectors.application_get(pk)
    if application is None or not permissions.can_view(request.user, application):
        raise Http404
    form = forms.ConflictForm(request.POST)
    if form.is_valid():
        try:
            services.conflict_declare(
                application=application, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("You take no part in screening this application."))
            return redirect("grants:reviews")
    return _detail(request, application, conflict_form=form, status=400)


def _detail(
    request: HttpRequest, application: Application, *, status: int = 200, **forms_given: Any
) -> HttpResponse:
    context = detail_context(request, application)
    context.update(forms_given)
    return render(request, "grants/application_detail.html", context, status=status)


@require_safe
def decision_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The notice of the decision (交付決定通知書), for the group and the city."""
    application = selectors.application_get(pk)
    if application is None or not permissions.can_see_decision(request.user, application):
        raise Http404
    response = HttpResponse(document.decision_pdf(application), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="grant-decision-{application.pk}.pdf"'
    return private_download(response)
