from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from tsunagaru.accounts.tests.factories import UserFactory
from tsunagaru.info.sponsorship_models import (
    SponsorshipAnswer,
    SponsorshipGround,
    SponsorshipRequest,
)
from tsunagaru.partners.tests.factories import OrganisationFactory


class SponsorshipRequestFactory(factory.django.DjangoModelFactory):
    """A draft request for a forum a month from now."""

    class Meta:
        model = SponsorshipRequest

    applicant = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"地域福祉フォーラム 第{n}回")
    purpose = "地域の支え合いについて考えるフォーラムを開き、市民の関心を高める。"
    organiser = factory.LazyAttribute(lambda o: o.applicant.name)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on)
    place = "奥州市文化会館 小ホール"
    fee = 500
    expected_participants = 120
    budget_income = 60000
    budget_expenses = 80000
    budget_note = "収入：参加費60,000円／支出：講師謝礼50,000円、会場使用料30,000円"
    contact = "奥州 太郎 0197-00-0000"
    created_by = factory.SubFactory(UserFactory)


def answer_all(
    request: SponsorshipRequest, *, concern: bool = False, explanation: str = ""
) -> None:
    """Answer every active ground for refusal the same way."""
    for ground in SponsorshipGround.objects.filter(is_active=True):
        SponsorshipAnswer.objects.update_or_create(
            request=request,
            ground=ground,
            defaults={"concern": concern, "explanation": explanation},
        )
