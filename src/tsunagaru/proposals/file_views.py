"""The files shared at a proposal table: its documents and the photos of progress reports.

They belong to the table (提案テーブル), so only those who may see the table have them: the
parties and the support staff, or the proposer's members while it is a draft. Everyone else gets
404, as if the file did not exist; nothing here is ever public or kept in a shared cache.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from tsunagaru.core.serving import file_response
from tsunagaru.proposals import permissions, selectors
from tsunagaru.proposals.models import Document, Proposal, ReportPhoto


@require_safe
def document(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    """A document shared at the table, as a download named after its title."""
    proposal = _table(request, pk)
    shared = get_object_or_404(Document, pk=document_pk, proposal=proposal)
    return file_response(shared.file, public=False, title=shared.title)


@require_safe
def report_photo(
    request: HttpRequest, pk: int, photo_pk: int, size: str = "display"
) -> FileResponse:
    """A progress report's photo (or its thumbnail), shown inline."""
    proposal = _table(request, pk)
    picture = get_object_or_404(ReportPhoto, pk=photo_pk, report__proposal=proposal)
    stored = picture.thumbnail if size == "thumbnail" and picture.thumbnail else picture.image
    return file_response(stored, public=False, inline=True)


def _table(request: HttpRequest, pk: int) -> Proposal:
    proposal = selectors.proposal_get(pk)
    if proposal is None or not permissions.can_view_table(request.user, proposal):
        raise Http404
    return proposal
