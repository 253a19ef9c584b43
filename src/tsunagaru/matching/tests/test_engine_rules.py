"""Complementarity, not similarity: a partner short of the same thing cannot give it."""

from __future__ import annotations

import pytest

from tsunagaru.matching.engine import Engine, Profile

ASKER = Profile(id="asker", kind="自治会・町内会", area="衣川", district="大森", needs="")
NEED = "子ども食堂を開く会場が足りない"  # wants a place (場所)


def twins(*, first: str) -> list[Profile]:
    """Two NPOs that run a 子ども食堂; one is itself short of a room (場所), the other of money
    (資金). Nothing else differs, and neither shares a word with the need in its needs."""
    same = Profile(
        id="same_resource",
        kind="NPO法人",
        strengths="子ども食堂を運営しています。",
        needs="活動する部屋が見つからない",
    )
    other = Profile(
        id="other",
        kind="NPO法人",
        strengths="子ども食堂を運営しています。",
        needs="活動する資金が見つからない",
    )
    return [same, other] if first == "same_resource" else [other, same]


@pytest.mark.parametrize("first", ["same_resource", "other"])
def test_a_partner_needing_the_same_resource_is_ranked_lower(first):
    # Added in both orders, so a tie broken by the order of the index cannot pass.
    engine = Engine(glossary=[])
    for profile in (ASKER, *twins(first=first)):
        engine.add(profile)

    ranked = engine.rank(NEED, from_id="asker", limit=5)

    assert [m.id for m in ranked] == ["other", "same_resource"]
    assert ranked[0].score > ranked[1].score
