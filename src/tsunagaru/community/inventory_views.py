"""Pages of the inventory of recurring work (事業の棚卸し): its decisions for everyone, and the
guided yearly review for the association's members — one activity at a time, with what
matching could offer for an activity to hand over. Thin: selector → permission → service."""

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

from tsunagaru.community import inventory_forms as forms
from tsunagaru.community import inventory_selectors as selectors
from tsunagaru.community import inventory_services as services
from tsunagaru.community import permissions
from tsunagaru.community.inventory_models import Activity, ActivityYear
from tsunagaru.community.plan_models import FIRST_YEAR
from tsunagaru.core.forms import add_service_errors
from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.matching import selectors as matching_selectors
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.permissions import role_in


def _association(pk: int) -> Organisation:
    group = selectors.association_get(pk)
    if group is None:
        raise Http404
    return group


def inventory(request: HttpRequest, pk: int) -> HttpResponse:
    """The association's recurring activities and its decisions on them, year by year."""
    group = _association(pk)
    if not (group.is_listed or permissions.can_see_inventory(request.user, group)):
        raise Http404
    context = {
        "organisation": group,
        "activities": selectors.activities_of(group),
        "years": selectors.reviewed_years(group),
        "this_year": selectors.this_year(),
        "can_edit": permissions.can_keep_inventory(request.user, group),
        "can_review": permissions.can_see_inventory(request.user, group),
    }
    return render(request, "community/inventory.html", context)


def _year(year: int) -> int:
    if not FIRST_YEAR <= year <= selectors.this_year():
        raise Http404
    return year


@login_required
def review_year(request: AuthenticatedRequest, pk: int, year: int) -> HttpResponse:
    """The year's review: each activity still run, reviewed or waiting, and what the year's
    decisions free."""
    group = _association(pk)
    if not permissions.can_see_inventory(request.user, group):
        raise PermissionDenied
    rows = selectors.review_rows(group, _year(year))
    context = {
        "organisation": group,
        "year": year,
        "rows": rows,
        "next": next((row.activity for row in rows if row.record is None), None),
        "freed": selectors.freed(group, year),
        "can_edit": permissions.can_keep_inventory(request.user, group),
    }
    return render(request, "community/inventory_year.html", context)


@login_required
def activity_edit(
    request: AuthenticatedRequest, pk: int, activity: int | None = None
) -> HttpResponse:
    """Add a recurring activity, or change its name, purpose or people."""
    group = _association(pk)
    if not permissions.can_keep_inventory(request.user, group):
        raise PermissionDenied
    found = get_object_or_404(Activity, pk=activity, organisation=group) if activity else None
    form = forms.ActivityForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_save(
                organisation=group, activity=found, data=form.cleaned_data, by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect("community:inventory", pk=group.pk)
    context = {"organisation": group, "form": form, "activity": found}
    return render(request, "community/activity_form.html", context)


def _activity(pk: int) -> Activity:
    return get_object_or_404(
        Activity.objects.select_related("organisation", "organisation__kind"), pk=pk
    )


@login_required
def activity_review(request: AuthenticatedRequest, pk: int, year: int) -> HttpResponse:
    """One activity in the year's review: what it took, the decision, and groups that could
    take it over or help. Saving goes on to the next activity not yet reviewed."""
    activity = _activity(pk)
    group = activity.organisation
    if not permissions.can_see_inventory(request.user, group):
        raise PermissionDenied
    _year(year)
    record = activity.years.select_related("need").filter(year=year).first()
    can_edit = role_in(request.user, group) is not None
    form = forms.ReviewForm(request.POST or None, instance=record)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.activity_review(
                    activity=_activity(pk), year=year, data=form.cleaned_data, by=request.user
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The decision is recorded."))
                return redirect(_after_review(group, year, activity))
    context: dict[str, Any] = {
        "organisation": group,
        "activity": activity,
        "year": year,
        "record": record,
        "form": form,
        "can_edit": can_edit,
        "history": [r for r in activity.years.order_by("-year") if r.year != year],
        "suggestions": _suggestion_rows(activity, record, can_edit=can_edit),
        "need": record.need if record else None,
        "preparing": not matching_selectors.index_ready(),
    }
    return render(request, "community/activity_review.html", context)


def _suggestion_rows(
    activity: Activity, record: ActivityYear | None, *, can_edit: bool
) -> list[dict[str, Any]]:
    """The suggested groups; once the activity is published as a need, members may ask each
    one to connect about it (the introduction names the need)."""
    need = record.need if record is not None else None
    rows = []
    for suggestion in selectors.suggestions(activity, record):
        url = ""
        if can_edit and need is not None:
            url = (
                reverse("matching:request", args=[suggestion.organisation.pk]) + f"?need={need.pk}"
            )
        rows.append({"s": suggestion, "url": url})
    return rows


def _after_review(group: Organisation, year: int, activity: Activity) -> str:
    """The review page of the next activity waiting, or the year's summary when none is."""
    following = selectors.next_to_review(group, year, after=activity.pk)
    if following is not None and following.pk != activity.pk:
        return reverse("community:activity_review", args=[following.pk, year])
    return reverse("community:review_year", args=[group.pk, year])


@require_POST
@login_required
def seek_partner(request: AuthenticatedRequest, pk: int, year: int) -> HttpResponse:
    """Publish the wish to hand the activity over (or find help) as a need of the association,
    so that the suggested groups can be asked for an introduction about it."""
    record = get_object_or_404(
        ActivityYear.objects.select_related("activity__organisation", "need"),
        activity_id=pk,
        year=year,
    )
    if not permissions.can_keep_inventory(request.user, record.activity.organisation):
        raise PermissionDenied
    try:
        services.activity_seek_partner(record=record, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Published as the association's need: ask a suggested group to connect."),
        )
    return redirect(reverse("community:activity_review", args=[pk, year]) + "#suggestions")
