from __future__ import annotations

import factory

from tsunagaru.accounts.tests.factories import UserFactory
from tsunagaru.core.models import District
from tsunagaru.guideline.models import OrganisationKind
from tsunagaru.partners import services
from tsunagaru.partners.models import Membership, Organisation


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    kind = factory.LazyFunction(lambda: OrganisationKind.objects.get(code="volunteer_group"))
    name = factory.Sequence(lambda n: f"奥州ボランティアの会{n}")
    name_kana = factory.Sequence(lambda n: f"オウシュウボランティアノカイ{n}")
    district = factory.LazyFunction(lambda: District.objects.get(slug="inase"))
    area = factory.LazyAttribute(lambda o: o.district.area if o.district else None)
    description = "地域の清掃活動をしています。"
    status = Organisation.Status.VERIFIED
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def indexed(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            services.reindex(self)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.REPRESENTATIVE
