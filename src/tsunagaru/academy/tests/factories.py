from __future__ import annotations

from datetime import datetime, timedelta

import factory
from django.utils import timezone

from tsunagaru.academy.models import Application, Cohort, Course
from tsunagaru.accounts.tests.factories import UserFactory
from tsunagaru.guideline.models import OrganisationKind
from tsunagaru.info.models import EventSeries
from tsunagaru.partners.tests.factories import OrganisationFactory


def in_days(days: int, hour: int = 18) -> datetime:
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class DepartmentFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"奥州市 協働まちづくり部 地域づくり推進課{n}")
    kind = factory.LazyFunction(lambda: OrganisationKind.objects.get(code="city_department"))


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSeries

    title = "令和7年度 協働のまちづくりアカデミー（初級編）"
    organiser = factory.SubFactory(DepartmentFactory)


class CohortFactory(factory.django.DjangoModelFactory):
    """A cohort of the seeded beginner course (attend 5 of 6 and hand in a plan), 2 places."""

    class Meta:
        model = Cohort

    course = factory.LazyFunction(lambda: Course.objects.get(code="beginner"))
    fiscal_year = 2025
    series = factory.SubFactory(SeriesFactory)
    capacity = 2
    applications_close_at = factory.LazyFunction(lambda: in_days(14))
    created_by = factory.SubFactory(UserFactory)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    cohort = factory.SubFactory(CohortFactory)
    user = factory.SubFactory(UserFactory)
    motivation = "地区の子ども会を立て直したいので、協働の進め方を学びたいです。"
    status = Application.Status.APPLIED
