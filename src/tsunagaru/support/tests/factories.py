from __future__ import annotations

import factory
from django.utils import timezone

from tsunagaru.accounts.tests.factories import UserFactory
from tsunagaru.partners.tests.factories import OrganisationFactory
from tsunagaru.support import services
from tsunagaru.support.models import CentreRegistration, Consultation, Topic


class ConsultationFactory(factory.django.DjangoModelFactory):
    """A question asked online by a guest, waiting in the queue."""

    class Meta:
        model = Consultation
        skip_postgeneration_save = True

    topic = factory.LazyFunction(lambda: Topic.objects.get(code="founding"))
    subject = factory.Sequence(lambda n: f"子ども食堂を始めたい{n}")
    question = (
        "地区センターで月に一度、子ども食堂を開きたいと考えています。何から始めればよいですか。"
    )
    asker_name = "及川 和子"
    asker_email = factory.Sequence(lambda n: f"asker{n}@example.jp")
    asker_phone = "0197-24-2111"
    status = Consultation.Status.OPEN
    answered_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == Consultation.Status.ANSWERED else None
    )

    @factory.post_generation
    def indexed(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            services.consultation_index(self)


class CentreRegistrationFactory(factory.django.DjangoModelFactory):
    """An application waiting for the centre."""

    class Meta:
        model = CentreRegistration

    organisation = factory.SubFactory(OrganisationFactory)
    activities = "月に一度、地区の高齢者と子どもが一緒に食事をする会を開いています。"
    applied_by = factory.SubFactory(UserFactory)
