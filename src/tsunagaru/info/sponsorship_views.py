"""Pages of 後援名義 requests: a group's list, the form, a request with its actions, the results
report, the decision letter (PDF) and the city's queue. Thin: selector → permission → service.

A request another group made is not found (404), not forbidden: its existence is private.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagaru.audit.services import audit_record
from tsunagaru.core.forms import add_service_errors
from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.core.http import private_download
from tsunagaru.info import services, sponsorship_letter
from tsunagaru.info import sponsorship_forms as forms
from tsunagaru.info import sponsorship_permissions as permissions
from tsunagaru.info import sponsorship_selectors as selectors
from tsunagaru.info.sponsorship_models import SponsorshipRequest
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.selectors import listed_groups_of


def _get(request: AuthenticatedRequest, pk: int) -> SponsorshipRequest:
    found = selectors.sponsorship_get(viewer=request.user, pk=pk)
    if found is None:
        raise Http404
    return found


def _groups(request: AuthenticatedRequest) -> list[Organisation]:
    """The groups the user may apply for (speaks for, listed, not a city department)."""
    return [g for g in listed_groups_of(request.user) if permissions.can_apply_for(request.user, g)]


@login_required
def sponsorship_mine(request: AuthenticatedRequest) -> HttpResponse:
    """My groups' requests, and the way to a new one."""
    context = {
        "requests": selectors.sponsorship_list_mine(user=request.user)[:200],
        "can_apply": bool(_groups(request)),
    }
    return render(request, "info/sponsorship_mine.html", context)


@login_required
def sponsorship_queue(request: AuthenticatedRequest) -> HttpResponse:
    """City staff: requests waiting for a decision and results reports overdue, for the
    staff member's departments first (a GET filter shows one department or all)."""
    if not permissions.is_reviewer(request.user):
        raise PermissionDenied
    departments = selectors.city_departments()
    default = selectors.default_choice(request.user, departments)
    form = forms.QueueFilterForm(
        request.GET if "department" in request.GET else None,
        initial={"department": default},
        departments=departments,
        offer_mine=default == selectors.MINE,
    )
    choice = form.cleaned_data["department"] if form.is_valid() else ""
    scope = selectors.queue_scope(
        viewer=request.user, choice=choice or default, departments=departments
    )
    context = {
        **selectors.sponsorship_queue(scope=scope),
        "form": form,
        "counts": selectors.sponsorship_counts(departments=departments),
        # A section named in the settings but not on the site: say who decides meanwhile.
        "missing_desk": settings.SPONSORSHIP_CITY_DESK.strip()
        if permissions.city_desk() is None
        else "",
        "report_days": settings.SPONSORSHIP_REPORT_DAYS,
    }
    return render(request, "info/sponsorship_queue.html", context)


