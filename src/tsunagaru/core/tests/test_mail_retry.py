"""A mail server that is down does not turn a saved change into an error page, and the mail
is not lost: the task worker sends it once the server is back (core.mail.RetryingSMTPBackend)."""

from __future__ import annotations

import logging
import socket
from datetime import timedelta

import pytest
import time_machine
from django.core import mail as django_mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tsunagaru.core import mail
from tsunagaru.core.tasks import mail_retry

pytestmark = pytest.mark.django_db

TASK = "tsunagaru.core.tasks.mail_retry"


def closed_port():
    """A port where nothing listens (connection refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server_down(settings):
    settings.EMAIL_BACKEND = "tsunagaru.core.mail.RetryingSMTPBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False


def held():
    return list(DBTaskResult.objects.filter(task_path=TASK).order_by("enqueued_at"))


def send(to="yamada@example.jp", subject="お申し込みを受け付けました"):
    return django_mail.EmailMessage(subject, "本文です。", "noreply@example.jp", [to]).send()


def test_a_person_gets_no_error_page_when_the_mail_server_is_down(client, make_user, server_down):
    make_user(email="yamada@example.jp")

    response = client.post(reverse("account_reset_password"), {"email": "yamada@example.jp"})

    assert response.status_code == 302
    (task,) = held()
    assert task.args_kwargs["kwargs"]["recipients"] == ["yamada@example.jp"]


# Real transactions: the worker closes its database connection when it stops, which a test
# wrapped in one transaction could not survive (PostgreSQL).
@pytest.mark.django_db(transaction=True)
def test_a_held_mail_waits_a_minute_then_the_worker_sends_it_as_written(smtp, settings):
    live_port, settings.EMAIL_PORT = settings.EMAIL_PORT, closed_port()
    assert send() == 0
    (task,) = held()
    assert timedelta(seconds=50) < task.run_after - timezone.now() <= timedelta(minutes=1)
    settings.EMAIL_PORT = live_port

    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)

    (message,) = smtp.messages
    assert message["To"] == "yamada@example.jp"
    assert "お申し込みを受け付けました" in message["Subject"]
    assert message.get_body(preferencelist=("plain",)).get_content().strip() == "本文です。"
    assert [t.status for t in held()] == ["SUCCESSFUL"]


def test_a_server_still_down_holds_the_mail_again_with_a_longer_pause(server_down):
    content = mail.raw(django_mail.EmailMessage("件名", "本文", "a@example.jp", ["b@example.jp"]))

    mail_retry.call(content=content, sender="a@example.jp", recipients=["b@example.jp"], attempt=1)

    (again,) = held()
    assert again.args_kwargs["kwargs"]["attempt"] == 2
    assert again.run_after - timezone.now() > timedelta(minutes=4)


def test_after_the_last_try_the_mail_is_given_up_and_logged(server_down, caplog):
    content = mail.raw(django_mail.EmailMessage("件名", "本文", "a@example.jp", ["b@example.jp"]))
    last = len(mail.RETRY_PAUSES)

    with caplog.at_level(logging.ERROR, logger="tsunagaru.core.mail"):
        mail_retry.call(
            content=content, sender="a@example.jp", recipients=["b@example.jp"], attempt=last
        )

    assert held() == []
    assert "given up" in caplog.text


class Refusing:
    """A mail server that refuses one address for good and another for now (greylisting)."""

    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("nobody@"):
            return "550 No such user"
        if address.startswith("later@"):
            return "450 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def refusing(settings):
    from conftest import SMTPOnAFreePort

    handler = Refusing()
    controller = SMTPOnAFreePort(handler, hostname="127.0.0.1")
    controller.start()
    settings.EMAIL_BACKEND = "tsunagaru.core.mail.RetryingSMTPBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield handler
    controller.stop()


def test_a_refused_address_is_not_retried_but_a_greylisted_one_is(refusing, caplog):
    with caplog.at_level(logging.ERROR, logger="tsunagaru.core.mail"):
        sent = sum(send(to) for to in ("nobody@example.jp", "later@example.jp", "ok@example.jp"))

    assert sent == 1
    assert [e.rcpt_tos for e in refusing.messages] == [["ok@example.jp"]]
    assert [t.args_kwargs["kwargs"]["recipients"] for t in held()] == [["later@example.jp"]]
    assert "nobody@example.jp" in caplog.text
