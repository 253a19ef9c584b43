"""Pages after the decision: change requests and their answers, progress, the results report
(its text, costs with receipts, photos) and its check, the confirmed amount, claims and
payments; and the staff's list of what waits for the city, overdue reports first. Thin:
selector → permission → service → page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from tsunagaru.core.forms import add_service_errors
from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.core.serving import file_response
from tsunagaru.grants import forms, permissions, selectors, services
from tsunagaru.grants.application_views import detail_context
from tsunagaru.grants.models import ActualCost, Application, ChangeRequest, Payment, ResultPhoto


def _followed(request: HttpRequest, pk: int) -> Application:
    """The application, for its group and the city's staff once decided (404 otherwise)."""
    application = selectors.application_get(pk)
    if application is None or not permissions.can_see_follow_up(request.user, application):
        raise Http404
    return application


def _page(request: HttpRequest, application: Application, **forms_given: BaseForm) -> HttpResponse:
    context = detail_context(request, application)
    context.update(forms_given)
    return render(request, "grants/application_detail.html", context, status=400)


def _done(request: HttpRequest, pk: int, message: str, anchor: str = "follow-up") -> HttpResponse:
    messages.success(request, message)
    return redirect(reverse("grants:application", args=[pk]) + f"#{anchor}")


def _refused(request: HttpRequest, pk: int, error: ValidationError) -> HttpResponse:
    for message in error.messages:
        messages.error(request, message)
    return redirect(reverse("grants:application", args=[pk]) + "#follow-up")


# Change requests and progress ------------------------------------------------------------------


@login_required
@require_POST
def change_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _followed(request, pk)
    if not permissions.can_speak(request.user, application):
        raise PermissionDenied
    form = forms.ChangeRequestForm(request.POST)
    if form.is_valid():
        try:
            services.change_request(
                application=application, data=form.cleaned_data, by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, pk, _("Your change request is sent to the city."))
    return _page(request, application, change_form=form)


