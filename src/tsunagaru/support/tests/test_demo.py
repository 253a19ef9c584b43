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
    # The centre's own demo registers two groups, one has expired and one waits; the grants
    # demo registers the groups that apply for a grant.
    in_force = {r.organisation.name for r in selectors.registrations_in_force()}
    assert {"稲瀬振興会", "NPO法人こぼ"} <= in_force
    assert [r.organisation.name for r in selectors.registrations_expired()] == ["米里振興会"]
    assert [r.organisation.name for r in selectors.registrations_waiting()] == [
        "みずさわ子ども食堂"
    ]
    # Every group with a registration is in one of the lists (a group that also applied to a
    # grant last year has its registration of then as well).
    groups = CentreRegistration.objects.values("organisation").distinct().count()
    assert groups == len(in_force) + 2
    client.login(email="coordinator@example.jp", password=demo.DEMO_PASSWORD)
    page = client.get(reverse("support:queue"), {"due": "on"}).content.decode()
    assert "防災訓練のやり方" in page
