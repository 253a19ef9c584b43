"""Completion, the certificate and its verification code."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from tsunagaru.academy import certificate as certificate_pdf
from tsunagaru.academy import services
from tsunagaru.academy.models import Application, Certificate
from tsunagaru.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def complete(running):
    return services.completion_confirm(application=running.application, by=running.staff)


def hand_in(running):
    services.assignment_submit(
        application=running.application,
        text="地区の空き家を交流の場にする計画です。",
        file=None,
        by=running.application.user,
    )


def test_completion_is_refused_below_the_sessions_the_course_asks_for(running):
    running.attend(4)
    hand_in(running)

    with pytest.raises(ValidationError) as refused:
        complete(running)

    assert refused.value.code == "too_few_sessions"
    assert not Certificate.objects.exists()


def test_completion_is_refused_without_the_assignment(running):
    running.attend(6)

    with pytest.raises(ValidationError) as refused:
        complete(running)

    assert refused.value.code == "no_assignment"
    assert not Certificate.objects.exists()


def test_completion_issues_a_certificate_with_a_random_code_audited_and_mailed(running):
    running.attend(5)
    hand_in(running)

    certificate = complete(running)

    running.application.refresh_from_db()
    assert running.application.status == Application.Status.COMPLETED
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", certificate.code)
    assert certificate.name == running.application.user.full_name
    assert not certificate.show_name  # the graduate decides
    assert AuditEvent.objects.filter(action="application.complete").count() == 1
    assert mail.outbox[-1].to == [running.application.user.email]


def test_completion_cannot_be_confirmed_twice(running):
    running.attend(6)
    hand_in(running)
    complete(running)

    with pytest.raises(ValidationError) as refused:
        complete(running)

    assert refused.value.code == "invalid_transition"
    assert Certificate.objects.count() == 1


def test_the_certificate_is_japanese_with_the_city_course_wareki_date_and_code(running):
    running.attend(6)
    hand_in(running)
    certificate = complete(running)

    html = certificate_pdf.html(certificate)

    assert "修了証" in html
    assert "協働のまちづくりアカデミー（初級編）" in html
    assert "令和" in html
    assert certificate.code in html
    assert "奥州市長" in html


def test_the_certificate_is_a_pdf(running):
    running.attend(6)
    hand_in(running)
    certificate = complete(running)

    assert certificate_pdf.pdf(certificate).startswith(b"%PDF")


def test_the_graduate_switches_their_name_on_the_public_page_audited(running):
    running.attend(6)
    hand_in(running)
    certificate = complete(running)

    services.certificate_consent(
        certificate=certificate, show_name=True, by=running.application.user
    )

    assert Certificate.objects.get(pk=certificate.pk).show_name
    assert AuditEvent.objects.filter(action="certificate.consent").count() == 1
