"""Series of events that belong to another app: an academy cohort's sessions are added on the
cohort's page, which also registers everyone accepted. The events' own form does not offer such
a series for a new session, and the services refuse to put an event into one except for its
owner — a session added elsewhere would leave the participants unregistered.

info knows no later app: each owner registers, in its AppConfig.ready, the condition that
picks its series (as core.workspace's sections are registered).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from operator import or_

from django.db.models import Q

from tsunagaru.info.models import EventSeries

_owners: dict[str, Callable[[], Q]] = {}


def register(key: str, condition: Callable[[], Q]) -> None:
    """Mark the series matching `condition()` as owned by another app (`key` names it)."""
    _owners[key] = condition


def owned() -> Q | None:
    """The condition matching every owned series, or None when no app owns any."""
    conditions = [condition() for condition in _owners.values()]
    return reduce(or_, conditions) if conditions else None


def is_owned(series: EventSeries) -> bool:
    condition = owned()
    return condition is not None and EventSeries.objects.filter(condition, pk=series.pk).exists()
