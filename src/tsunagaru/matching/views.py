"""Pages of 『つながる』 matching. Thin: selector → permission → service → page."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.core.inputs import whole_number
from tsunagaru.core.spreadsheet import safe_cell
from tsunagaru.matching import forms, graph, people_views, permissions, selectors, services
from tsunagaru.matching.models import GlossaryGroup, Introduction
from tsunagaru.partners.models import Need, Organisation
from tsunagaru.partners.permissions import role_in
from tsunagaru.partners.selectors import listed_groups_of


def need_suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    """An open need with 「つながれそうな担い手」 and why each was suggested."""
    need = get_object_or_404(
        Need.objects.select_related("organisation", "organisation__kind"), pk=pk
    )
    if not permissions.can_see_suggestions(request.user, need):
        raise Http404
    can_request = role_in(request.user, need.organisation) is not None
    feedback = selectors.feedback_of(request.user, need)
    rows = [
        {
            "suggestion": s,
            "request_url": (
                reverse("matching:request", args=[s.organisation.pk]) + f"?need={need.pk}"
                if can_request
                else ""
            ),
            "feedback": feedback.get(s.organisation.pk),
        }
        for s in selectors.suggestions_for_need(need)
    ]
    context = {
        "need": need,
        "rows": rows,
        "can_introduce": permissions.can_introduce(request.user),
        "can_give_feedback": permissions.can_give_feedback(request.user, need),
        # 「個人で手伝える人」: None for users who may not see volunteers (see people_views).
        "people": people_views.people_rows(request.user, need),
        "preparing": not selectors.index_ready(),
    }
    return render(request, "matching/need_suggestions.html", context)


@login_required
@require_POST
def feedback(request: AuthenticatedRequest, pk: int, organisation_pk: int) -> HttpResponse:
    need = get_object_or_404(Need, pk=pk)
    organisation = get_object_or_404(Organisation, pk=organisation_pk)
    helpful = request.POST.get("helpful") == "yes"
    services.feedback_record(need=need, organisation=organisation, helpful=helpful, by=request.user)
    messages.success(request, _("Thank you. Your answer helps improve the suggestions."))
    return redirect("matching:need", pk=need.pk)


@login_required
def help_search(request: AuthenticatedRequest) -> HttpResponse:
    """「こんなことで困っています」: describe a problem, see who could help."""
    if not permissions.can_search_help(request.user):
        raise PermissionDenied
    groups = listed_groups_of(request.user)
    form = forms.HelpSearchForm(request.GET or None)
    form.set_groups(groups)
    suggestions: list[selectors.Suggestion] | None = None
    asking: Organisation | None = None
    if form.is_bound and form.is_valid():
        asking = next((g for g in groups if g.pk == form.cleaned_data.get("organisation")), None)
        suggestions = selectors.suggestions_for_text(form.cleaned_data["text"], organisation=asking)
    context = {
        "form": form,
        "suggestions": suggestions,
        "asking": asking,
        "groups": groups,
        "preparing": suggestions is not None and not selectors.index_ready(),
    }
    return render(request, "matching/help_search.html", context)


@login_required
def give_search(request: AuthenticatedRequest) -> HttpResponse:
    """「できることを生かす」: describe what you can give, see the open needs it could answer."""
    groups = listed_groups_of(request.user)
    form = forms.GiveSearchForm(request.GET or None)
    form.set_groups(groups)
    items: list[selectors.NeedToHelp] | None = None
    offering: Organisation | None = None
    if form.is_bound and form.is_valid():
        offering = next((g for g in groups if g.pk == form.cleaned_data.get("organisation")), None)
        items = selectors.needs_for_offer(form.cleaned_data["text"], organisation=offering)
    preparing = items is not None and not selectors.index_ready()
    context = {"form": form, "items": items, "offering": offering, "preparing": preparing}
    return render(request, "matching/give_search.html", context)


@login_required
def introduction_new(request: AuthenticatedRequest, recipient_pk: int) -> HttpResponse:
    """つながりたい: ask to be introduced to a group, on behalf of one of one's groups."""
    recipient = get_object_or_404(Organisation, pk=recipient_pk, status="verified")
    need = _need_from(request, recipient)
    groups = [g for g in listed_groups_of(request.user) if g.pk != recipient.pk]
    if need is not None and need.organisation_id != recipient.pk:
        groups = [g for g in groups if g.pk == need.organisation_id]
    if not groups:
        # Only a listed group can ask: say so, rather than a bare "forbidden".
        refused: dict[str, Any] = {"form": None, "recipient": recipient, "need": need}
        return render(request, "matching/introduction_form.html", refused, status=403)
    form = forms.IntroductionRequestForm(request.POST or None)
    form.set_groups(groups)
    if request.method == "POST" and form.is_valid():
        requester = next(g for g in groups if g.pk == form.cleaned_data["organisation"])
        try:
            introduction = services.introduction_request(
                requester=requester,
                recipient=recipient,
                need=need,
                message=form.cleaned_data["message"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your request was sent. You will hear when they answer."))
            return redirect("matching:introduction", pk=introduction.pk)
    context: dict[str, Any] = {"form": form, "recipient": recipient, "need": need}
    return render(request, "matching/introduction_form.html", context)


@login_required
def introduce(request: AuthenticatedRequest, pk: int, organisation_pk: int) -> HttpResponse:
    """A coordinator introduces the group with a need to a suggested group (仲介)."""
    need = get_object_or_404(Need.objects.select_related("organisation"), pk=pk)
    recipient = get_object_or_404(Organisation, pk=organisation_pk)
    if not permissions.can_introduce(request.user):
        raise PermissionDenied
    form = forms.CoordinatorIntroductionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            introduction = services.introduction_request(
                requester=need.organisation,
                recipient=recipient,
                need=need,
                message=form.cleaned_data["message"],
                by=request.user,
                via=Introduction.Via.COORDINATOR,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The introduction was sent to the group."))
            return redirect("matching:introduction", pk=introduction.pk)
    context = {"form": form, "recipient": recipient, "need": need}
    return render(request, "matching/introduce_form.html", context)


@login_required
def introductions(request: AuthenticatedRequest) -> HttpResponse:
    found = selectors.introductions_for(request.user)
    lists = [
        (_("Waiting for your answer"), found["waiting"]),
        (_("Requests you answered"), found["received"]),
        (_("Requests you sent"), found["sent"]),
    ]
    context = {"lists": lists, "can_search_help": permissions.can_search_help(request.user)}
    return render(request, "matching/introductions.html", context)


@login_required
def introduction(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = selectors.introduction_detail(pk)
    if item is None or not permissions.can_view(request.user, item):
        raise Http404
    form = forms.AnswerForm(request.POST or None)
    if request.method == "POST" and "answer" in request.POST:
        if not permissions.can_answer(request.user, item):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.introduction_answer(
                    introduction=item,
                    accept=form.cleaned_data["answer"] == "accept",
                    response=form.cleaned_data["response"],
                    by=request.user,
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Your answer was sent."))
            return redirect("matching:introduction", pk=item.pk)
    contacts = None
    if permissions.can_see_contacts(request.user, item):
        contacts = selectors.contacts(item)
        services.introduction_contacts_viewed(introduction=item, by=request.user)
    context = {
        "introduction": item,
        "form": form,
        "can_answer": permissions.can_answer(request.user, item),
        "can_withdraw": permissions.can_withdraw(request.user, item),
        "contacts": contacts,
    }
    return render(request, "matching/introduction_detail.html", context)


@login_required
@require_POST
def introduction_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Introduction, pk=pk)
    try:
        services.introduction_withdraw(introduction=item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your request was withdrawn."))
    return redirect("matching:introduction", pk=item.pk)


def needs_to_help(request: HttpRequest, pk: int) -> HttpResponse:
    """Open needs of other groups that this group's strengths could answer."""
    organisation = get_object_or_404(Organisation, pk=pk, status="verified")
    context = {
        "organisation": organisation,
        "items": selectors.needs_to_help(organisation),
        "preparing": not selectors.index_ready(),
    }
    return render(request, "matching/needs_to_help.html", context)


@login_required
def unmatched(request: AuthenticatedRequest) -> HttpResponse:
    """For coordinators: open needs that no introduction has taken up (all, or older than
    ?days=N), each with how promising its best suggestion is, in words."""
    if not permissions.can_view_unmatched(request.user):
        raise PermissionDenied
    days = min(365, whole_number(request.GET.get("days"), default=0))
    page = Paginator(selectors.unmatched_needs(days=days), 20).get_page(request.GET.get("page"))
    strengths = selectors.best_strengths(page.object_list)
    none = selectors.MatchStrength.NONE
    rows = [(need, strengths.get(need.pk, none)) for need in page.object_list]
    context = {"page": page, "rows": rows, "days": days, "preparing": not selectors.index_ready()}
    return render(request, "matching/unmatched.html", context)


def network(request: HttpRequest) -> HttpResponse:
    """The connections between groups, as a picture and as tables, with yearly measures."""
    fiscal = _fiscal(request)
    data = selectors.network(fiscal=fiscal)
    context = {"network": data, "fiscal": fiscal, "drawing": graph.layout(data)}
    return render(request, "matching/network.html", context)


def network_export(request: HttpRequest, fmt: str) -> HttpResponse:
    data = selectors.network(fiscal=_fiscal(request))
    if fmt == "graphml":
        response = HttpResponse(graph.graphml(data), content_type="application/graphml+xml")
        response["Content-Disposition"] = 'attachment; filename="tsunagaru-network.graphml"'
        return response
    if fmt != "csv":
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tsunagaru-connections.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("Date"), _("Group"), _("Kind"), _("Group"), _("Kind"), _("Through")])
    for c in data.connections:
        writer.writerow(
            [
                c.connected_on.isoformat(),
                safe_cell(c.first.name),
                c.first.kind.label,
                safe_cell(c.second.name),
                c.second.kind.label,
                c.get_source_display(),
            ]
        )
    return response


@login_required
def glossary(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    """The regional glossary coordinators keep: words that mean the same here."""
    if not permissions.can_manage_glossary(request.user):
        raise PermissionDenied
    entry = get_object_or_404(GlossaryGroup, pk=pk) if pk else None
    form = forms.GlossaryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.glossary_save(
                group=entry,
                words=form.cleaned_data["words"],
                note=form.cleaned_data["note"],
                is_active=form.cleaned_data["is_active"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The glossary was saved."))
            return redirect("matching:glossary")
    context: dict[str, Any] = {
        "form": form,
        "entry": entry,
        "entries": GlossaryGroup.objects.order_by("-is_active", "pk"),
    }
    return render(request, "matching/glossary.html", context)


def _need_from(request: HttpRequest, recipient: Organisation) -> Need | None:
    pk = whole_number(request.GET.get("need") or request.POST.get("need"))
    if pk is None:
        return None
    return Need.objects.filter(pk=pk, status=Need.Status.OPEN).first()


def _fiscal(request: HttpRequest) -> int | None:
    return whole_number(request.GET.get("year"), low=1989, high=2100)
