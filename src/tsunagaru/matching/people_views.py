"""Pages for individual volunteers in matching: suggested on a need's page, asked for an
introduction, answering it. Thin: selector → permission → service → page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.matching import forms, people, permissions
from tsunagaru.matching import people_services as services
from tsunagaru.matching.models import PersonIntroduction
from tsunagaru.partners import profile_facts
from tsunagaru.partners.models import Need


def people_rows(user: Any, need: Need) -> list[dict[str, Any]] | None:
    """「個人で手伝える人」 for the need page: None when the user may not see them."""
    if not permissions.can_see_people(user, need):
        return None
    rows = []
    suggestions = people.suggestions_for_need(need)
    facts = profile_facts.facts_for([s.volunteer for s in suggestions])
    for suggestion in suggestions:
        volunteer = suggestion.volunteer
        can_ask = permissions.can_ask_person(user, need, volunteer)
        rows.append(
            {
                "suggestion": suggestion,
                "ask_url": (
                    reverse("matching:person_request", args=[need.pk, volunteer.pk])
                    if can_ask
                    else ""
                ),
                "open_request": people.open_request_between(need, volunteer) if can_ask else None,
                "facts": facts[volunteer.pk],
            }
        )
    return rows


@login_required
def person_request(request: AuthenticatedRequest, pk: int, volunteer_pk: int) -> HttpResponse:
    """Ask a suggested volunteer for an introduction, on behalf of the need's group."""
    need = get_object_or_404(Need.objects.select_related("organisation"), pk=pk)
    # A person who is not (or no longer) suggested is not found: their profile's existence
    # is nobody's business.
    volunteer = get_object_or_404(people.suggestable().select_related("user"), pk=volunteer_pk)
    if not permissions.can_ask_person(request.user, need, volunteer):
        raise PermissionDenied
    existing = people.open_request_between(need, volunteer)
    if existing is not None:
        messages.info(request, _("Your group has already asked this person."))
        return redirect(existing)
    form = forms.PersonRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            introduction = services.person_introduction_request(
                need=need,
                volunteer=volunteer,
                message=form.cleaned_data["message"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your request was sent. You will hear when they answer."))
            return redirect(introduction)
    reasons = next(
        (s.reasons for s in people.suggestions_for_need(need) if s.volunteer.pk == volunteer.pk),
        (),
    )
    context = {
        "form": form,
        "need": need,
        "volunteer": volunteer,
        "reasons": reasons,
        "facts": profile_facts.facts_for([volunteer])[volunteer.pk],
    }
    return render(request, "matching/person_request_form.html", context)


@login_required
def person_introductions(request: AuthenticatedRequest) -> HttpResponse:
    """Requests to the person as a volunteer, and their groups' requests to volunteers."""
    found = people.person_introductions_for(request.user)
    profile = getattr(request.user, "volunteer_profile", None)
    context = {"received": found["received"], "sent": found["sent"], "profile": profile}
    return render(request, "matching/person_introductions.html", context)


@login_required
def person_introduction(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One request to a volunteer: the person answers here; contacts once accepted."""
    item = people.person_introduction_get(pk)
    if item is None or not permissions.can_view_person_introduction(request.user, item):
        raise Http404
    form = forms.PersonAnswerForm(request.POST or None)
    if request.method == "POST":
        if not permissions.can_answer_person(request.user, item):
            if not permissions.is_the_person(request.user, item):
                raise PermissionDenied
            # A second click on the answer button, or the group withdrew in the meantime.
            messages.error(request, _("This request has already been answered or withdrawn."))
            return redirect(item)
        if form.is_valid():
            try:
                services.person_introduction_answer(
                    introduction=item,
                    accept=form.cleaned_data["answer"] == "accept",
                    response=form.cleaned_data["response"],
                    by=request.user,
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Your answer was sent."))
            return redirect(item)
    contacts = None
    if permissions.can_see_person_contacts(request.user, item):
        contacts = people.person_contacts(item)
        services.person_introduction_contacts_viewed(introduction=item, by=request.user)
    context = {
        "introduction": item,
        "form": form,
        "is_the_person": permissions.is_the_person(request.user, item),
        "can_answer": permissions.can_answer_person(request.user, item),
        "can_withdraw": permissions.can_withdraw_person(request.user, item),
        "contacts": contacts,
        "facts": profile_facts.facts_for([item.volunteer])[item.volunteer.pk],
    }
    return render(request, "matching/person_introduction_detail.html", context)


@login_required
@require_POST
def person_introduction_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = people.person_introduction_get(pk)
    if item is None or not permissions.can_view_person_introduction(request.user, item):
        raise Http404
    if not permissions.can_withdraw_person(request.user, item):
        if item.status != PersonIntroduction.Status.REQUESTED:
            messages.error(request, _("This request has already been answered or withdrawn."))
            return redirect(item)
        raise PermissionDenied
    try:
        services.person_introduction_withdraw(introduction=item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your request was withdrawn."))
    return redirect(item)
