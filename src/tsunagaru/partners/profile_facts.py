"""More about a volunteer than their profile says, from the apps built on partners (an academy
graduate's courses, shown only if they chose so). Each app registers a provider in its
AppConfig.ready; pages that show profiles ask `facts_for` once for all the profiles they show,
so the queries do not grow with the profiles (one per provider).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise

from tsunagaru.partners.models import VolunteerProfile

# profiles → {profile pk: lines to show} (profiles without anything to show left out)
Provider = Callable[[Sequence[VolunteerProfile]], dict[int, list[str]]]


@dataclass(frozen=True)
class Fact:
    label: str | Promise
    lines: list[str]


_providers: dict[str, tuple[str | Promise, Provider]] = {}


def register(key: str, label: str | Promise, provider: Provider) -> None:
    """Add (or, with the same key, replace) a provider of facts shown under `label`."""
    _providers[key] = (label, provider)


def facts_for(profiles: Sequence[VolunteerProfile]) -> dict[int, list[Fact]]:
    """For each of `profiles` (by pk), the facts the registered apps add, in key order."""
    found: dict[int, list[Fact]] = {p.pk: [] for p in profiles}
    if not profiles:
        return found
    for key in sorted(_providers):
        label, provider = _providers[key]
        for pk, lines in provider(profiles).items():
            if lines and pk in found:
                found[pk].append(Fact(label, lines))
    return found