@login_required
@require_POST
def change_decide(request: AuthenticatedRequest, pk: int, change: int) -> HttpResponse:
    application = _followed(request, pk)
    if not permissions.can_screen(request.user):
        raise PermissionDenied
    target = get_object_or_404(ChangeRequest, pk=change, application=application)
    form = forms.ChangeAnswerForm(request.POST)
    if form.is_valid():
        approve = request.POST.get("decision") == "approve"
        try:
            services.change_decide(
                change=target, approve=approve, answer=form.cleaned_data["answer"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, pk, _("The answer is recorded and the group is told."))
    return _page(request, application, answer_form=form)


@login_required
@require_POST
def progress_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _followed(request, pk)
    if not permissions.can_write_report(request.user, application):
        raise PermissionDenied
    form = forms.ProgressForm(request.POST)
    if form.is_valid():
        try:
            services.progress_add(
                application=application, text=form.cleaned_data["text"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, pk, _("Saved."))
    return _page(request, application, progress_form=form)


# The results report ----------------------------------------------------------------------------


def report_context(application: Application, **given: BaseForm) -> dict[str, Any]:
    report = selectors.report_of(application)
    return {
        "application": application,
        "report": report,
        "costs": list(report.costs.select_related("category")) if report else [],
        "photos": list(report.photos.all()) if report else [],
        "actuals": selectors.actuals_of(application, report) if report else None,
        "missing": selectors.report_missing(report),
        "report_form": given.get("report_form")
        or forms.ReportForm(
            initial={
                "done": report.done,
                "participants": report.participants,
                "outcome": report.outcome,
                "other_income": report.other_income,
            }
            if report
            else None
        ),
        "cost_form": given.get("cost_form") or forms.CostForm(programme=application.programme),
        "photo_form": given.get("photo_form") or forms.PhotoForm(),
    }


def _writable(request: HttpRequest, pk: int) -> Application:
    application = _followed(request, pk)
    if not permissions.can_write_report(request.user, application):
        raise PermissionDenied
    return application


def _report_page(
    request: HttpRequest, application: Application, *, status: int = 200, **given: BaseForm
) -> HttpResponse:
    context = report_context(application, **given)
    context["can_send"] = permissions.can_speak(request.user, application)
    return render(request, "grants/report_form.html", context, status=status)


@login_required
def report_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The results report on one page: its text (saved with the button), the costs with their
    receipts, the photos, what is still missing and, for the representative, Send."""
    application = _writable(request, pk)
    if request.method != "POST":
        return _report_page(request, application)
    form = forms.ReportForm(request.POST)
    if form.is_valid():
        try:
            services.report_save(application=application, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(reverse("grants:report", args=[pk]) + "#costs")
    return _report_page(request, application, status=400, report_form=form)


@login_required
@require_POST
def cost_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _writable(request, pk)
    form = forms.CostForm(request.POST, request.FILES, programme=application.programme)
    if form.is_valid():
        try:
            cost = services.cost_add(
                application=application,
                category=form.cleaned_data["category"],
                description=form.cleaned_data["description"],
                amount=form.cleaned_data["amount"],
                receipt=form.cleaned_data["receipt"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Received: %(name)s with its receipt %(file)s.")
                % {"name": cost.description, "file": cost.receipt_name},
            )
            return redirect(reverse("grants:report", args=[pk]) + "#costs")
    return _report_page(request, application, status=400, cost_form=form)


@login_required
@require_POST
def cost_remove(request: AuthenticatedRequest, pk: int, cost: int) -> HttpResponse:
    application = _writable(request, pk)
    target = get_object_or_404(ActualCost, pk=cost, report__application=application)
    services.cost_remove(cost=target, by=request.user)
    messages.success(request, _("The cost is removed."))
    return redirect(reverse("grants:report", args=[pk]) + "#costs")


@login_required
@require_POST
def photo_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _writable(request, pk)
    form = forms.PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.photo_add(
                application=application,
                image=form.cleaned_data["image"],
                alt_text=form.cleaned_data["alt_text"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The photo is added."))
            return redirect(reverse("grants:report", args=[pk]) + "#photos")
    return _report_page(request, application, status=400, photo_form=form)


@login_required
@require_POST
def photo_remove(request: AuthenticatedRequest, pk: int, photo: int) -> HttpResponse:
    application = _writable(request, pk)
    target = get_object_or_404(ResultPhoto, pk=photo, report__application=application)
    services.photo_remove(photo=target, by=request.user)
    messages.success(request, _("The photo is removed."))
    return redirect(reverse("grants:report", args=[pk]) + "#photos")


@login_required
@require_POST
def report_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _writable(request, pk)
    if not permissions.can_speak(request.user, application):
        raise PermissionDenied
    try:
        services.report_submit(application=application, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("grants:report", pk=pk)
    return _done(request, pk, _("Your results report is sent to the city."))


@require_safe
def receipt(request: HttpRequest, pk: int, cost: int) -> FileResponse:
    application = _followed(request, pk)
    target = get_object_or_404(ActualCost, pk=cost, report__application=application)
    return file_response(target.receipt, public=False, inline=True, title=target.receipt_name)


@require_safe
def photo(request: HttpRequest, pk: int, photo: int) -> FileResponse:
    """A photo of the results report (the thumbnail with ?size=small)."""
    application = _followed(request, pk)
    target = get_object_or_404(ResultPhoto, pk=photo, report__application=application)
    stored = (
        target.thumbnail
        if request.GET.get("size") == "small" and target.thumbnail
        else target.image
    )
    return file_response(stored, public=False, inline=True)


@login_required
@require_POST
def report_return(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _followed(request, pk)
    if not permissions.can_screen(request.user):
        raise PermissionDenied
    form = forms.ReturnForm(request.POST, prefix="report")
    if form.is_valid():
        try:
            services.report_return(
                application=application, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, pk, _("Returned to the group, with what to correct."))
    return _page(request, application, report_return_form=form)


@login_required
@require_POST
def report_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _followed(request, pk)
    if not permissions.can_screen(request.user):
        raise PermissionDenied
    try:
        application = services.report_confirm(application=application, by=request.user)
    except ValidationError as error:
        return _refused(request, pk, error)
    return _done(
        request,
        pk,
        _("The amount is confirmed: ¥%(amount)s. The group is told.")
        % {"amount": f"{application.confirmed_amount or 0:,}"},
    )


# Payments --------------------------------------------------------------------------------------


@login_required
@require_POST
def payment_claim(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _followed(request, pk)
    if not permissions.can_speak(request.user, application):
        raise PermissionDenied
    try:
        payment = services.payment_claim(application=application, by=request.user)
    except ValidationError as error:
        return _refused(request, pk, error)
    return _done(
        request,
        pk,
        _("Claimed: ¥%(amount)s. The city pays it into the group's account.")
        % {"amount": f"{payment.amount:,}"},
        "payments",
    )


@login_required
@require_POST
def payment_record(request: AuthenticatedRequest, pk: int, payment: int) -> HttpResponse:
    application = _followed(request, pk)
    if not permissions.can_screen(request.user):
        raise PermissionDenied
    target = get_object_or_404(Payment, pk=payment, application=application)
    form = forms.PaidForm(request.POST, prefix=f"paid-{target.pk}")
    if form.is_valid():
        try:
            services.payment_record(
                payment=target, paid_on=form.cleaned_data["paid_on"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, pk, _("The payment is recorded."), "payments")
    return _page(request, application, paid_form=form)


@login_required
@require_POST
def refund_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _followed(request, pk)
    if not permissions.can_screen(request.user):
        raise PermissionDenied
    form = forms.RefundForm(request.POST)
    if form.is_valid():
        try:
            services.refund_record(
                application=application,
                received_on=form.cleaned_data["received_on"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, pk, _("The repayment is recorded."), "payments")
    return _page(request, application, refund_form=form)


@login_required
def follow_up(request: AuthenticatedRequest) -> HttpResponse:
    """Staff: what waits for the city after the decisions — reports to check, change
    requests, claims to pay, repayments — and the results reports that are overdue."""
    if not permissions.can_screen(request.user):
        raise PermissionDenied
    lists = selectors.follow_up()
    context: dict[str, Any] = {name: list(rows[:50]) for name, rows in lists.items()}
    context["counts"] = {name: rows.count() for name, rows in lists.items()}
    context["today"] = selectors.today()
    return render(request, "grants/follow_up.html", context)
