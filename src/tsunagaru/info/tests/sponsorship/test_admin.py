"""The grounds for refusal are data staff edit in the admin: audited, retired, never deleted."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tsunagaru.audit.models import AuditEvent
from tsunagaru.info.sponsorship_models import SponsorshipGround

pytestmark = pytest.mark.django_db


def test_an_administrator_rewords_a_ground_and_it_is_audited(client, administrator):
    ground = SponsorshipGround.objects.get(code="fee")
    client.force_login(administrator)
    response = client.post(
        reverse("admin:info_sponsorshipground_change", args=[ground.pk]),
        {
            "code": "fee",
            "name": "参加費が実費を大きく上回りますか。",
            "name_en": ground.name_en,
            "order": ground.order,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    audit = AuditEvent.objects.get(action="sponsorshipground.update")
    assert audit.after == {"name": "参加費が実費を大きく上回りますか。"}


def test_a_ground_is_never_deleted_in_the_admin(client, administrator):
    ground = SponsorshipGround.objects.get(code="fee")
    client.force_login(administrator)
    url = reverse("admin:info_sponsorshipground_delete", args=[ground.pk])
    assert client.get(url).status_code == 403
