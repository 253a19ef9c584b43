from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagaru.accounts import permissions
from tsunagaru.audit import selectors, tasks
from tsunagaru.audit.forms import AuditFilterForm
from tsunagaru.core import services as core_services
from tsunagaru.core.htmx import AuthenticatedRequest, render_page_or_fragment

PAGE_SIZE = 50


@login_required
def event_list(request: AuthenticatedRequest) -> HttpResponse:
    """Staff browse and filter the audit log. Entries can be read and exported, never edited."""
    if not permissions.can_view_audit_log(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    filters = form.to_filter() if form.is_valid() else selectors.AuditFilter()
    page = Paginator(selectors.event_list(filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_export": permissions.can_export_audit_log(request.user),
    }
    return render_page_or_fragment(request, "audit/event_list.html", "results", context)


@require_POST
@login_required
def event_export(request: AuthenticatedRequest) -> HttpResponse:
    """Start a CSV export of the filtered log as a background job and show its progress."""
    if not permissions.can_export_audit_log(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Correct the filter before exporting."))
        return redirect("audit:list")
    job = core_services.job_start(
        task=tasks.export_audit_csv,
        kind="audit.export",
        label=_("Audit log export"),
        by=request.user,
        filters=tasks.filter_to_dict(form.to_filter()),
    )
    return redirect(job)
