"""Pages of a community plan: the adopted plan for everyone, the working copy its members
write, the representative's adoption, yearly progress, versions and the printable plan.
Thin: selector → permission → service → page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagaru.community import permissions, plan_document
from tsunagaru.community import plan_forms as forms
from tsunagaru.community import plan_selectors as selectors
from tsunagaru.community import plan_services as services
from tsunagaru.community.plan_models import (
    CommunityPlan,
    PlanAction,
    PlanGoal,
    PlanIndicator,
    PlanIssue,
)
from tsunagaru.core.forms import add_service_errors
from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.core.http import private_download
from tsunagaru.partners.models import Organisation


def _plan(pk: int) -> CommunityPlan:
    plan = selectors.plan_get(pk)
    if plan is None:
        raise Http404
    return plan


def _editable(request: HttpRequest, pk: int) -> CommunityPlan:
    plan = _plan(pk)
    if not permissions.can_edit_plan(request.user, plan):
        raise PermissionDenied
    return plan


@login_required
def plan_new(request: AuthenticatedRequest, organisation: int) -> HttpResponse:
    """A member of a 地区振興会 begins its plan for a period."""
    group = get_object_or_404(Organisation.objects.select_related("kind"), pk=organisation)
    if not permissions.can_begin_plan(request.user, group):
        raise PermissionDenied
    form = forms.PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(organisation=group, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan is begun. Add its issues, goals and actions."))
            return redirect("community:plan_draft", pk=plan.pk)
    return render(request, "community/plan_form.html", {"form": form, "organisation": group})


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan as adopted (its latest version), with each action's progress: public for a
    listed association. Before the first adoption only those who see the draft get here."""
    plan = _plan(pk)
    version = selectors.latest_version(plan)
    if not permissions.can_view_adopted(request.user, plan, adopted=version is not None):
        raise Http404
    progress = selectors.progress_by_action(plan)
    content = (
        selectors.readable(version.snapshot, viewer=request.user, progress=progress)
        if version
        else None
    )
    context: dict[str, Any] = {
        "plan": plan,
        "version": version,
        "content": content,
        "versions": selectors.versions_of(plan),
        "summary": selectors.progress_summary(plan),
        "can_see_draft": permissions.can_see_draft(request.user, plan),
        "can_edit": permissions.can_edit_plan(request.user, plan),
    }
    return render(request, "community/plan_detail.html", context)


def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """An earlier version as its general meeting adopted it."""
    plan = _plan(pk)
    version = get_object_or_404(plan.versions, number=number)
    if not permissions.can_view_adopted(request.user, plan, adopted=True):
        raise Http404
    context = {
        "plan": plan,
        "version": version,
        "content": selectors.readable(version.snapshot, viewer=request.user),
    }
    return render(request, "community/plan_version.html", context)


