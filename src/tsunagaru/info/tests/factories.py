from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from tsunagaru.accounts.tests.factories import UserFactory
from tsunagaru.info.models import Event, EventKind, Registration
from tsunagaru.partners.tests.factories import OrganisationFactory


def _in_days(days: int, hour: int) -> object:
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"地域づくり講座 第{n}回")
    description = "地区の課題をみんなで話し合う講座です。"
    organiser = factory.SubFactory(OrganisationFactory)
    kind = factory.LazyFunction(lambda: EventKind.objects.get(code="course"))
    place_name = "水沢地区センター"
    address = "岩手県奥州市水沢大手町1-1"
    starts_at = factory.LazyFunction(lambda: _in_days(10, 14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    status = Event.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    registration_required = True
    capacity = 30
    created_by = factory.SubFactory(UserFactory)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"奥州 花子{n}")
    email = factory.Sequence(lambda n: f"hanako{n}@example.jp")
    status = Registration.Status.REGISTERED
