"""Registration with the centre (市民活動支援センター登録): apply, register with dates or refuse,
expire, renew; `is_registered` for the grants app; shown on the group's page."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tsunagaru.accounts.models import Role
from tsunagaru.audit.models import AuditEvent
from tsunagaru.partners.models import Membership
from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory
from tsunagaru.support import selectors, services
from tsunagaru.support.models import CentreRegistration
from tsunagaru.support.tests.factories import CentreRegistrationFactory

pytestmark = pytest.mark.django_db
APRIL = datetime.date(2026, 4, 1)
MARCH = datetime.date(2027, 3, 31)


@pytest.fixture
def speaker(make_user):
    return make_user(Role.PARTNER_MEMBER, email="rep@example.jp")


@pytest.fixture
def group(speaker):
    return MembershipFactory(
        user=speaker, organisation__name="水沢こども食堂", role=Membership.Role.REPRESENTATIVE
    ).organisation


def _apply(client, group):
    return client.post(
        reverse("support:registration_apply", args=[group.pk]),
        {
            "activities": "月に一度、子ども食堂を開いています。",
            "members_in_city": "on",
            "has_rules": "on",
            "adult_representative": "on",
        },
    )


def test_a_representative_applies_and_the_centre_registers_the_group(
    client, speaker, group, coordinator
):
    client.force_login(speaker)
    assert _apply(client, group).status_code == 302
    registration = CentreRegistration.objects.get()
    client.force_login(coordinator)

    client.post(
        reverse("support:registration_decide", args=[registration.pk]),
        {
            "decision": "register",
            f"r{registration.pk}-registered_on": "2026-04-01",
            f"r{registration.pk}-valid_until": "2027-03-31",
        },
    )

    registration.refresh_from_db()
    assert registration.status == CentreRegistration.Status.REGISTERED
    assert registration.decided_by == coordinator
    assert selectors.is_registered(group, on=datetime.date(2026, 10, 1))
    assert not selectors.is_registered(group, on=datetime.date(2027, 4, 1))
    assert not selectors.is_registered(group, on=datetime.date(2026, 3, 31))
    assert mail.outbox[-1].to == ["rep@example.jp"]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"centre_registration.apply", "centre_registration.register"} <= actions


def test_the_conditions_of_the_ordinance_must_be_declared(client, speaker, group):
    client.force_login(speaker)

    response = client.post(
        reverse("support:registration_apply", args=[group.pk]),
        {"activities": "活動しています。", "members_in_city": "on"},
    )

    assert response.status_code == 200
    assert response.context["form"].has_error("has_rules")
    assert not CentreRegistration.objects.exists()


def test_a_second_application_while_one_waits_is_refused(speaker, group):
    services.registration_apply(organisation=group, activities="活動", by=speaker)

    with pytest.raises(ValidationError) as error:
        services.registration_apply(organisation=group, activities="活動", by=speaker)

    assert error.value.code == "already_applied"
    assert CentreRegistration.objects.count() == 1


def test_a_plain_member_may_not_apply(client, make_user, group):
    member = make_user(Role.PARTNER_MEMBER)
    MembershipFactory(organisation=group, user=member, role=Membership.Role.MEMBER)
    client.force_login(member)

    assert _apply(client, group).status_code == 403
    assert not CentreRegistration.objects.exists()


def test_a_refusal_needs_a_reason_the_group_reads(coordinator):
    registration = CentreRegistrationFactory()

    with pytest.raises(ValidationError) as error:
        services.registration_refuse(registration=registration, reason=" ", by=coordinator)
    services.registration_refuse(
        registration=registration, reason="規約が確認できませんでした。", by=coordinator
    )

    assert error.value.code == "reason_required"
    registration.refresh_from_db()
    assert registration.status == CentreRegistration.Status.REFUSED
    assert "規約が確認できませんでした。" in mail.outbox[-1].body


def test_a_registration_cannot_end_before_it_starts(coordinator):
    registration = CentreRegistrationFactory()

    with pytest.raises(ValidationError) as error:
        services.registration_register(
            registration=registration, registered_on=MARCH, valid_until=APRIL, by=coordinator
        )

    assert error.value.code == "bad_dates"


def test_two_staff_deciding_at_once_cannot_both_win(coordinator, city_staff):
    registration = CentreRegistrationFactory()
    stale = CentreRegistration.objects.get(pk=registration.pk)
    services.registration_register(
        registration=registration, registered_on=APRIL, valid_until=MARCH, by=coordinator
    )

    with pytest.raises(ValidationError) as error:
        services.registration_refuse(registration=stale, reason="理由", by=city_staff)

    assert error.value.code == "stale"


def test_expired_registrations_are_listed_for_staff_until_renewed(coordinator, speaker, group):
    old = CentreRegistrationFactory(organisation=group, applied_by=speaker)
    services.registration_register(
        registration=old,
        registered_on=datetime.date(2024, 4, 1),
        valid_until=datetime.date(2025, 3, 31),
        by=coordinator,
    )
    today = datetime.date(2025, 6, 1)

    assert list(selectors.registrations_expired(today=today)) == [old]
    assert selectors.registration_state(group, today=today).expired

    renewal = services.registration_apply(organisation=group, activities="継続", by=speaker)
    services.registration_register(
        registration=renewal,
        registered_on=datetime.date(2025, 6, 1),
        valid_until=datetime.date(2026, 5, 31),
        by=coordinator,
    )

    assert list(selectors.registrations_expired(today=today)) == []
    assert selectors.registration_state(group, today=today).current == renewal


def test_the_groups_page_shows_the_registration_to_members_and_staff_only(
    client, speaker, group, coordinator, make_user
):
    registration = CentreRegistrationFactory(organisation=group, applied_by=speaker)
    services.registration_register(
        registration=registration,
        registered_on=datetime.date.today(),
        valid_until=datetime.date.today() + datetime.timedelta(days=365),
        by=coordinator,
    )
    outsider = make_user(Role.PARTNER_MEMBER)

    client.force_login(speaker)
    as_member = client.get(group.get_absolute_url()).content.decode()
    client.force_login(outsider)
    as_outsider = client.get(group.get_absolute_url()).content.decode()

    assert 'id="centre-registration"' in as_member
    assert 'id="centre-registration"' not in as_outsider


def test_staff_see_waiting_expired_and_current_registrations(client, coordinator):
    CentreRegistrationFactory(organisation=OrganisationFactory(name="胆沢太鼓の会"))
    client.force_login(coordinator)

    page = client.get(reverse("support:registrations"))

    assert page.status_code == 200
    assert "胆沢太鼓の会" in page.content.decode()


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.PARTNER_MEMBER, Role.ADMINISTRATOR])
def test_others_may_not_open_the_registrations_page(client, make_user, role):
    client.force_login(make_user(role))

    assert client.get(reverse("support:registrations")).status_code == 403


def test_default_renewal_is_one_year_less_a_day():
    assert services.default_valid_until(APRIL) == MARCH
    assert services.default_valid_until(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)


def test_a_refusal_without_a_reason_is_explained_next_to_the_decision(client, coordinator):
    registration = CentreRegistrationFactory()
    client.force_login(coordinator)

    response = client.post(
        reverse("support:registration_decide", args=[registration.pk]),
        {"decision": "refuse", f"r{registration.pk}-reason": ""},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="application-{registration.pk}"' in html
    assert response.context["waiting"][0][1].has_error("reason", code="reason_required")
    registration.refresh_from_db()
    assert registration.status == CentreRegistration.Status.APPLIED