@login_required
def plan_draft(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The working copy: its members write it here; the support staff read it."""
    plan = _plan(pk)
    if not permissions.can_see_draft(request.user, plan):
        raise PermissionDenied
    return render(request, "community/plan_draft.html", _draft_context(request, plan))


def _draft_context(
    request: AuthenticatedRequest, plan: CommunityPlan, **forms_: Any
) -> dict[str, Any]:
    content = selectors.content_of(plan)
    last = selectors.latest_version(plan)
    return {
        "plan": plan,
        "content": selectors.readable(content, viewer=request.user),
        "last_version": last,
        "changed": last is not None and not selectors.same_content(content, last.snapshot),
        "can_edit": permissions.can_edit_plan(request.user, plan),
        "can_adopt": permissions.can_adopt(request.user, plan),
        "issue_form": forms_.get("issue_form") or forms.IssueForm(prefix="issue"),
        "goal_form": forms_.get("goal_form") or forms.GoalForm(prefix="goal"),
        "indicator_forms": {
            pk: (
                forms_["indicator_form"]
                if forms_.get("indicator_goal") == pk
                else forms.IndicatorForm(plan=plan, prefix=f"indicator-{pk}")
            )
            for pk in (goal["id"] for goal in content["goals"])
        },
    }


@login_required
def plan_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Members change the plan's title, period or vision."""
    plan = _editable(request, pk)
    form = forms.PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=_plan(pk), data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan is saved."))
            return redirect("community:plan_draft", pk=plan.pk)
    context = {"form": form, "organisation": plan.organisation, "plan": plan}
    return render(request, "community/plan_form.html", context)


@require_POST
@login_required
def issue_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = _editable(request, pk)
    form = forms.IssueForm(request.POST, prefix="issue")
    if form.is_valid():
        try:
            services.issue_add(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The issue is added."))
            return redirect(_section(plan, "issues"))
    context = _draft_context(request, plan, issue_form=form)
    return render(request, "community/plan_draft.html", context)


@require_POST
@login_required
def goal_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = _editable(request, pk)
    form = forms.GoalForm(request.POST, prefix="goal")
    if form.is_valid():
        services.goal_add(plan=plan, text=form.cleaned_data["text"], by=request.user)
        messages.success(request, _("The goal is added."))
        return redirect(_section(plan, "goals"))
    context = _draft_context(request, plan, goal_form=form)
    return render(request, "community/plan_draft.html", context)


@require_POST
@login_required
def indicator_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    goal = get_object_or_404(PlanGoal, pk=pk)
    plan = _editable(request, goal.plan_id)
    form = forms.IndicatorForm(request.POST, plan=plan, prefix=f"indicator-{goal.pk}")
    if form.is_valid():
        try:
            services.indicator_add(goal=goal, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The indicator is added."))
            return redirect(_section(plan, f"goal-{goal.pk}"))
    context = _draft_context(request, plan, indicator_form=form, indicator_goal=goal.pk)
    return render(request, "community/plan_draft.html", context)


def _section(plan: CommunityPlan, anchor: str) -> str:
    return reverse("community:plan_draft", args=[plan.pk]) + f"#{anchor}"


@require_POST
@login_required
def part_remove(request: AuthenticatedRequest, kind: str, pk: int) -> HttpResponse:
    """Remove an issue, a goal, an indicator or an action from the working copy."""
    models = {
        "issue": PlanIssue,
        "goal": PlanGoal,
        "indicator": PlanIndicator,
        "action": PlanAction,
    }
    if kind not in models:
        raise Http404
    part: Any = get_object_or_404(models[kind], pk=pk)
    plan_id = part.goal.plan_id if kind == "indicator" else part.plan_id
    plan = _editable(request, plan_id)
    try:
        if kind == "issue":
            services.issue_remove(issue=part, by=request.user)
        elif kind == "goal":
            services.goal_remove(goal=part, by=request.user)
        elif kind == "indicator":
            services.indicator_remove(indicator=part, by=request.user)
        else:
            services.action_remove(action=part, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("It is removed from the plan."))
    return redirect(_section(plan, "goals" if kind == "indicator" else f"{kind}s"))


@login_required
def action_edit(request: AuthenticatedRequest, pk: int, action: int | None = None) -> HttpResponse:
    """Add an action to the plan, or change one."""
    plan = _editable(request, pk)
    found = get_object_or_404(PlanAction, pk=action, plan=plan) if action else None
    form = forms.ActionForm(request.POST or None, instance=found, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_save(plan=plan, action=found, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The action is saved."))
            return redirect(_section(plan, "actions"))
    context = {"plan": plan, "form": form, "action": found}
    return render(request, "community/plan_action_form.html", context)


@login_required
def plan_adopt(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The representative records the general meeting's adoption of the plan as it stands."""
    plan = _plan(pk)
    if not permissions.can_adopt(request.user, plan):
        raise PermissionDenied
    last = selectors.latest_version(plan)
    form = forms.AdoptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.plan_adopt(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Version %(number)s of the plan is adopted and public.")
                % {"number": version.number},
            )
            return redirect("community:plan", pk=plan.pk)
    context = {"plan": plan, "form": form, "last_version": last}
    return render(request, "community/plan_adopt.html", context)


@login_required
def progress_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Members record how an action of the adopted plan went in a year."""
    action = get_object_or_404(PlanAction.objects.select_related("plan__organisation"), pk=pk)
    plan = action.plan
    if not permissions.can_edit_plan(request.user, plan):
        raise PermissionDenied
    form = forms.ProgressForm(request.POST or None, action=action)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.progress_record(action=action, year=data["year"], data=data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The progress is recorded."))
            return redirect("community:plan", pk=plan.pk)
    context = {
        "plan": plan,
        "action": action,
        "form": form,
        "recorded": action.progress.order_by("-year"),
        "adopted": action.pk in selectors.adopted_action_ids(plan),
    }
    return render(request, "community/plan_progress.html", context)


def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable plan: the adopted version for all who may read it, or with ?draft=1
    the working copy marked 案 for the members and staff (to hand out at the 総会)."""
    plan = _plan(pk)
    draft = request.GET.get("draft") == "1"
    version = None if draft else selectors.latest_version(plan)
    if draft:
        if not permissions.can_see_draft(request.user, plan):
            raise Http404
    elif not (version and permissions.can_view_adopted(request.user, plan, adopted=True)):
        raise Http404
    response = HttpResponse(plan_document.pdf(plan, version), content_type="application/pdf")
    name = plan_document.filename(plan, version)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    # A draft is the association's own until adopted: kept out of shared caches.
    return private_download(response) if draft else response
