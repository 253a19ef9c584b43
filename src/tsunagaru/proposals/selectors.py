"""Reads of the proposal table."""

from __future__ import annotations

from tsunagaru.proposals.models import Proposal


def proposal_get(pk: int) -> Proposal | None:
    return (
        Proposal.objects.select_related("proposer", "agreement")
        .prefetch_related("parties__organisation", "forms")
        .filter(pk=pk)
        .first()
    )
