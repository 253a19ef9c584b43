"""Pages of the translations app: a text's versions and their form, the translators' queue,
and the staff's list of translators."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagaru.accounts.models import User
from tsunagaru.core.forms import add_service_errors
from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.translations import forms, permissions, registry, selectors, services
from tsunagaru.translations.models import Translator


def _record(key: str, pk: int) -> tuple[registry.Kind, models.Model]:
    try:
        kind = registry.kind(key)
    except LookupError:
        raise Http404 from None
    return kind, get_object_or_404(kind.model_class, pk=pk)


def _language(code: str) -> str:
    name = dict(registry.target_languages()).get(code)
    if name is None:
        raise Http404
    return name


@login_required
def version_edit(request: AuthenticatedRequest, kind: str, pk: int, language: str) -> HttpResponse:
    """Write (or correct) a text's version in one language, the original beside each part."""
    text_kind, record = _record(kind, pk)
    language_name = _language(language)
    if not permissions.can_write_version(request.user, record, language):
        raise PermissionDenied
    originals = {
        name: str(getattr(record, name) or "")
        for name in text_kind.fields
        if str(getattr(record, name) or "").strip()
    }
    labels = {
        name: str(getattr(record._meta.get_field(name), "verbose_name", name)) for name in originals
    }
    form = forms.VersionForm(
        request.POST or None,
        initial=selectors.version_texts(record, language),
        originals=originals,
        labels=labels,
        easy=language == "ja-easy",
        # A title is one line; the stories are text areas.
        one_line=frozenset(
            name
            for name in originals
            if not isinstance(record._meta.get_field(name), models.TextField)
        ),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.versions_save(
                record=record, language=language, texts=form.cleaned_data, by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The %(language)s version is saved.") % {"language": language_name}
            )
            return redirect(record.get_absolute_url())  # type: ignore[attr-defined]
    rows = [(form[name], originals[name]) for name in originals]
    context = {
        "record": record,
        "kind": text_kind,
        "language": language,
        "language_name": language_name,
        "form": form,
        "rows": rows,
    }
    return render(request, "translations/version_form.html", context)


@login_required
def queue(request: AuthenticatedRequest) -> HttpResponse:
    """The most-read public texts without a version in the translator's language."""
    if not permissions.can_use_queue(request.user):
        raise PermissionDenied
    mine = permissions.translator_languages(request.user)
    languages = [
        (code, name)
        for code, name in registry.target_languages()
        if code in mine or permissions.can_appoint_translators(request.user)
    ]
    language = request.GET.get("language") or languages[0][0]
    if language not in dict(languages):
        raise Http404
    context = {
        "languages": languages,
        "language": language,
        "language_name": dict(languages)[language],
        "items": selectors.queue(language=language),
    }
    return render(request, "translations/queue.html", context)


@login_required
def translators(request: AuthenticatedRequest) -> HttpResponse:
    """The city's staff appoint volunteer translators and see who translates what."""
    if not permissions.can_appoint_translators(request.user):
        raise PermissionDenied
    form = forms.TranslatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = User.objects.filter(
            email__iexact=form.cleaned_data["email"], is_active=True
        ).first()
        if person is None:
            form.add_error("email", _("No account has this e-mail address."))
        else:
            try:
                services.translator_appoint(
                    user=person, languages=form.cleaned_data["languages"], by=request.user
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("%(name)s translates now.") % {"name": person})
                return redirect("translations:translators")
    names = dict(registry.target_languages())
    rows: list[dict[str, Any]] = [
        {"translator": t, "languages": [names.get(code, code) for code in t.language_codes]}
        for t in selectors.translator_list()
    ]
    return render(request, "translations/translators.html", {"form": form, "rows": rows})


@login_required
@require_POST
def translator_retire(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    if not permissions.can_appoint_translators(request.user):
        raise PermissionDenied
    translator = get_object_or_404(Translator, pk=pk)
    services.translator_retire(translator=translator, by=request.user)
    messages.success(request, _("%(name)s no longer translates.") % {"name": translator.user})
    return redirect("translations:translators")
