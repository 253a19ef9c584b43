"""Pages of events: list, calendar, an event, its form and actions. Thin: selector →
permission → service → page. Registration pages are in registration_views.py."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST, require_safe

from tsunagaru.core.forms import add_service_errors
from tsunagaru.core.htmx import AuthenticatedRequest, HtmxRequest, render_page_or_fragment
from tsunagaru.core.inputs import whole_number
from tsunagaru.core.serving import file_response
from tsunagaru.info import forms, permissions, selectors, services
from tsunagaru.info.models import Contribution, Event
from tsunagaru.partners.selectors import listed_groups_of
from tsunagaru.translations import services as translation_services

PAGE_SIZE = 20
# Japanese wall calendars start on Sunday.
WEEKDAYS = (
    pgettext_lazy("weekday", "Sun"),
    pgettext_lazy("weekday", "Mon"),
    pgettext_lazy("weekday", "Tue"),
    pgettext_lazy("weekday", "Wed"),
    pgettext_lazy("weekday", "Thu"),
    pgettext_lazy("weekday", "Fri"),
    pgettext_lazy("weekday", "Sat"),
)


def event_list(request: HtmxRequest) -> HttpResponse:
    """Upcoming public events with filters (plain GET links and a form: no JavaScript)."""
    form = forms.EventFilterForm(request.GET or None)
    filters = form.to_filters()
    page = selectors.event_page(filters=filters, number=request.GET.get("page"), size=PAGE_SIZE)
    context = {
        "form": form,
        "page": page,
        "query": urlencode(filters.as_query()),
        "can_create": bool(selectors.groups_for_new_event(request.user)),
    }
    return render_page_or_fragment(request, "info/event_list.html", "results", context)


def event_calendar(request: HtmxRequest) -> HttpResponse:
    """A month of public events (Sunday first), with the same filters as the list."""
    today = timezone.localdate()
    year = whole_number(request.GET.get("year"), default=today.year, low=2000, high=2100)
    month = whole_number(request.GET.get("month"), default=today.month, low=1, high=12)
    form = forms.EventFilterForm(request.GET or None)
    filters = form.to_filters()
    first = date(year, month, 1)
    previous = date(year - 1, 12, 1) if month == 1 else date(year, month - 1, 1)
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    query = filters.as_query()
    context = {
        "form": form,
        "month": first,
        "weeks": selectors.event_month(year=year, month=month, filters=filters),
        "weekdays": WEEKDAYS,
        "today": today,
        "previous": urlencode({**query, "year": previous.year, "month": previous.month}),
        "following": urlencode({**query, "year": following.year, "month": following.month}),
        "query": urlencode(query),
    }
    return render_page_or_fragment(request, "info/event_calendar.html", "month", context)


def event_detail(request: HtmxRequest, pk: int) -> HttpResponse:
    event = selectors.event_get(viewer=request.user, pk=pk)
    if event is None:
        raise Http404
    mine = selectors.registration_of(event=event, user=request.user)
    user = request.user
    if event.is_public and not request.htmx:
        translation_services.read_note(event)  # the translators' queue starts with the most-read
    context = {
        "event": event,
        "mine": mine,
        "position": selectors.waiting_position(mine) if mine and mine.waitlisted_at else None,
        "open": services.registration_open(event),
        "form": forms.RegistrationForm(event=event, guest=not user.is_authenticated),
        "can_edit": permissions.can_edit(user, event),
        "can_submit": permissions.can_submit(user, event),
        "can_review": permissions.can_review(user, event),
        "can_cancel": permissions.can_cancel(user, event),
        "can_postpone": permissions.can_postpone(user, event),
        "can_reschedule": permissions.can_reschedule(user, event),
        "can_see_participants": permissions.can_see_participants(user, event),
        "reason_form": forms.ReasonForm(),
        "reschedule_form": forms.RescheduleForm(),
        "contributions": list(selectors.accepted_contributions(event=event)),
        "can_see_contributions": permissions.can_see_contributions(user, event),
        "can_apply": _can_apply(request, event),
        "my_contributions": selectors.contributions_of(event=event, user=user),
    }
    return render_page_or_fragment(request, "info/event_detail.html", "registration", context)


def _can_apply(request: HtmxRequest, event: Event) -> dict[str, bool]:
    """Which kinds of contribution the user may offer for one of their groups now."""
    kinds = [k for k in Contribution.Kind.values if services.contribution_accepts(event, k)]
    if not kinds or not request.user.is_authenticated:
        return {}
    groups = listed_groups_of(request.user)
    if not any(permissions.can_contribute_for(request.user, g) for g in groups):
        return {}
    return dict.fromkeys(kinds, True)


@login_required
def event_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    """Write a new event (as a draft of one of the user's groups) or change one."""
    event = None
    groups: list[Any] = []
    if pk is not None:
        event = selectors.event_get(viewer=request.user, pk=pk)
        if event is None:
            raise Http404
        if not permissions.can_edit(request.user, event):
            raise PermissionDenied
    else:
        groups = selectors.groups_for_new_event(request.user)
        if not groups:
            raise PermissionDenied
    form = forms.EventForm(
        request.POST or None, request.FILES or None, instance=event, groups=groups
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.event_save(
                event=event,
                data=form.content(),
                many=form.many(),
                organiser=form.cleaned_data.get("organiser"),
                image=form.cleaned_data.get("picture"),
                remove_image=bool(form.cleaned_data.get("remove_picture")),
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(saved)
    return render(request, "info/event_form.html", {"form": form, "event": event})


@require_safe
def event_picture(request: HtmxRequest, pk: int, size: str = "display") -> FileResponse:
    """An event's picture (or its thumbnail) for whoever may see the event (404 to others)."""
    event = selectors.visible_events(request.user).filter(pk=pk).first()
    if event is None:
        raise Http404
    stored = event.thumbnail if size == "thumbnail" and event.thumbnail else event.image
    return file_response(stored, public=event.is_public, inline=True)


@require_POST
@login_required
def event_action(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    """Submit, publish, send back, cancel, postpone or give a new date; rules in services."""
    event = selectors.event_get(viewer=request.user, pk=pk)
    if event is None:
        raise Http404
    allowed = {
        "submit": permissions.can_submit,
        "publish": permissions.can_review,
        "return": permissions.can_review,
        "cancel": permissions.can_cancel,
        "postpone": permissions.can_postpone,
        "reschedule": permissions.can_reschedule,
    }
    if action not in allowed:
        raise Http404
    if not allowed[action](request.user, event):
        raise PermissionDenied
    try:
        messages.success(request, _do(request, event, action))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(event)


def _do(request: AuthenticatedRequest, event: Event, action: str) -> str:
    by = request.user
    reason = str(request.POST.get("reason", ""))
    if action == "submit":
        services.event_submit(event=event, by=by)
        if event.status == Event.Status.IN_REVIEW:
            return _("Sent to the city for review. It is published once checked.")
        return _("The event is published.")
    if action == "publish":
        services.event_publish(event=event, by=by)
        return _("The event is published.")
    if action == "return":
        services.event_return(event=event, reason=reason, by=by)
        return _("The event was sent back to its organiser.")
    if action == "cancel":
        services.event_cancel(event=event, reason=reason, by=by)
        return _("The event is cancelled. Everyone registered was told.")
    if action == "postpone":
        services.event_postpone(event=event, reason=reason, by=by)
        return _("The event is postponed. Everyone registered was told.")
    form = forms.RescheduleForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Give the new start and end."), code="no_date")
    services.event_reschedule(
        event=event,
        starts_at=form.cleaned_data["starts_at"],
        ends_at=form.cleaned_data["ends_at"],
        by=by,
    )
    return _("The new date is set. Everyone registered was told.")


@login_required
def my_events(request: AuthenticatedRequest) -> HttpResponse:
    """What I registered for, and my groups' events in every state."""
    context = {
        "registrations": selectors.my_registrations(user=request.user),
        "events": selectors.my_events(user=request.user)[:100],
        "can_create": bool(selectors.groups_for_new_event(request.user)),
    }
    return render(request, "info/my_events.html", context)
