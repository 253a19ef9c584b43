"""The demo has two 後援 requests: one approved with its report filed, one refused."""

from __future__ import annotations

import pytest

from tsunagaru.info import sponsorship_permissions
from tsunagaru.info.sponsorship_models import SponsorshipRequest
from tsunagaru.partners.models import Membership

pytestmark = pytest.mark.django_db


def test_the_demo_walks_one_request_to_its_report_and_refuses_another(demo_data):
    states = dict(SponsorshipRequest.objects.values_list("title", "status"))
    assert states == {"稲瀬ふるさと夏まつり": "reported", "ひめかゆ新商品お披露目即売会": "refused"}
    refused = SponsorshipRequest.objects.get(status="refused")
    assert refused.refusal_reason
    assert refused.letter_reference


def test_the_demos_requests_to_the_city_are_decided_by_the_collaboration_section(demo_data):
    desk = sponsorship_permissions.city_desk()
    assert desk is not None
    for request in SponsorshipRequest.objects.exclude(decided_by=None):
        assert request.department is None
        assert Membership.objects.filter(organisation=desk, user=request.decided_by).exists()
