"""Pages of the proposal table. Thin: selector → permission → service → page.

Every form posts to its own page and redirects with a message (works without JavaScript); a
refused step shows the service's reason on the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagaru.core.dates import fiscal_year
from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.core.inputs import whole_number
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.selectors import listed_groups_of
from tsunagaru.proposals import forms, permissions, selectors, services
from tsunagaru.proposals.models import NEXT_STEPS, AgreementVersion, Meeting, Party, Proposal

PAGE_SIZE = 20


def project_list(request: HttpRequest) -> HttpResponse:
    """The public list of agreed, running and evaluated projects."""
    page = Paginator(selectors.public_projects(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "proposals/project_list.html", {"page": page})


def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _visible(request, pk)
    user = request.user
    table = permissions.can_view_table(user, proposal)
    own = permissions.party_of(user, proposal)
    context: dict[str, Any] = {
        "proposal": proposal,
        "table": table,
        "own_party": own,
        "parties": list(proposal.parties.all()),
        "next_step": NEXT_STEPS.get(proposal.status),
        "progress": selectors.goal_progress(proposal),
        "in_force": getattr(getattr(proposal, "agreement", None), "approved", None),
        "evaluations_open": services.evaluations_open(proposal),
        "can": {
            "edit": permissions.can_edit(user, proposal),
            "submit": permissions.can_submit(user, proposal),
            "screen": permissions.can_screen(user, proposal),
            "close": permissions.can_close(user, proposal),
            "finish": permissions.can_finish(user, proposal),
            "make_case": permissions.can_make_case(user, proposal),
            "invite": permissions.can_invite(user, proposal),
            "answer": own is not None and permissions.can_answer(user, own),
            "evaluate": own is not None and permissions.can_evaluate(user, own),
        },
        "answer_form": forms.AnswerForm(),
        "close_form": forms.CloseForm(),
        "invite_form": forms.InviteForm(),
    }
    context["evaluations"] = selectors.evaluations_visible(user=user, proposal=proposal)
    return render(request, "proposals/proposal_detail.html", context)


@login_required
def proposal_new(request: AuthenticatedRequest) -> HttpResponse:
    """Step 1 of the wizard: choose the proposing group, name the problem; saved as a draft."""
    groups = listed_groups_of(request.user)
    if not groups:
        raise PermissionDenied
    choice = forms.GroupChoiceForm(request.POST or None, groups=groups)
    form = forms.ProposalStepForm(request.POST or None, step="problem")
    if request.method == "POST" and choice.is_valid() and form.is_valid():
        proposal = _save(request, form, None, choice.cleaned_data["proposer"])
        if proposal is not None:
            return redirect("proposals:step", pk=proposal.pk, step="idea")
    context = {"form": form, "choice": choice, "step": "problem", "steps": forms.stepper("problem")}
    return render(request, "proposals/proposal_step.html", context)


@login_required
def proposal_step(request: AuthenticatedRequest, pk: int, step: str) -> HttpResponse:
    """A step of the wizard; each saves before moving on. The last shows the whole proposal
    and sends it."""
    proposal = get_object_or_404(Proposal, pk=pk)
    if step not in forms.STEPS and step != "send":
        raise Http404
    if not permissions.can_edit(request.user, proposal):
        raise PermissionDenied
    if step == "send":
        return _send_step(request, proposal)
    form = forms.ProposalStepForm(request.POST or None, instance=proposal, step=step)
    if request.method == "POST" and form.is_valid() and _save(request, form, proposal):
        order = [*forms.STEPS, "send"]
        following = order[order.index(step) + 1]
        if "back" in request.POST:
            following = order[max(order.index(step) - 1, 0)]
        return redirect("proposals:step", pk=proposal.pk, step=following)
    context = {"form": form, "proposal": proposal, "step": step, "steps": forms.stepper(step)}
    return render(request, "proposals/proposal_step.html", context)


@login_required
@require_POST
def proposal_action(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    """Submit, return, close, invite, answer, finish, make a case: one service each."""
    proposal = _visible(request, pk)
    handler = _ACTIONS.get(action)
    if handler is None:
        raise Http404
    try:
        response = handler(request, proposal)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        response = None
    return response or redirect(proposal)


def _submit(request: AuthenticatedRequest, proposal: Proposal) -> None:
    services.proposal_submit(proposal=proposal, by=request.user)
    messages.success(request, _("The proposal was sent to the table."))


def _return(request: AuthenticatedRequest, proposal: Proposal) -> None:
    reason = request.POST.get("reason", "")
    services.proposal_return(proposal=proposal, reason=reason, by=request.user)
    messages.success(request, _("The proposal was returned with your reasons."))


def _close(request: AuthenticatedRequest, proposal: Proposal) -> None:
    services.proposal_close(
        proposal=proposal,
        category=request.POST.get("category", ""),
        note=request.POST.get("note", ""),
        by=request.user,
    )
    messages.success(request, _("The proposal was closed."))


def _invite(request: AuthenticatedRequest, proposal: Proposal) -> None:
    invite = forms.InviteForm(request.POST)
    if not invite.is_valid():
        raise ValidationError(_("Choose a group or department."), code="group_required")
    organisation = invite.cleaned_data["organisation"]
    services.party_invite(proposal=proposal, organisation=organisation, by=request.user)
    messages.success(request, _("The invitation was sent."))


def _answer(request: AuthenticatedRequest, proposal: Proposal) -> None:
    party = permissions.party_of(request.user, proposal)
    answer = forms.AnswerForm(request.POST)
    if party is None or not answer.is_valid():
        raise ValidationError(_("Choose your answer."), code="answer_required")
    services.party_answer(
        party=party,
        accept=answer.cleaned_data["accept"],
        reason=answer.cleaned_data["reason"],
        by=request.user,
    )
    messages.success(request, _("Thank you: your answer was recorded."))


def _finish(request: AuthenticatedRequest, proposal: Proposal) -> None:
    services.proposal_finish(proposal=proposal, by=request.user)
    messages.success(request, _("The project has ended: each party now evaluates it."))


def _make_case(request: AuthenticatedRequest, proposal: Proposal) -> HttpResponse:
    case = services.proposal_make_case(proposal=proposal, by=request.user)
    messages.success(request, _("A draft case was written from the project."))
    return redirect(case)


_ACTIONS: dict[str, Callable[[AuthenticatedRequest, Proposal], HttpResponse | None]] = {
    "submit": _submit,
    "return": _return,
    "close": _close,
    "invite": _invite,
    "answer": _answer,
    "finish": _finish,
    "make-case": _make_case,
}


@login_required
def proposal_screen(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The secretariat opens the table: responsible departments and partners to invite."""
    proposal = _visible(request, pk)
    if not permissions.can_screen(request.user, proposal):
        raise PermissionDenied
    form = forms.AcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_accept(
                proposal=proposal,
                departments=list(form.cleaned_data["departments"]),
                partners=list(form.cleaned_data["partners"]),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The table is open; the parties were invited."))
            return redirect(proposal)
    context = {"proposal": proposal, "form": form, "reason_form": forms.ReasonForm()}
    return render(request, "proposals/proposal_screen.html", context)


@login_required
def meetings(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The table's meetings: minutes, who was there, replies; record one."""
    proposal = _table(request, pk)
    user = request.user
    form = forms.MeetingForm(request.POST or None, proposal=proposal)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "present"}
        try:
            services.meeting_record(
                proposal=proposal, data=data, present=form.cleaned_data["present"], by=user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting was recorded."))
            return redirect("proposals:meetings", pk=proposal.pk)
    own = permissions.at_table(user, proposal)
    context = {
        "proposal": proposal,
        "meetings": proposal.meetings.prefetch_related(
            "present__organisation", "replies__party__organisation"
        ),
        "form": form if permissions.can_take_part(user, proposal) else None,
        "own_party": own,
        "reply_form": forms.ReplyForm(),
    }
    return render(request, "proposals/meetings.html", context)


@login_required
@require_POST
def meeting_reply(request: AuthenticatedRequest, pk: int, meeting_pk: int) -> HttpResponse:
    proposal = _table(request, pk)
    meeting = get_object_or_404(Meeting, pk=meeting_pk, proposal=proposal)
    party = permissions.at_table(request.user, proposal)
    if party is None:
        raise PermissionDenied
    try:
        services.meeting_reply(
            meeting=meeting, party=party, text=request.POST.get("text", ""), by=request.user
        )
        messages.success(request, _("Your reply was recorded."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("proposals:meetings", pk=proposal.pk)


@login_required
def thread(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Messages among the parties, and the documents they share."""
    proposal = _table(request, pk)
    user = request.user
    message_form = forms.MessageForm(request.POST if "body" in request.POST else None)
    document_form = forms.DocumentForm(
        request.POST if "title" in request.POST else None, request.FILES or None
    )
    try:
        if request.method == "POST" and message_form.is_bound and message_form.is_valid():
            services.message_post(
                proposal=proposal, body=message_form.cleaned_data["body"], by=user
            )
            return redirect("proposals:thread", pk=proposal.pk)
        if request.method == "POST" and document_form.is_bound and document_form.is_valid():
            services.document_add(
                proposal=proposal,
                file=document_form.cleaned_data["file"],
                title=document_form.cleaned_data["title"],
                by=user,
            )
            messages.success(request, _("The file was added."))
            return redirect("proposals:thread", pk=proposal.pk)
    except ValidationError as error:
        target = message_form if message_form.is_bound else document_form
        target.add_error(None, error)
    context = {
        "proposal": proposal,
        "thread": proposal.messages.select_related("author", "party__organisation"),
        "documents": proposal.documents.all(),
        "can_post": permissions.can_post(user, proposal),
        "message_form": message_form,
        "document_form": document_form,
    }
    return render(request, "proposals/thread.html", context)


@login_required
def agreement(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The agreement being discussed: its checks, who approved it; the version in force."""
    proposal = _table(request, pk)
    if not hasattr(proposal, "agreement"):
        raise Http404
    user = request.user
    current = _current_version(proposal)
    own = permissions.at_table(user, proposal)
    approved_by = {a.party_id for a in current.approvals.all()}
    context = {
        "proposal": proposal,
        "version": current,
        "in_force": proposal.agreement.approved,
        "problems": services.agreement_problems(current),
        "parties": [p for p in proposal.parties.all() if p.answer == Party.Answer.ACCEPTED],
        "approved_by": approved_by,
        "can_edit": permissions.can_take_part(user, proposal),
        "can_approve": own is not None
        and permissions.can_approve(user, own)
        and own.pk not in approved_by
        and proposal.agreement.approved_id != current.pk,
        "own_party": own,
        "history": proposal.agreement.versions.order_by("-number"),
    }
    return render(request, "proposals/agreement.html", context)


@login_required
def agreement_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Write the agreement: text, goals and role table. Saving after an approval makes a new
    version that every party approves again."""
    proposal = _table(request, pk)
    if not permissions.can_take_part(request.user, proposal) or not hasattr(proposal, "agreement"):
        raise PermissionDenied
    current = _current_version(proposal)
    parties = proposal.parties.filter(answer=Party.Answer.ACCEPTED).select_related("organisation")
    form = forms.AgreementForm(request.POST or None, instance=current, prefix="a")
    goals = forms.GoalFormSet(
        request.POST or None,
        prefix="goals",
        initial=[
            {
                "description": g.description,
                "unit": g.unit,
                "target_value": g.target_value,
                "due_on": g.due_on,
                "key": g.key,
            }
            for g in current.goals.all()
        ],
    )
    tasks = forms.TaskFormSet(
        request.POST or None,
        prefix="tasks",
        form_kwargs={"parties": parties},
        initial=[
            {
                "description": t.description,
                "responsible": t.responsible,
                "citizens_part": t.citizens_part,
                "city_part": t.city_part,
            }
            for t in current.tasks.all()
        ],
    )
    if request.method == "POST" and form.is_valid() and goals.is_valid() and tasks.is_valid():
        try:
            services.agreement_save(
                proposal=proposal,
                data=form.cleaned_data,
                goals=[g for g in goals.cleaned_data if g.get("description")],
                tasks=[t for t in tasks.cleaned_data if t.get("description")],
                by=request.user,
                based_on=_based_on(request, proposal),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The agreement was saved."))
            return redirect("proposals:agreement", pk=proposal.pk)
    context = {
        "proposal": proposal,
        "form": form,
        "goals": goals,
        "tasks": tasks,
        "version": current,
    }
    return render(request, "proposals/agreement_form.html", context)


@login_required
@require_POST
def agreement_approve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = _table(request, pk)
    party = permissions.at_table(request.user, proposal)
    number = whole_number(request.POST.get("version"))
    version = proposal.agreement.versions.filter(pk=number).first() if number else None
    if party is None or version is None:
        raise PermissionDenied
    try:
        services.agreement_approve(proposal=proposal, version=version, party=party, by=request.user)
        messages.success(
            request, _("Your group approved version %(number)s.") % {"number": version.number}
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("proposals:agreement", pk=proposal.pk)


@login_required
def reports(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Progress against the goals; any party adds a report."""
    proposal = _table(request, pk)
    approved = getattr(getattr(proposal, "agreement", None), "approved", None)
    goals = list(approved.goals.all()) if approved else []
    form = forms.ReportForm(request.POST or None, request.FILES or None, goals=goals)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        photos = [(data["photo"], data["photo_alt"])] if data.get("photo") else []
        try:
            services.report_add(
                proposal=proposal,
                data={"reported_on": data["reported_on"], "note": data["note"]},
                values=form.values(),
                photos=photos,
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The report was added."))
            return redirect("proposals:reports", pk=proposal.pk)
    context = {
        "proposal": proposal,
        "progress": selectors.goal_progress(proposal),
        "reports": proposal.reports.select_related("party__organisation").prefetch_related(
            "photos"
        ),
        "due": services.report_due_on(proposal) if approved else None,
        "form": form if permissions.can_report(request.user, proposal) else None,
    }
    return render(request, "proposals/reports.html", context)


@login_required
def evaluate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The party's evaluation (sealed from the others until all are in)."""
    proposal = _table(request, pk)
    party = permissions.at_table(request.user, proposal)
    if party is None or not permissions.can_evaluate(request.user, party):
        raise PermissionDenied
    form = forms.EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in forms.EvaluationForm.Meta.fields}
        try:
            services.evaluation_submit(
                proposal=proposal, party=party, data=data, scores=form.scores(), by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your evaluation was sent."))
            return redirect(proposal)
    context = {"proposal": proposal, "form": form, "party": party}
    return render(request, "proposals/evaluate.html", context)


@login_required
def my_proposals(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.my_proposals(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    can_propose = bool(listed_groups_of(request.user))
    return render(
        request, "proposals/my_proposals.html", {"page": page, "can_propose": can_propose}
    )


@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    if not permissions.can_view_dashboard(request.user):
        raise PermissionDenied
    return render(request, "proposals/dashboard.html", {"board": selectors.dashboard()})


def not_adopted(request: HttpRequest) -> HttpResponse:
    """The yearly public list of proposals not adopted, with counts and reasons."""
    years = selectors.fiscal_years_with_closures()
    default = years[0] if years else fiscal_year(timezone.localdate())
    year = whole_number(request.GET.get("year"), default=default, low=1868, high=9999)
    counts, closed = selectors.not_adopted(fiscal_year=year)
    context = {"year": year, "years": years, "counts": counts, "closed": closed}
    return render(request, "proposals/not_adopted.html", context)


def _visible(request: HttpRequest, pk: int) -> Proposal:
    proposal = selectors.proposal_get(pk)
    if proposal is None or not permissions.can_view(request.user, proposal):
        raise Http404
    return proposal


def _table(request: HttpRequest, pk: int) -> Proposal:
    proposal = _visible(request, pk)
    if not permissions.can_view_table(request.user, proposal):
        raise PermissionDenied
    return proposal


def _save(
    request: AuthenticatedRequest,
    form: forms.ProposalStepForm,
    proposal: Proposal | None,
    proposer: Organisation | None = None,
) -> Proposal | None:
    try:
        return services.proposal_save(
            proposal=proposal, data=form.cleaned_data, by=request.user, proposer=proposer
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None


def _send_step(request: AuthenticatedRequest, proposal: Proposal) -> HttpResponse:
    context = {
        "proposal": proposal,
        "step": "send",
        "steps": forms.stepper("send"),
        "can_submit": permissions.can_submit(request.user, proposal),
    }
    return render(request, "proposals/proposal_send.html", context)


def _current_version(proposal: Proposal) -> AgreementVersion:
    current = proposal.agreement.current
    if current is None:
        raise Http404
    return selectors.version_detail(current)


def _based_on(request: HttpRequest, proposal: Proposal) -> Any:
    raw = request.POST.get("based_on", "")
    return proposal.agreement.versions.filter(pk=raw).first() if raw.isdigit() else None
