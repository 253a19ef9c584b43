import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from tsunagaru.accounts.models import Role
from tsunagaru.audit.models import AuditEvent
from tsunagaru.core.dates import format_wareki
from tsunagaru.core.models import Area, District
from tsunagaru.guideline.models import ActivityField, OrganisationKind
from tsunagaru.partners import services
from tsunagaru.partners.models import Membership, Need, Offer, Organisation
from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory
from tsunagaru.search.selectors import search_ids

pytestmark = pytest.mark.django_db


def found(query):
    return [h.object_id for h in search_ids(model=Organisation, query=query)]


def registration(**overrides):
    data = {
        "kind": OrganisationKind.objects.get(code="npo"),
        "name": "NPO法人いさわ子ども食堂",
        "name_kana": "いさわこどもしょくどう",
        "district": District.objects.get(slug="oyama"),
        "description": "子ども食堂を月2回開いています。",
        "activity_fields": list(ActivityField.objects.filter(name__in=["子育て", "福祉"])),
    }
    data.update(overrides)
    return data


def test_registering_makes_a_pending_group_with_its_registrant_as_representative(resident):
    organisation = services.organisation_register(data=registration(), by=resident)

    assert organisation.status == Organisation.Status.PENDING
    assert organisation.area == Area.objects.get(slug="isawa")  # taken from the district
    assert (
        organisation.name_kana == "いさわこどもしょくどう"
    )  # the form converts; services store as given
    membership = Membership.objects.get(organisation=organisation)
    assert (membership.user, membership.role) == (resident, Membership.Role.REPRESENTATIVE)
    resident.refresh_from_db()
    assert resident.role == Role.PARTNER_MEMBER
    assert AuditEvent.objects.filter(
        action="organisation.register", target_id=str(organisation.pk)
    ).exists()
    assert found("子ども食堂") == []  # not listed before verification


def test_verification_lists_the_group_and_makes_it_findable(resident, coordinator):
    organisation = services.organisation_register(data=registration(), by=resident)

    services.organisation_verify(organisation=organisation, by=coordinator)

    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.VERIFIED
    assert organisation.verified_at is not None
    assert found("こども食堂") == [organisation.pk]
    assert found("NPO") == [organisation.pk]


def test_rejection_and_suspension_need_a_reason_the_group_sees(resident, coordinator, city_staff):
    organisation = services.organisation_register(data=registration(), by=resident)
    with pytest.raises(ValidationError) as error:
        services.organisation_reject(organisation=organisation, reason="  ", by=coordinator)
    assert error.value.code == "reason_required"

    services.organisation_reject(
        organisation=organisation, reason="規約を添付してください", by=coordinator
    )
    services.organisation_resubmit(organisation=organisation, by=resident)
    services.organisation_verify(organisation=organisation, by=coordinator)
    services.organisation_suspend(
        organisation=organisation, reason="連絡先が不明です", by=city_staff
    )

    organisation.refresh_from_db()
    assert (organisation.status, organisation.status_reason) == ("suspended", "連絡先が不明です")
    assert found("子ども食堂") == []
    actions = list(
        AuditEvent.objects.filter(target_type__model="organisation", target_id=str(organisation.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "organisation.register",
        "organisation.reject",
        "organisation.resubmit",
        "organisation.verify",
        "organisation.suspend",
    ]


@pytest.mark.parametrize(
    ("status", "service"),
    [
        ("verified", services.organisation_verify),
        ("suspended", services.organisation_verify),
        ("pending", services.organisation_reinstate),
        ("rejected", services.organisation_verify),
    ],
)
def test_moves_not_in_the_transition_table_are_refused(status, service, coordinator):
    organisation = OrganisationFactory(status=status)

    with pytest.raises(ValidationError) as error:
        service(organisation=organisation, by=coordinator)

    assert error.value.code == "invalid_transition"


def test_two_coordinators_acting_at_once_cannot_both_win(coordinator):
    organisation = OrganisationFactory(status=Organisation.Status.PENDING)
    stale = Organisation.objects.get(pk=organisation.pk)
    services.organisation_verify(organisation=organisation, by=coordinator)

    with pytest.raises(ValidationError) as error:
        services.organisation_reject(organisation=stale, reason="重複", by=coordinator)

    assert error.value.code == "stale"


def test_a_wrong_corporate_number_is_refused_and_nothing_is_saved(resident):
    with pytest.raises(ValidationError) as error:
        services.organisation_register(
            data=registration(corporate_number="5835678256247"), by=resident
        )

    assert "corporate_number" in error.value.error_dict
    assert not Organisation.objects.exists()
    assert not Membership.objects.exists()


def test_a_correct_corporate_number_is_stored_without_hyphens(resident):
    organisation = services.organisation_register(
        data=registration(corporate_number="5-8356-7825-6246"), by=resident
    )

    assert organisation.corporate_number == "5835678256246"


def test_a_district_outside_the_chosen_area_is_refused(resident):
    with pytest.raises(ValidationError) as error:
        services.organisation_register(
            data=registration(area=Area.objects.get(slug="esashi")), by=resident
        )

    assert "district" in error.value.error_dict


def test_profile_changes_are_audited_with_before_and_after(resident):
    membership = MembershipFactory(user=resident)
    organisation = membership.organisation

    services.organisation_update(
        organisation=organisation, data={"description": "花壇の手入れ"}, by=resident
    )

    event = AuditEvent.objects.get(action="organisation.update")
    assert event.before == {"description": "地域の清掃活動をしています。"}
    assert event.after == {"description": "花壇の手入れ"}
    assert found("花壇") == [organisation.pk]


def test_offers_and_needs_are_searchable_and_a_closed_need_drops_out(resident):
    organisation = MembershipFactory(user=resident).organisation
    services.offer_save(
        offer=Offer(organisation=organisation),
        data={"category": "equipment", "title": "冷蔵車での移動販売"},
        by=resident,
    )
    need = services.need_save(
        need=Need(organisation=organisation),
        data={"category": "trouble", "title": "花火の打ち上げ許可"},
        by=resident,
    )

    assert found("移動販売") == [organisation.pk]
    assert found("花火") == [organisation.pk]

    services.need_set_status(need=need, status=Need.Status.CLOSED, by=resident)

    assert found("花火") == []
    assert AuditEvent.objects.filter(action="need.closed").exists()


def test_invitation_mail_and_acceptance(
    resident, make_user, settings, django_capture_on_commit_callbacks
):
    organisation = MembershipFactory(user=resident).organisation
    newcomer = make_user(email="newcomer@example.jp")
    settings.SITE_URL = "https://tsunagaru.example.jp"

    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            organisation=organisation, email="Newcomer@Example.jp", role="contact", by=resident
        )

    assert mail.outbox[-1].to == ["newcomer@example.jp"]
    assert (
        f"https://tsunagaru.example.jp/partners/invitations/{invitation.token}/"
        in mail.outbox[-1].body
    )

    membership = services.invitation_accept(token=invitation.token, user=newcomer)

    assert (membership.organisation, membership.role) == (organisation, "contact")
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(token=invitation.token, user=newcomer)
    assert error.value.code == "invalid_invitation"


def test_an_expired_invitation_is_refused(resident, make_user):
    organisation = MembershipFactory(user=resident).organisation
    with time_machine.travel(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)):
        invitation = services.invitation_create(
            organisation=organisation, email="late@example.jp", role="member", by=resident
        )

    with pytest.raises(ValidationError) as error:
        services.invitation_accept(token=invitation.token, user=make_user(email="late@example.jp"))

    assert error.value.code == "expired"


