"""A person's notices: newest first; opening the page marks them read (or a button does)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render

from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.notices import selectors, services


@login_required
def notice_list(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        services.notices_read(user=request.user)
        return redirect("notices:list")
    page = Paginator(selectors.notice_list(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "notices/notice_list.html", {"page": page})
