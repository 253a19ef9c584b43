"""The demo support centre: 30 consultations across topics and channels with referrals, and
registrations in every state the staff meet."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tsunagaru.core import demo
from tsunagaru.support import selectors
from tsunagaru.support.models import CentreRegistration, Consultation, Referral

pytestmark = pytest.mark.django_db


def test_the_demo_centre_has_consultations_referrals_and_registrations(demo_data, client):

    assert Consultation.objects.count() == 30
    assert Consultation.objects.values("topic").distinct().count() == 9
    assert Consultation.objects.values("channel").distinct().count() == 4
    assert Consultation.objects.filter(entered_by__isnull=False).exists()
    kinds = set(Referral.objects.values_list("kind", flat=True))
    assert kinds == {"department", "group", "program", "proposal"}
    assert selectors.registrations_in_force().count() == 2
    assert selectors.registrations_expired().count() == 1
    assert selectors.registrations_waiting().count() == 1
    assert CentreRegistration.objects.count() == 4
    client.login(email="coordinator@example.jp", password=demo.DEMO_PASSWORD)
    page = client.get(reverse("support:queue"), {"due": "on"}).content.decode()
    assert "防災訓練のやり方" in page
