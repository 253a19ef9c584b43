from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tsunagaru.accounts import forms, services
from tsunagaru.core.htmx import AuthenticatedRequest


@login_required
def profile_edit(request: AuthenticatedRequest) -> HttpResponse:
    """A person's own profile: names (private) and the public display name."""
    user = request.user
    if request.method == "POST":
        form = forms.ProfileForm(request.POST)
        if form.is_valid():
            try:
                services.user_update_profile(user=user, data=form.cleaned_data, by=user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your profile was saved."))
                return redirect("accounts:profile")
    else:
        form = forms.ProfileForm(initial={f: getattr(user, f) for f in services.PROFILE_FIELDS})
    return render(request, "accounts/profile_edit.html", {"form": form})
