"""Pages of an application: begin one, write it (saved as one types; the no-JavaScript form
saves with its button), its budget and files, the checklist and submission, the read-only page
with its versions, and the printable 申請書. Thin: selector → permission → service → page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from tsunagaru.community.plan_models import PlanAction
from tsunagaru.core.dates import fiscal_year
from tsunagaru.core.forms import add_service_errors
from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.core.http import private_download
from tsunagaru.core.serving import file_response
from tsunagaru.grants import document, forms, permissions, selectors, services
from tsunagaru.grants.models import (
    Application,
    ApplicationVersion,
    Attachment,
    BudgetLine,
    Course,
    Payment,
)
from tsunagaru.grants.services.payments import claimable
from tsunagaru.partners.models import Organisation
from tsunagaru.proposals.models import Proposal


def _application(request: HttpRequest, pk: int) -> Application:
    """The application, or 404 for anyone who may not see it (a draft is its group's alone)."""
    application = selectors.application_get(pk)
    if application is None or not permissions.can_view(request.user, application):
        raise Http404
    return application


def _editable(request: HttpRequest, pk: int) -> Application:
    application = _application(request, pk)
    if not permissions.can_edit(request.user, application):
        raise PermissionDenied
    return application


@login_required
@require_POST
def application_start(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Begin a draft for one of the user's groups (from the programme's page, or from a
    proposal with ?proposal=)."""
    programme = selectors.programme_get(pk)
    if programme is None:
        raise Http404
    groups = Organisation.objects.filter(memberships__user=request.user)
    form = forms.StartForm(request.POST, programme=programme, organisations=groups)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return redirect("grants:programme", pk=pk)
    proposal = plan_action = None
    if request.POST.get("proposal"):
        proposal = get_object_or_404(Proposal, pk=request.POST["proposal"])
    if request.POST.get("plan_action"):
        plan_action = get_object_or_404(PlanAction, pk=request.POST["plan_action"])
    try:
        application = services.application_create(
            programme=programme,
            organisation=form.cleaned_data["organisation"],
            course=form.cleaned_data.get("course"),
            proposal=proposal,
            plan_action=plan_action,
            by=request.user,
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("grants:programme", pk=pk)
    messages.success(request, _("Your application is begun. What you type is saved as you go."))
    return redirect("grants:edit", pk=application.pk)


def _form(application: Application, data: Any = None) -> forms.ApplicationForm:
    actions = (
        selectors.adopted_actions_for(application.organisation)
        if application.programme.needs_plan_action
        else None
    )
    light = application.course is not None and application.course.form == Course.Form.LIGHT
    return forms.ApplicationForm(data, instance=application, actions=actions, light=light)


def _edit_context(
    application: Application, form: forms.ApplicationForm, **extra: Any
) -> dict[str, Any]:
    totals = selectors.totals_of(application)
    lines = list(application.budget_lines.all())
    return {
        "application": application,
        "programme": application.programme,
        "form": form,
        "totals": totals,
        "rule": selectors.rule_of(application),
        "expenses": [line for line in lines if line.side == BudgetLine.Side.EXPENSE],
        "incomes": [line for line in lines if line.side == BudgetLine.Side.INCOME],
        "expense_form": extra.pop("expense_form", None)
        or forms.ExpenseForm(programme=application.programme),
        "income_form": extra.pop("income_form", None) or forms.IncomeForm(),
        "file_form": extra.pop("file_form", None) or forms.AttachmentForm(),
        "submit_form": extra.pop("submit_form", None) or forms.SubmitForm(),
        "missing": selectors.missing_items(application, totals),
        "versions": list(application.versions.order_by("number")),
        **extra,
    }


@login_required
def application_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The whole application on one page. Without JavaScript the 「保存」 button saves the text;
    with it each field is saved as it is typed (application_autosave)."""
    application = _editable(request, pk)
    form = _form(application, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_save(
                application=application, data=form.service_data(), by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(reverse("grants:edit", args=[pk]) + "#checklist")
    context = _edit_context(
        application, form, can_submit=permissions.can_submit(request.user, application)
    )
    return render(request, "grants/application_form.html", context)


@require_POST
def application_autosave(request: HttpRequest, pk: int) -> JsonResponse:
    """Save the fields sent (one at a time as they are typed). Answers JSON: the time saved,
    each field's error, and the budget's grant. A session that has ended answers 401, so the
    page keeps what was typed and asks to log in again (nothing is lost: static/js/autosave.js
    keeps it on the device until it is saved)."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "login"}, status=401)
    application = selectors.application_get(pk)
    if application is None or not permissions.can_view(request.user, application):
        raise Http404
    if not permissions.can_edit(request.user, application):
        return JsonResponse(
            {"error": "locked", "message": _("This application can no longer be changed.")},
            status=409,
        )
    form = _form(application, request.POST)
    sent = {name for name in request.POST if name in form.fields}
    errors: dict[str, str] = {}
    if not form.is_valid():
        errors = {
            name: " ".join(str(m) for m in e) for name, e in form.errors.items() if name in sent
        }
        sent -= set(errors)
    if sent:
        try:
            application = services.application_save(
                application=application,
                data=form.service_data(sent),
                by=request.user,
            )
        except ValidationError as error:
            detail = (
                error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            )
            errors.update({name: " ".join(m) for name, m in detail.items()})
            sent -= set(detail)
    totals = selectors.totals_of(application)
    return JsonResponse(
        {
            "saved": sorted(sent),
            "errors": errors,
            "time": time_format(timezone.localtime(), "H:i"),
            "grant": f"{totals.grant:,}",
            "shortfall": totals.shortfall,
        }
    )


def _add_line(request: AuthenticatedRequest, pk: int, form_class: type) -> HttpResponse:
    application = _editable(request, pk)
    kwargs = {"programme": application.programme} if form_class is forms.ExpenseForm else {}
    form = form_class(request.POST, **kwargs)
    if form.is_valid():
        try:
            services.budget_line_add(
                application=application, data=form.service_data(), by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(reverse("grants:edit", args=[pk]) + "#budget")
    key = "expense_form" if form_class is forms.ExpenseForm else "income_form"
    context = _edit_context(application, _form(application), **{key: form})
    context["can_submit"] = permissions.can_submit(request.user, application)
    return render(request, "grants/application_form.html", context, status=400)


@login_required
@require_POST
def expense_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _add_line(request, pk, forms.ExpenseForm)


@login_required
@require_POST
def income_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _add_line(request, pk, forms.IncomeForm)


@login_required
@require_POST
def line_remove(request: AuthenticatedRequest, pk: int, line: int) -> HttpResponse:
    application = _editable(request, pk)
    target = get_object_or_404(BudgetLine, pk=line, application=application)
    services.budget_line_remove(line=target, by=request.user)
    return redirect(reverse("grants:edit", args=[pk]) + "#budget")


@login_required
@require_POST
def file_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _editable(request, pk)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = services.attachment_add(
                application=application,
                kind=form.cleaned_data["kind"],
                file=form.cleaned_data["file"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Received: %(name)s (%(size)s).")
                % {"name": attachment.name, "size": _size(attachment.size)},
            )
            return redirect(reverse("grants:edit", args=[pk]) + "#files")
    context = _edit_context(application, _form(application), file_form=form)
    context["can_submit"] = permissions.can_submit(request.user, application)
    return render(request, "grants/application_form.html", context, status=400)


def _size(size: int) -> str:
    from django.template.defaultfilters import filesizeformat

    return str(filesizeformat(size))


@login_required
@require_POST
def file_remove(request: AuthenticatedRequest, pk: int, file: int) -> HttpResponse:
    application = _editable(request, pk)
    target = get_object_or_404(Attachment, pk=file, application=application)
    services.attachment_remove(attachment=target, by=request.user)
    messages.success(request, _("The file is removed."))
    return redirect(reverse("grants:edit", args=[pk]) + "#files")


@require_safe
def file_download(request: HttpRequest, pk: int, file: int) -> FileResponse:
    """A file of the application, for those who see the application (never cached publicly)."""
    application = _application(request, pk)
    target = get_object_or_404(Attachment, pk=file, application=application)
    return file_response(target.file, public=False, inline=True, title=target.name)


@login_required
@require_POST
def application_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _editable(request, pk)
    if not permissions.can_submit(request.user, application):
        raise PermissionDenied
    form = forms.SubmitForm(request.POST)
    if form.is_valid():
        try:
            version = services.application_submit(
                application=application, confirmed=form.cleaned_data["confirm"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Sent to the city (version %(number)s). "
                    "You can print it as the application form."
                )
                % {"number": version.number},
            )
            return redirect("grants:application", pk=pk)
    context = _edit_context(application, _form(application), submit_form=form, can_submit=True)
    return render(request, "grants/application_form.html", context, status=400)


@login_required
@require_POST
def application_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    if not permissions.can_withdraw(request.user, application):
        raise PermissionDenied
    try:
        services.application_withdraw(application=application, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The application is withdrawn."))
    return redirect("grants:application", pk=pk)


def detail_context(request: HttpRequest, application: Application) -> dict[str, Any]:
    """What the application's page shows to this person: its state and versions; to staff the
    check, return and decision forms; to a reviewer the scoring; the committee's result once
    unsealed."""
    versions = list(application.versions.order_by("-number"))
    user = request.user
    screen = permissions.can_screen(user)
    context: dict[str, Any] = {
        "application": application,
        "versions": versions,
        "latest": versions[0] if versions else None,
        "totals": selectors.totals_of(application),
        "can_edit": permissions.can_edit(user, application),
        "can_withdraw": permissions.can_withdraw(user, application),
        "can_screen": screen,
        "can_score": permissions.can_score(user, application),
    }
    if permissions.can_see_review(user, application):
        context["review"] = selectors.review_of(application)
    if screen and application.state == Application.State.SUBMITTED:
        context["return_form"] = forms.ReturnForm()
    if screen and application.state == Application.State.IN_REVIEW:
        context["decision_form"] = forms.DecisionForm(
            initial={"amount": application.requested, "outcome": "adopt"}
        )
    if context["can_score"]:
        context["score_form"] = forms.ScoreForm(criteria=application.programme.criteria.all())
        context["conflict_form"] = forms.ConflictForm()
    if permissions.can_see_follow_up(user, application):
        context.update(_follow_up_context(user, application, screen))
    return context


def _follow_up_context(user: Any, application: Application, screen: bool) -> dict[str, Any]:
    """After the decision: the report's due date and state, change requests, progress,
    payments, and the forms this person may use on them."""
    adopted = application.state == Application.State.ADOPTED
    speaks = permissions.can_speak(user, application)
    report = selectors.report_of(application)
    pending = selectors.pending_change(application)
    payments = list(application.payments.all())
    claim = next((p for p in payments if p.paid_on is None), None)
    context: dict[str, Any] = {
        "follow_up": True,
        "report": report,
        "actuals": selectors.actuals_of(application, report) if report else None,
        "costs": list(report.costs.select_related("category")) if report else [],
        "photos": list(report.photos.all()) if report else [],
        "overdue": adopted
        and application.report_due is not None
        and application.report_due < selectors.today(),
        "changes": list(application.change_requests.all()),
        "progress_notes": list(application.progress_notes.select_related("written_by")),
        "payments": payments,
        "unpaid_claim": claim,
        "can_write_report": permissions.can_write_report(user, application),
        "excess": application.paid_amount - (application.confirmed_amount or 0)
        if application.state == Application.State.CONFIRMED
        else 0,
    }
    if adopted and speaks and pending is None:
        context["change_form"] = forms.ChangeRequestForm()
    if context["can_write_report"]:
        context["progress_form"] = forms.ProgressForm()
    due = claimable(application) if speaks and claim is None else None
    if due is not None:
        kind, amount = due
        context["claim"] = {"kind": Payment.Kind(kind).label, "amount": amount}
    if screen:
        if pending is not None:
            context["pending_change"] = pending
            context["answer_form"] = forms.ChangeAnswerForm()
        if application.state == Application.State.REPORTED:
            context["report_return_form"] = forms.ReturnForm(prefix="report")
        if claim is not None:
            context["paid_form"] = forms.PaidForm(prefix=f"paid-{claim.pk}")
        if context["excess"] > 0:
            context["refund_form"] = forms.RefundForm()
    return context


def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The application's state, what was sent (each version), its files and its screening."""
    application = _application(request, pk)
    return render(request, "grants/application_detail.html", detail_context(request, application))


@require_safe
def version_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """The 申請書 as sent (one version), printable; the group's and the city's only."""
    application = _application(request, pk)
    version = get_object_or_404(ApplicationVersion, application=application, number=number)
    response = HttpResponse(document.pdf(application, version), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{document.filename(application, version)}"'
    )
    return private_download(response)


@login_required
def from_plan_action(request: AuthenticatedRequest, action: int) -> HttpResponse:
    """From an action of the district's adopted community plan: the grants of this 年度 that
    fund plan actions (the 自立チャレンジ), to begin an application carrying the action."""
    target = get_object_or_404(PlanAction.objects.select_related("plan__organisation"), pk=action)
    organisation = target.plan.organisation
    if not permissions.can_apply_for(request.user, organisation):
        raise Http404
    adopted = {a.pk for a in selectors.adopted_actions_for(organisation)}
    already = {
        a.programme_id: a
        for a in selectors.applications_of(organisation).filter(plan_action=target)
    }
    group = Organisation.objects.filter(pk=organisation.pk)
    offers = [
        {
            "programme": programme,
            "application": already.get(programme.pk),
            "form": forms.StartForm(programme=programme, organisations=group)
            if selectors.is_open(programme)
            else None,
            "next_round": selectors.next_round(programme),
        }
        for programme in selectors.programmes_of_year(fiscal_year(selectors.today())).filter(
            needs_plan_action=True
        )
    ]
    context = {
        "action": target,
        "organisation": organisation,
        "adopted": target.pk in adopted,
        "offers": offers,
    }
    return render(request, "grants/from_plan_action.html", context)


@login_required
def my_applications(request: AuthenticatedRequest) -> HttpResponse:
    """The applications of the user's groups."""
    groups = Organisation.objects.filter(memberships__user=request.user)
    applications = (
        Application.objects.filter(organisation__in=groups)
        .select_related("programme", "course", "organisation")
        .order_by("-programme__fiscal_year", "-created_at")
    )
    return render(request, "grants/my_applications.html", {"applications": applications})
