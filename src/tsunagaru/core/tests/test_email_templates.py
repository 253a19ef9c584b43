"""Every e-mail template of the project, rendered in Japanese and やさしい日本語, reads right.

The contact mail once said 「開始日: 〈sender〉」 because the sender label shared the msgid "From"
with the audit filter's date range. The templates are found on disk, so a new mail template is
checked without being listed here.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.utils.translation import override

from tsunagaru.partners import services
from tsunagaru.partners.tests.factories import OrganisationFactory

SRC = Path(__file__).resolve().parents[2]
SENDER = "sender@example.jp"
SENDER_NAME = "山田 花子"
SENDER_LABEL = {"ja": "差出人", "ja-easy": "送った 人"}
# Mails that pass on a message from someone: their sender line must read as a sender.
FORWARDED = {"partners/email/contact.txt"}
# Words that label a date or a date range: never the label of a person in a mail.
DATE_LABELS = ("開始日", "終了日", "いつから", "いつまで", "日付", "日にち")


def email_templates() -> list[str]:
    """Template names of every mail body and subject the project ships."""
    found = sorted(
        path.relative_to(path.parents[len(path.relative_to(templates).parts) - 1]).as_posix()
        for templates in SRC.glob("**/templates")
        for path in templates.glob("**/email/*")
        if path.suffix in {".txt", ".html"}
    )
    return found


class Anything:
    """A stand-in for any object a template reads: every attribute is another stand-in."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if name.endswith(("_at", "_on")):
            return datetime.datetime(2026, 4, 1, 10, 0, tzinfo=datetime.UTC)
        return Anything()

    def __getitem__(self, key: Any) -> Anything:
        # Django tries item lookup first: refuse it, so attributes decide (dates above).
        raise KeyError(key)

    def __iter__(self) -> Any:
        return iter(())

    def __str__(self) -> str:
        return "〇〇"


def _context() -> dict[str, Any]:
    return {
        "organisation": Anything(),
        "introduction": Anything(),
        "invitation": Anything(),
        "case": Anything(),
        "event": Anything(),
        "registration": Anything(),
        "contribution": Anything(),
        "user": Anything(),
        "name": SENDER_NAME,
        "email": SENDER,
        "message": "お祭りの手伝いについて相談させてください。",
        "link": "http://127.0.0.1:8000/x/",
    }


def test_the_project_has_mail_templates_to_check():
    templates = email_templates()

    assert "partners/email/contact.txt" in templates
    assert "matching/email/request.txt" in templates
    assert len(templates) >= 6


@pytest.mark.parametrize("language", ["ja", "ja-easy"])
@pytest.mark.parametrize("template", email_templates())
def test_every_mail_labels_no_person_as_a_date_and_forwarded_mail_names_its_sender(
    template, language
):
    with override(language):
        text = render_to_string(template, _context())

    people = [line for line in text.splitlines() if SENDER in line or SENDER_NAME in line]
    for line in people:
        # A person or an address is never labelled as a date (「開始日: 〈sender〉」).
        assert _label(line) not in DATE_LABELS, f"{template} ({language}): {line!r}"
    if template in FORWARDED:
        labels = [_label(line) for line in people if SENDER in line]
        assert labels == [SENDER_LABEL[language]], f"{template} ({language}): {people!r}"


def _label(line: str) -> str:
    """The short label before a colon that starts a line (「差出人: …」), or ""."""
    match = re.match(r"\s*([^:：]{1,12})[:：]", line)
    return match.group(1).strip() if match else ""


@pytest.mark.django_db
def test_contact_mail_says_who_sent_it_in_the_sites_language_whatever_page_it_came_from():
    organisation = OrganisationFactory(contact_email="group@example.jp", name="水沢こども食堂")

    with override("en"):
        services.contact_send(
            organisation=organisation, name="山田 花子", email=SENDER, message="相談です。", by=None
        )

    body = mail.outbox[-1].body
    assert f"差出人: 山田 花子 <{SENDER}>" in body
    assert "開始日" not in body
    assert "水沢こども食堂" in mail.outbox[-1].subject
