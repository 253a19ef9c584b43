import datetime
import decimal

import pytest
from django.db import DatabaseError, connection, transaction

from tsunagaru.accounts.tests.factories import UserFactory
from tsunagaru.audit.models import AuditEvent
from tsunagaru.audit.services import audit_record, audit_record_many
from tsunagaru.core.models import District

pytestmark = pytest.mark.django_db


def test_record_keeps_who_what_and_which_object():
    actor = UserFactory(email="oikawa@example.jp")
    district = District.objects.get(slug="inase")

    event = audit_record(
        actor=actor,
        action="district.rename",
        target=district,
        before={"name": "稲瀬"},
        after={"name": "稲瀬地区"},
    )

    event.refresh_from_db()
    assert (event.actor, event.actor_label, event.action) == (
        actor,
        "oikawa@example.jp",
        "district.rename",
    )
    assert event.target_type.model == "district"
    assert (event.target_id, event.target_label) == (str(district.pk), "稲瀬")
    assert event.changes == [("name", "稲瀬", "稲瀬地区")]


def test_values_are_stored_as_json_and_secrets_are_never_stored():
    user = UserFactory()

    event = audit_record(
        actor=None,
        action="test.values",
        after={
            "when": datetime.date(2021, 3, 31),
            "amount": decimal.Decimal("300000"),
            "who": user,
            "tags": {"防災", "福祉"},
            "password": "hunter2",
            "api_token": "abc",
            "keyword": "花火",
            "settings": {"smtp_password": "x", "host": "mail.example.jp"},
        },
    )

    event.refresh_from_db()
    assert event.after["when"] == "2021-03-31"
    assert event.after["amount"] == "300000"
    assert event.after["who"] == {"id": user.pk, "label": str(user)}
    assert sorted(event.after["tags"]) == ["福祉", "防災"]
    assert "password" not in event.after
    assert "api_token" not in event.after
    assert event.after["keyword"] == "花火"
    assert event.after["settings"] == {"host": "mail.example.jp"}
    assert event.actor is None


def test_an_entry_cannot_be_saved_again():
    event = audit_record(actor=None, action="test.once")
    event.action = "test.rewritten"

    with pytest.raises(PermissionError):
        event.save()


def test_an_entry_cannot_be_deleted():
    event = audit_record(actor=None, action="test.keep")

    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_bulk_update_is_refused_by_the_queryset():
    audit_record(actor=None, action="test.bulk")

    with pytest.raises(PermissionError):
        AuditEvent.objects.all().update(action="test.changed")


def test_the_database_refuses_an_update_even_in_raw_sql():
    event = audit_record(actor=None, action="test.raw")

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = %s WHERE id = %s", ["x", event.pk])

    event.refresh_from_db()
    assert event.action == "test.raw"


SECRET_KEYS = [
    "password",
    "new_password",
    "totp_secret",
    "client_secret",
    "SECRET",
    "Webhook_Secret",
    "token",
    "reset_token",
    "key",
    "api_key",
    "recovery_codes",
]


@pytest.mark.parametrize("key", SECRET_KEYS)
def test_the_audit_log_never_copies_a_secret_before_after_or_nested(key):
    event = audit_record(
        actor=None,
        action="test.secret",
        before={key: "s3cr3t-before", "kept": 1},
        after={key: "s3cr3t-after", "inner": [{key: "s3cr3t-nested", "name": "稲瀬"}]},
    )

    event.refresh_from_db()
    assert event.before == {"kept": 1}
    assert event.after == {"inner": [{"name": "稲瀬"}]}


@pytest.mark.parametrize("key", SECRET_KEYS)
def test_a_bulk_audit_never_copies_a_secret(key):
    district = District.objects.get(slug="inase")

    audit_record_many(
        actor=None, action="test.bulk_secret", targets=[district], after={key: "x", "n": 2}
    )

    assert AuditEvent.objects.get(action="test.bulk_secret").after == {"n": 2}


@pytest.mark.parametrize("key", ["keyword", "monkey", "secretary", "tokens_used", "passage"])
def test_names_that_only_look_like_secrets_are_kept(key):
    event = audit_record(actor=None, action="test.not_secret", after={key: "残す"})

    event.refresh_from_db()
    assert event.after == {key: "残す"}
