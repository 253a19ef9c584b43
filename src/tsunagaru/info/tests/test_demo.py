"""The demo month of events: each state the organisers and residents meet is there."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tsunagaru.info.models import Contribution, Event, EventSeries, Registration

pytestmark = pytest.mark.django_db


def test_the_demo_month_shows_every_state_of_an_event(demo_data, client):

    assert Event.objects.filter(status=Event.Status.CANCELLED).exists()
    assert Event.objects.filter(status=Event.Status.IN_REVIEW).exists()
    full = Event.objects.get(title="そば打ち交流会")
    assert full.registrations.filter(status="registered").count() == full.capacity
    assert full.registrations.filter(status="waitlisted").count() >= 2
    assert Contribution.objects.filter(kind="exhibitor", status="accepted").count() >= 2
    assert Contribution.objects.filter(kind="presentation", status="accepted").exists()
    course = EventSeries.objects.get(program__name="地域づくり活動推進スキルアップ研修開催事業")
    assert course.sessions.count() == 3
    assert Registration.objects.filter(event__series=course, attended=True).count() == 3
    page = client.get(reverse("info:events")).content.decode()
    assert "つながるフェスタ2026" in page
    # A few events carry a drawn picture, each described for people who cannot see it.
    pictured = Event.objects.exclude(image="")
    assert pictured.count() == 3
    assert all(e.alt_text.startswith("イメージイラスト") and e.thumbnail for e in pictured)
    festa = pictured.get(title="つながるフェスタ2026")
    assert f'src="{reverse("info:thumbnail", args=[festa.pk])}"' in page
    assert "雪かきボランティア説明会" not in page  # waits for the city's review
