"""Seats under simultaneous requests: real transactions on separate connections."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tsunagaru.accounts.models import Role
from tsunagaru.info import services
from tsunagaru.info.models import Registration
from tsunagaru.info.tests.factories import EventFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("guideline", "oshu"),  # a transactional test flushes them
]


def _at_once(work: Callable[[Any], str], items: list[Any]) -> list[str]:
    """Run `work(item)` for every item in its own thread, all released together."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers at BEGIN IMMEDIATE; the race needs PostgreSQL")
    start = threading.Barrier(len(items))
    outcomes: list[str] = []

    def run(item: Any) -> None:
        try:
            start.wait()
            outcomes.append(work(item))
        except ValidationError as error:
            outcomes.append(str(error.code))
        except Exception as error:  # shown in the assertion, not lost in the thread
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_cancellations_at_once_promote_two_different_people(make_user):
    event = EventFactory(capacity=2)
    people = [make_user(Role.RESIDENT, email=f"r{n}@example.jp") for n in range(5)]
    places = [services.registration_create(event=event, user=p, by=p) for p in people]
    seated, waiting = places[:2], places[2:]

    outcomes = _at_once(
        lambda place: services.registration_cancel(registration=place, by=place.user).status,
        seated,
    )

    assert outcomes == ["cancelled", "cancelled"]
    states = {r.pk: r.status for r in Registration.objects.filter(event=event)}
    assert [states[w.pk] for w in waiting] == ["registered", "registered", "waitlisted"]


def test_many_registrations_at_once_fill_exactly_the_seats(make_user):
    event = EventFactory(capacity=3)
    people = [make_user(Role.RESIDENT, email=f"p{n}@example.jp") for n in range(8)]

    outcomes = _at_once(
        lambda person: services.registration_create(event=event, user=person, by=person).status,
        people,
    )

    assert sorted(outcomes) == ["registered"] * 3 + ["waitlisted"] * 5
    assert event.registrations.filter(status="registered").count() == 3


def test_a_double_click_on_register_makes_one_registration(make_user):
    event = EventFactory(capacity=3)
    person = make_user(Role.RESIDENT, email="double@example.jp")

    outcomes = _at_once(
        lambda who: services.registration_create(event=event, user=who, by=who).status,
        [person, person],
    )

    assert sorted(outcomes) == ["already_registered", "registered"]
    assert event.registrations.count() == 1
