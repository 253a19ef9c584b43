from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from tsunagaru.accounts import permissions

# Account pages (to set up two-factor, re-authenticate or log out) stay reachable.
_OPEN_PREFIXES = ("/accounts/", "/i18n/", "/healthz", "/robots.txt", "/jsi18n/")


class RequireTwoFactorMiddleware:
    """Staff and administrators without TOTP are sent to set it up before anything else.

    Once TOTP is active, allauth asks for a code at every login, and our MFA adapter refuses
    to remove it, so the rule holds for as long as the role does.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            permissions.must_use_two_factor(user)
            and not request.path.startswith((*_OPEN_PREFIXES, settings.STATIC_URL))
            and not Authenticator.objects.filter(
                user_id=user.pk, type=Authenticator.Type.TOTP
            ).exists()
        ):
            messages.warning(
                request, _("Your role requires two-factor sign-in. Set up an authenticator app.")
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
