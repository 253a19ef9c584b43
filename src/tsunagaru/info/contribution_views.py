"""Pages for groups taking part in an event: apply for a booth or a case presentation; the
organiser's list of applications with accept and decline."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagaru.cases import selectors as cases
from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.info import forms, permissions, selectors, services
from tsunagaru.info.models import Contribution
from tsunagaru.partners.selectors import listed_groups_of


@login_required
def contribute(request: AuthenticatedRequest, pk: int, kind: str) -> HttpResponse:
    event = selectors.event_get(viewer=request.user, pk=pk)
    if event is None or kind not in Contribution.Kind.values:
        raise Http404
    groups = [
        g for g in listed_groups_of(request.user) if permissions.can_contribute_for(request.user, g)
    ]
    if not groups:
        raise PermissionDenied
    form = forms.ContributionForm(
        request.POST or None, kind=kind, groups=groups, cases=cases.published()
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_apply(
                event=event,
                organisation=form.cleaned_data["organisation"],
                kind=kind,
                title=form.cleaned_data["title"],
                needs=form.cleaned_data.get("needs", ""),
                case=form.cleaned_data.get("case"),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your application was sent to the organiser."))
            return redirect(event)
    context = {
        "event": event,
        "form": form,
        "kind": kind,
        "open": services.contribution_accepts(event, kind),
    }
    return render(request, "info/contribute.html", context)


@login_required
def contributions(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The organiser's list of applications, with what each group needs."""
    event = selectors.event_get(viewer=request.user, pk=pk)
    if event is None:
        raise Http404
    if not permissions.can_see_contributions(request.user, event):
        raise PermissionDenied
    items = list(selectors.contributions(event=event))
    context = {
        "event": event,
        "items": [(c, permissions.can_decide_contribution(request.user, c)) for c in items],
        "reason_form": forms.ReasonForm(),
    }
    return render(request, "info/contributions.html", context)


@require_POST
@login_required
def contribution_action(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    contribution = get_object_or_404(
        Contribution.objects.select_related("event", "organisation"), pk=pk
    )
    event = contribution.event
    if not permissions.can_view(request.user, event):
        raise Http404
    reason = str(request.POST.get("reason", ""))
    try:
        if action in ("accept", "decline"):
            if not permissions.can_decide_contribution(request.user, contribution):
                raise PermissionDenied
            services.contribution_decide(
                contribution=contribution, accept=action == "accept", reason=reason, by=request.user
            )
            messages.success(request, _("Saved. The group was told by e-mail."))
            return redirect("info:contributions", pk=event.pk)
        if action == "withdraw":
            if not permissions.can_withdraw_contribution(request.user, contribution):
                raise PermissionDenied
            services.contribution_withdraw(contribution=contribution, by=request.user)
            messages.success(request, _("Your application is withdrawn."))
            return redirect(event)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(event)
    raise Http404
