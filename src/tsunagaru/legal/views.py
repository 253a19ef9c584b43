"""The service pages, their staff editor and the consent page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.legal import forms, markup, permissions, selectors, services
from tsunagaru.legal.models import CONSENT_PAGES, Page


def page_detail(request: HttpRequest, page: str) -> HttpResponse:
    version = selectors.page_current(page=page)
    if version is None:
        raise Http404
    return render(
        request,
        "legal/page_detail.html",
        {
            "page": Page(page),
            "version": version,
            "body": markup.render(version.body_for(get_language() or "ja")),
            "can_edit": permissions.can_edit_pages(request.user),
        },
    )


@login_required
def page_edit(request: AuthenticatedRequest, page: str) -> HttpResponse:
    if page not in Page.values:
        raise Http404
    if not permissions.can_edit_pages(request.user):
        raise PermissionDenied
    current = selectors.page_current(page=page)
    form_class = forms.ConsentPageVersionForm if page in CONSENT_PAGES else forms.PageVersionForm
    initial = {}
    if current is not None:
        initial = {f: getattr(current, f) for f in ("body_ja", "body_en", "body_ja_easy")}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.page_version_publish(
                page=page,
                body_ja=data["body_ja"],
                body_en=data["body_en"],
                body_ja_easy=data["body_ja_easy"],
                reason=data["reason"],
                needs_consent=data.get("change") == "new_version",
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The new version is published."))
            return redirect(f"legal:{page}")
    return render(
        request,
        "legal/page_edit.html",
        {"page": Page(page), "form": form, "current": current},
    )


@login_required
def page_history(request: AuthenticatedRequest, page: str) -> HttpResponse:
    if page not in Page.values:
        raise Http404
    if not permissions.can_edit_pages(request.user):
        raise PermissionDenied
    versions = selectors.page_version_list(page=page)
    return render(request, "legal/page_history.html", {"page": Page(page), "versions": versions})


@login_required
def consent(request: AuthenticatedRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    form = forms.ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. Your agreement is recorded."))
            return redirect(next_url or "core:home")
    return render(
        request,
        "legal/consent.html",
        {
            "form": form,
            "next": next_url,
            "terms": selectors.page_current(page=Page.TERMS),
            "privacy": selectors.page_current(page=Page.PRIVACY),
            "needed": selectors.consent_needed(user=request.user),
        },
    )
