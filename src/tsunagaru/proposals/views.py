"""Pages of the proposal table. Thin: selector → permission → service → page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tsunagaru.proposals import permissions, selectors


def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(pk)
    if proposal is None or not permissions.can_view(request.user, proposal):
        raise Http404
    return render(request, "proposals/proposal_detail.html", {"proposal": proposal})
