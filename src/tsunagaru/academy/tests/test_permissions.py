"""Who may do what in the academy: role × state tables with the same setup for the allowed and
the refused cases, so a refusal cannot come from some other missing precondition."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from tsunagaru.academy import permissions
from tsunagaru.academy.models import Application, Certificate
from tsunagaru.academy.tests.factories import ApplicationFactory, CohortFactory, in_days
from tsunagaru.accounts.models import Role

pytestmark = pytest.mark.django_db

ROLES = [
    Role.RESIDENT,
    Role.PARTNER_MEMBER,
    Role.REVIEWER,
    Role.COORDINATOR,
    Role.CITY_STAFF,
    Role.ADMINISTRATOR,
]
STAFF = {Role.COORDINATOR, Role.CITY_STAFF, Role.ADMINISTRATOR}
S = Application.Status


def _user(make_user, role):
    return AnonymousUser() if role == "anonymous" else make_user(role)


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
@pytest.mark.parametrize("status", S.values)
def test_only_academy_staff_decide_on_a_waiting_application(make_user, role, status):
    application = ApplicationFactory(status=status)
    user = _user(make_user, role)

    expected = role in STAFF and status in (S.APPLIED, S.WAITLISTED)
    assert permissions.can_decide(user, application) is expected


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
@pytest.mark.parametrize("status", S.values)
def test_only_academy_staff_confirm_completion_of_an_accepted_participant(make_user, role, status):
    application = ApplicationFactory(status=status)
    user = _user(make_user, role)

    expected = role in STAFF and status == S.ACCEPTED
    assert permissions.can_confirm_completion(user, application) is expected


@pytest.mark.parametrize("status", S.values)
def test_nobody_decides_or_completes_their_own_application(make_user, status):
    staff = make_user(Role.COORDINATOR)
    application = ApplicationFactory(status=status, user=staff)

    assert not permissions.can_decide(staff, application)
    assert not permissions.can_confirm_completion(staff, application)
    assert not permissions.can_give_feedback(staff, application)


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_an_application_is_seen_by_the_applicant_and_the_academy_staff(make_user, role):
    application = ApplicationFactory()
    user = _user(make_user, role)

    assert permissions.can_view_application(user, application) is (role in STAFF)
    assert permissions.can_view_application(application.user, application)


@pytest.mark.parametrize("status", S.values)
def test_the_participant_hands_in_work_only_while_accepted(status):
    application = ApplicationFactory(status=status)

    expected = status == S.ACCEPTED
    assert permissions.can_submit_assignment(application.user, application) is expected


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_only_the_graduate_switches_the_name_on_the_public_page(make_user, role):
    application = ApplicationFactory(status=S.COMPLETED)
    certificate = Certificate.objects.create(
        application=application,
        name="奥州 花子",
        completed_on=in_days(0).date(),
        issued_by=make_user(Role.CITY_STAFF),
    )
    user = _user(make_user, role)

    assert not permissions.can_set_consent(user, certificate)
    assert permissions.can_set_consent(application.user, certificate)
    assert permissions.can_download_certificate(user, certificate) is (role in STAFF)


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_signed_in_people_apply_before_the_close_date(make_user, role):
    open_cohort = CohortFactory()
    closed = CohortFactory(applications_close_at=in_days(-1))
    user = _user(make_user, role)

    assert permissions.can_apply(user, open_cohort) is (role != "anonymous")
    assert not permissions.can_apply(user, closed)


@pytest.mark.parametrize("status", S.values)
def test_the_applicant_withdraws_until_completion(make_user, status):
    application = ApplicationFactory(status=status)
    staff = make_user(Role.CITY_STAFF)

    expected = status in (S.APPLIED, S.WAITLISTED, S.ACCEPTED)
    assert permissions.can_withdraw(application.user, application) is expected
    assert not permissions.can_withdraw(staff, application)


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
@pytest.mark.parametrize("status", S.values)
def test_academy_staff_give_feedback_to_participants_and_record_make_ups_while_accepted(
    make_user, role, status
):
    application = ApplicationFactory(status=status)
    user = _user(make_user, role)

    staff = role in STAFF
    assert permissions.can_give_feedback(user, application) is (
        staff and status in (S.ACCEPTED, S.COMPLETED)
    )
    assert permissions.can_record_makeup(user, application) is (staff and status == S.ACCEPTED)
