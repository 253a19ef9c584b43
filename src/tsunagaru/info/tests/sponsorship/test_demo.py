"""The demo has two 後援 requests: one approved with its report filed, one refused."""

from __future__ import annotations

import pytest

from tsunagaru.core import demo
from tsunagaru.info.sponsorship_models import SponsorshipRequest

pytestmark = pytest.mark.django_db


def test_the_demo_walks_one_request_to_its_report_and_refuses_another():
    demo.load()
    demo.load()  # and can run twice
    states = dict(SponsorshipRequest.objects.values_list("title", "status"))
    assert states == {"稲瀬ふるさと夏まつり": "reported", "ひめかゆ新商品お披露目即売会": "refused"}
    refused = SponsorshipRequest.objects.get(status="refused")
    assert refused.refusal_reason
    assert refused.letter_reference