def test_a_group_always_keeps_a_representative(resident, make_user):
    representative = MembershipFactory(user=resident)
    member = MembershipFactory(
        organisation=representative.organisation, user=make_user(), role=Membership.Role.MEMBER
    )

    with pytest.raises(ValidationError) as error:
        services.membership_remove(membership=representative, by=resident)
    assert error.value.code == "last_representative"
    with pytest.raises(ValidationError):
        services.membership_change_role(membership=representative, role="member", by=resident)

    services.membership_change_role(membership=member, role="representative", by=resident)
    services.membership_remove(membership=representative, by=resident)

    assert list(Membership.objects.values_list("role", flat=True)) == ["representative"]


def test_inviting_a_current_member_is_refused(resident):
    organisation = MembershipFactory(user=resident).organisation

    with pytest.raises(ValidationError) as error:
        services.invitation_create(
            organisation=organisation, email=resident.email, role="member", by=resident
        )

    assert error.value.code == "already_member"


def test_volunteer_profile_is_private_until_opted_in(resident):
    profile = services.volunteer_profile_save(
        user=resident, data={"skills": "手話ができます", "availability": "土日", "is_public": False}
    )

    assert profile.is_public is False
    assert AuditEvent.objects.filter(action="volunteer.update").exists()


def test_contact_form_mails_the_group_without_exposing_its_address(resident):
    organisation = OrganisationFactory(contact_email="secret@example.jp")

    services.contact_send(
        organisation=organisation,
        name="佐藤",
        email="sato@example.jp",
        message="花火について相談したいです。",
        by=None,
    )

    message = mail.outbox[-1]
    assert message.to == ["secret@example.jp"]
    assert message.reply_to == ["sato@example.jp"]
    assert "花火について相談したいです。" in message.body
    assert AuditEvent.objects.filter(action="organisation.contact").exists()


def test_the_invitation_mail_gives_its_last_day_in_wareki(
    resident, django_capture_on_commit_callbacks
):
    organisation = MembershipFactory(user=resident).organisation

    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            organisation=organisation, email="newcomer@example.jp", role="member", by=resident
        )

    body = mail.outbox[-1].body
    assert format_wareki(timezone.localdate(invitation.expires_at)) in body
    assert timezone.localdate(invitation.expires_at).isoformat() not in body
