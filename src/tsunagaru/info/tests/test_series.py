"""Courses of several sessions: materials for participants, attendance across sessions."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tsunagaru.audit.models import AuditEvent
from tsunagaru.guideline.models import Program
from tsunagaru.info import permissions, services
from tsunagaru.info.models import Registration
from tsunagaru.info.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def course(event, organiser_member):
    program = Program.objects.get(name="地域づくり活動推進スキルアップ研修開催事業")
    series = services.series_save(
        series=None,
        data={"title": "地域づくりスキルアップ研修（全3回）", "program": program},
        organiser=event.organiser,
        by=organiser_member,
    )
    event.series = series
    event.save()
    second = EventFactory(organiser=event.organiser, series=series, title="第2回")
    return series, [event, second]


def test_a_handout_for_participants_is_downloaded_by_them_and_not_by_others(
    client, course, organiser_member, resident, make_resident
):
    series, sessions = course
    material = services.material_add(
        series=series,
        title="第1回資料",
        file=SimpleUploadedFile("shiryo.pdf", PDF, content_type="application/pdf"),
        public=False,
        by=organiser_member,
    )
    stranger = make_resident(9)
    RegistrationFactory(event=sessions[1], user=resident)
    assert permissions.can_download_material(resident, material)
    assert not permissions.can_download_material(stranger, material)
    client.force_login(stranger)
    assert client.get(reverse("info:material", args=[material.pk])).status_code == 404
    assert "第1回資料" not in client.get(series.get_absolute_url()).content.decode()
    client.force_login(resident)
    assert "第1回資料" in client.get(series.get_absolute_url()).content.decode()
    response = client.get(reverse("info:material", args=[material.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    Registration.objects.filter(user=resident).update(status=Registration.Status.CANCELLED)
    assert not permissions.can_download_material(resident, material)


def test_a_file_that_is_not_a_document_is_refused(course, organiser_member):
    series, _sessions = course
    with pytest.raises(ValidationError):
        services.material_add(
            series=series,
            title="怪しいファイル",
            file=SimpleUploadedFile(
                "tool.pdf", b"MZ\x90\x00binary", content_type="application/pdf"
            ),
            public=True,
            by=organiser_member,
        )
    assert not series.materials.exists()


def test_the_organiser_sees_attendance_across_sessions_and_the_public_does_not(
    client, course, organiser_member, resident
):
    series, sessions = course
    RegistrationFactory(event=sessions[0], user=resident, name="奥州 花子", attended=True)
    RegistrationFactory(event=sessions[1], user=resident, name="奥州 花子", attended=False)
    client.force_login(organiser_member)
    page = client.get(series.get_absolute_url()).content.decode()
    assert "奥州 花子" in page
    assert "○" in page
    assert "×" in page
    assert AuditEvent.objects.filter(action="series.attendance_view").exists()
    client.logout()
    public = client.get(series.get_absolute_url()).content.decode()
    assert "奥州 花子" not in public
    assert sessions[1].title in public


def test_a_series_belongs_to_a_programme_of_the_guideline(course):
    series, _sessions = course
    assert series.program.name == "地域づくり活動推進スキルアップ研修開催事業"
    assert AuditEvent.objects.filter(action="series.create").exists()