@login_required
def sponsorship_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    """Write a new request (a draft of one of the groups the user speaks for) or change a draft."""
    found = None
    groups: list[Organisation] = []
    if pk is not None:
        found = _get(request, pk)
        if not permissions.can_edit(request.user, found):
            raise PermissionDenied
    else:
        groups = _groups(request)
        if not groups:
            raise PermissionDenied
    form = forms.SponsorshipForm(request.POST or None, instance=found, groups=groups)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.sponsorship_save(
                request=found,
                applicant=form.cleaned_data.get("applicant"),
                data=form.content(),
                answers=form.answers(),
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved as a draft. Send it to the city from its page."))
            return redirect(saved)
    return render(request, "info/sponsorship_form.html", {"form": form, "sponsorship": found})


@login_required
def sponsorship_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = _get(request, pk)
    user = request.user
    sponsor = selectors.sponsor_name(found)
    context = {
        "sponsorship": found,
        "answers": list(found.answers.select_related("ground")),
        "sponsor": sponsor,
        "report_due": selectors.report_due_on(found),
        "can_edit": permissions.can_edit(user, found),
        "can_submit": permissions.can_submit(user, found),
        "can_withdraw": permissions.can_withdraw(user, found),
        "is_reviewer": permissions.is_reviewer(user),
        "can_decide": permissions.can_decide(user, found),
        "not_deciding": _why_not_deciding(user, found),
        "can_report": permissions.can_report(user, found),
        "can_download": permissions.can_download_letter(user, found),
        "approve_form": forms.ApproveForm(
            initial={
                "sponsor": sponsor,
                "conditions": _("Show 「%(sponsor)s後援」 on the event's leaflets and posters.")
                % {"sponsor": sponsor},
            }
        ),
        "refuse_form": forms.RefuseForm(),
        "withdraw_form": forms.WithdrawForm(),
    }
    return render(request, "info/sponsorship_detail.html", context)


def _why_not_deciding(user: Any, found: SponsorshipRequest) -> str:
    """For staff who read a request waiting for a decision they may not take: why ("" else)."""
    if found.status != SponsorshipRequest.Status.SUBMITTED or not permissions.is_reviewer(user):
        return ""
    if permissions.can_decide(user, found):
        return ""
    if permissions.belongs_to_applicant(user, found):
        return _("You belong to the applying group: another member of staff decides on it.")
    department = permissions.handling_department(found)
    return _(
        "This request is for %(department)s: its staff or an administrator decide on it. "
        "You can read it."
    ) % {"department": department.name if department is not None else ""}


Action = Callable[[AuthenticatedRequest, SponsorshipRequest], str]


def _submit(request: AuthenticatedRequest, found: SponsorshipRequest) -> str:
    services.sponsorship_submit(request=found, by=request.user)
    return _("Sent to the city. You will be told of the decision by e-mail.")


def _withdraw(request: AuthenticatedRequest, found: SponsorshipRequest) -> str:
    reason = str(request.POST.get("reason", ""))
    services.sponsorship_withdraw(request=found, reason=reason, by=request.user)
    return _("The request is withdrawn.")


def _approve(request: AuthenticatedRequest, found: SponsorshipRequest) -> str:
    services.sponsorship_approve(
        request=found,
        conditions=str(request.POST.get("conditions", "")),
        sponsor=str(request.POST.get("sponsor", "")),
        by=request.user,
    )
    return _("Approved. The group was told, and the letter is ready.")


def _refuse(request: AuthenticatedRequest, found: SponsorshipRequest) -> str:
    reason = str(request.POST.get("reason", ""))
    services.sponsorship_refuse(request=found, reason=reason, by=request.user)
    return _("Not approved. The group was told, and the letter is ready.")


ACTIONS: dict[str, tuple[Callable[[Any, SponsorshipRequest], bool], Action]] = {
    "submit": (permissions.can_submit, _submit),
    "withdraw": (permissions.can_withdraw, _withdraw),
    "approve": (permissions.can_decide, _approve),
    "refuse": (permissions.can_decide, _refuse),
}


DECISIONS = ("approve", "refuse")


@require_POST
@login_required
def sponsorship_action(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    """Submit, withdraw, approve or refuse; the rules are in the services."""
    found = _get(request, pk)
    if action not in ACTIONS:
        raise Http404
    allowed, do = ACTIONS[action]
    if not allowed(request.user, found):
        refusal = _why_not_deciding(request.user, found) if action in DECISIONS else ""
        if not refusal:
            raise PermissionDenied
        # Staff of another department read the request (city business): tell them, change nothing.
        messages.error(request, f"{_('Nothing was changed.')} {refusal}")
        return redirect(found)
    try:
        messages.success(request, do(request, found))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(found)


@login_required
def sponsorship_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The results report after the event: participants, income, expenses, a few lines."""
    found = _get(request, pk)
    if not permissions.can_report(request.user, found):
        raise PermissionDenied
    form = forms.ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.sponsorship_report(
                request=found,
                participants=data["participants"],
                income=data["income"],
                expenses=data["expenses"],
                text=data["text"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: the results report is filed."))
            return redirect(found)
    return render(request, "info/sponsorship_report.html", {"form": form, "sponsorship": found})


@login_required
def sponsorship_letter_download(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The decision letter as a PDF: the group's members and city staff only."""
    found = _get(request, pk)
    if not permissions.can_download_letter(request.user, found):
        raise PermissionDenied
    response = HttpResponse(sponsorship_letter.pdf(found), content_type="application/pdf")
    name = sponsorship_letter.filename(found)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    audit_record(
        actor=request.user,
        action="sponsorshiprequest.letter",
        target=found,
        note=found.letter_reference,
    )
    return private_download(response)
