"""Every account mail (allauth's, with our templates) in every language: the service, the city,
the one subject prefix, and none of allauth's stock greeting with the host name."""

from pathlib import Path

import pytest
from allauth.account.adapter import get_adapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone, translation

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# Every mail allauth can send: each has a subject and a message of ours.
PREFIXES = sorted(
    str(p.relative_to(TEMPLATES)).removesuffix("_subject.txt")
    for p in TEMPLATES.glob("*/email/*_subject.txt")
)
CONTEXT = {
    "activate_url": "http://testserver/accounts/confirm-email/KEY/",
    "password_reset_url": "http://testserver/accounts/password/reset/key/KEY/",
    "signup_url": "http://testserver/accounts/signup/",
    "code": "",
    "from_email": "old@example.jp",
    "to_email": "new@example.jp",
    "deleted_email": "old@example.jp",
    "ip": "192.0.2.10",
    "user_agent": "Mozilla/5.0",
}
SERVICE = {"ja": "つながる", "ja-easy": "つながる", "en": "Tsunagaru"}
CITY = {"ja": "奥州市", "ja-easy": "奥州市", "en": "Oshu City"}
STOCK = (
    "127.0.0.1:8101",
    "testserver!",
    "こんにちは",
    "Hello from",
    "example.com",
    "ありがとうございます",
)


def test_every_allauth_mail_has_a_template_of_ours():
    allauth_templates = Path(__import__("allauth").__file__).parent / "templates"
    theirs = {
        str(p.relative_to(allauth_templates))
        for app in ("account", "mfa")  # socialaccount is not installed
        for p in allauth_templates.glob(f"{app}/email/*.txt")
        if "webauthn" not in p.name and not p.name.startswith("base_")
    }
    ours = {str(p.relative_to(TEMPLATES)) for p in TEMPLATES.glob("*/email/*.txt")}

    assert theirs - ours == set()


@pytest.mark.parametrize("language", ["ja", "en", "ja-easy"])
@pytest.mark.parametrize("prefix", PREFIXES)
def test_account_mail_names_service_and_city_with_the_subject_prefix(prefix, language, resident):
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1:8101")
    request.user = resident
    with allauth_context.request_context(request), translation.override(language):
        get_adapter(request).send_mail(
            prefix, resident.email, {**CONTEXT, "user": resident, "timestamp": timezone.now()}
        )

    message = mail.outbox[-1]
    assert message.subject.startswith(settings.EMAIL_SUBJECT_PREFIX)
    assert len(message.subject) > len(settings.EMAIL_SUBJECT_PREFIX)
    assert SERVICE[language] in message.body
    assert CITY[language] in message.body
    assert settings.SITE_URL + "/contact/" in message.body
    assert not [s for s in STOCK if s in message.body or s in message.subject]


def test_notification_mail_dates_are_wareki_in_japanese(resident):
    request = RequestFactory().get("/")
    request.user = resident
    with allauth_context.request_context(request), translation.override("ja"):
        get_adapter(request).send_notification_mail("account/email/password_changed", resident)

    assert "令和" in mail.outbox[-1].body


def test_project_mails_use_the_same_prefix():
    from tsunagaru.core.mail import mail_subject

    assert (
        mail_subject("提案「駅前\r\n花壇」") == settings.EMAIL_SUBJECT_PREFIX + "提案「駅前 花壇」"
    )
    assert settings.ACCOUNT_EMAIL_SUBJECT_PREFIX == settings.EMAIL_SUBJECT_PREFIX
