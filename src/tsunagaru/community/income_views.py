"""The page of a 地区振興会's own income (自主財源): its members record it year by year; the
support staff read it when they help with the 自立チャレンジ application. Thin views."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tsunagaru.community import income_selectors as selectors
from tsunagaru.community import income_services as services
from tsunagaru.community import permissions
from tsunagaru.community.income_models import IncomeRecord
from tsunagaru.community.inventory_selectors import association_get, this_year
from tsunagaru.core.forms import DesignedFormMixin, add_service_errors
from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.core.templatetags.japanese_dates import fiscal_year_choices


class IncomeForm(DesignedFormMixin, django_forms.ModelForm):  # type: ignore[type-arg]
    year = django_forms.TypedChoiceField(label=gettext_lazy("Year (年度)"), coerce=int)

    class Meta:
        model = IncomeRecord
        fields = ["year", "source", "description", "amount"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        now = this_year()
        self.fields["year"].choices = fiscal_year_choices(now - 9, now)  # type: ignore[attr-defined]
        self.fields["amount"].widget.attrs.update({"min": 0, "inputmode": "numeric"})


@login_required
def income(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The association's own income by year, and the form to add a line."""
    group = association_get(pk)
    if group is None:
        raise Http404
    if not permissions.can_see_inventory(request.user, group):
        raise PermissionDenied
    can_edit = permissions.can_keep_inventory(request.user, group)
    form = IncomeForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.income_add(organisation=group, data=form.cleaned_data, by=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The income is recorded."))
                return redirect("community:income", pk=group.pk)
    context = {
        "organisation": group,
        "years": selectors.income_years(group),
        "form": form,
        "can_edit": can_edit,
    }
    return render(request, "community/income.html", context)


@require_POST
@login_required
def income_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(IncomeRecord.objects.select_related("organisation"), pk=pk)
    if not permissions.can_keep_inventory(request.user, record.organisation):
        raise PermissionDenied
    services.income_remove(record=record, by=request.user)
    messages.success(request, _("The line is removed."))
    return redirect("community:income", pk=record.organisation_id)
