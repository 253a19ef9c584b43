"""Registration with the centre: a group applies, the centre's staff decide, and both see it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.partners.models import Organisation
from tsunagaru.support import forms, permissions, selectors, services
from tsunagaru.support.models import CentreRegistration


@login_required
def registrations(request: AuthenticatedRequest) -> HttpResponse:
    """Staff's view: applications waiting, registrations that have ended, those in force."""
    if not permissions.can_review_registrations(request.user):
        raise PermissionDenied
    return _registrations_page(request)


def _registrations_page(
    request: AuthenticatedRequest, bound: forms.DecideRegistrationForm | None = None
) -> HttpResponse:
    """The page; `bound` is a decision form refused for bad input, shown with its errors."""
    today = timezone.localdate()
    initial = {"registered_on": today, "valid_until": services.default_valid_until(today)}
    waiting = []
    for registration in selectors.registrations_waiting():
        prefix = f"r{registration.pk}"
        form = bound if bound is not None and bound.prefix == prefix else None
        waiting.append(
            (
                registration,
                form or forms.DecideRegistrationForm(initial=initial, prefix=prefix),
                permissions.can_decide_registration(request.user, registration),
            )
        )
    context = {
        "waiting": waiting,
        "expired": selectors.registrations_expired(today=today),
        "in_force": selectors.registrations_in_force(today=today),
    }
    return render(request, "support/registrations.html", context)


@login_required
def registration_apply(request: AuthenticatedRequest, organisation_pk: int) -> HttpResponse:
    """A group's speakers apply for registration (or for its renewal)."""
    organisation = get_object_or_404(Organisation, pk=organisation_pk)
    state = selectors.registration_state(organisation)
    if not permissions.can_apply_registration(request.user, organisation, waiting=state.waiting):
        raise PermissionDenied
    form = forms.ApplyRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_apply(
                organisation=organisation,
                activities=form.cleaned_data["activities"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Your application was sent. The centre will contact you to arrange a short "
                    "interview."
                ),
            )
            return redirect(organisation)
    context = {"organisation": organisation, "form": form, "state": state}
    return render(request, "support/registration_apply.html", context)


# Which field a refusal of the service concerns, so the message stands next to it.
_FIELD_OF = {"reason_required": "reason", "bad_dates": "valid_until"}


@require_POST
@login_required
def registration_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(
        CentreRegistration.objects.select_related("organisation", "applied_by"), pk=pk
    )
    if not permissions.can_decide_registration(request.user, registration):
        raise PermissionDenied
    decision = request.POST.get("decision")
    if decision not in ("register", "refuse"):
        raise Http404
    form = forms.DecideRegistrationForm(request.POST, prefix=f"r{registration.pk}")
    if not form.is_valid():
        return _registrations_page(request, form)
    data = form.cleaned_data
    try:
        if decision == "register":
            registered_on = data["registered_on"] or timezone.localdate()
            services.registration_register(
                registration=registration,
                registered_on=registered_on,
                valid_until=data["valid_until"] or services.default_valid_until(registered_on),
                by=request.user,
            )
            messages.success(request, _("The group is registered."))
        else:
            services.registration_refuse(
                registration=registration, reason=data["reason"], by=request.user
            )
            messages.success(request, _("The application was refused; the group was told why."))
    except ValidationError as error:
        if error.code == "stale":  # decided by someone else meanwhile: no form to show it in
            messages.error(request, error.messages[0])
            return redirect("support:registrations")
        # Bad dates or a missing reason: shown next to the decision, with what was typed.
        form.add_error(_FIELD_OF.get(str(error.code)), error)
        return _registrations_page(request, form)
    return redirect("support:registrations")
