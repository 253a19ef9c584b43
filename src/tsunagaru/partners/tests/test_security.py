"""Security findings of issue 12 in the partner registry: a listed group's identity goes back
to review, only staff make a group a city department (市の部署), invitations belong to the
invited address, the anonymous contact form is rate-limited, names stay on one line."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tsunagaru.audit.models import AuditEvent
from tsunagaru.guideline.models import OrganisationKind
from tsunagaru.notices.models import Notice
from tsunagaru.partners import forms, importer, services
from tsunagaru.partners.models import Membership, Organisation
from tsunagaru.partners.tabular import Row
from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory
from tsunagaru.search.selectors import search_ids

pytestmark = pytest.mark.django_db


def city_department() -> OrganisationKind:
    return OrganisationKind.objects.get(code="city_department")


@pytest.fixture
def listed(resident):
    """A verified (listed) group and its representative, a resident."""
    return MembershipFactory(user=resident, organisation__name="水沢こども食堂").organisation


@pytest.fixture
def department():
    return OrganisationFactory(
        name="奥州市 地域づくり推進課", kind=city_department(), district=None, area=None
    )


@pytest.mark.parametrize(
    "change",
    [
        {"name": "水沢こども食堂ネットワーク"},
        {"kind": "npo"},
        {"parent": "other"},
    ],
)
def test_changing_a_listed_groups_name_kind_or_parent_sends_it_back_to_review(
    listed, resident, coordinator, django_capture_on_commit_callbacks, change
):
    data = dict(change)
    if data.get("kind"):
        data["kind"] = OrganisationKind.objects.get(code=data["kind"])
    if data.get("parent"):
        data["parent"] = OrganisationFactory(name="水沢地区振興会")

    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_update(organisation=listed, data=data, by=resident)

    listed.refresh_from_db()
    assert listed.status == Organisation.Status.PENDING
    assert not listed.is_listed
    event = AuditEvent.objects.get(action="organisation.review_again")
    assert event.before == {"status": "verified"}
    assert Notice.objects.filter(user=coordinator).count() == 1
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert search_ids(model=Organisation, query="水沢こども食堂") == []


def test_other_changes_keep_a_listed_group_listed(listed, resident, coordinator):
    services.organisation_update(
        organisation=listed, data={"description": "毎月第2土曜に開いています。"}, by=resident
    )

    listed.refresh_from_db()
    assert listed.status == Organisation.Status.VERIFIED
    assert not Notice.objects.exists()


def test_a_coordinator_renaming_a_group_keeps_it_listed(listed, coordinator):
    services.organisation_update(
        organisation=listed, data={"name": "水沢子ども食堂"}, by=coordinator
    )

    listed.refresh_from_db()
    assert listed.status == Organisation.Status.VERIFIED


@pytest.mark.parametrize("field", ["kind", "parent"])
def test_a_representative_cannot_make_a_group_a_city_department(
    listed, resident, department, field
):
    value = city_department() if field == "kind" else department

    with pytest.raises(ValidationError) as error:
        services.organisation_update(organisation=listed, data={field: value}, by=resident)

    assert error.value.error_dict[field][0].code == "city_department_staff_only"
    listed.refresh_from_db()
    assert listed.kind.code == "volunteer_group"
    assert listed.parent is None
    assert listed.status == Organisation.Status.VERIFIED


def test_nobody_registers_a_city_department_but_staff(resident, city_staff):
    data = {"kind": city_department(), "name": "奥州市 偽の課"}

    with pytest.raises(ValidationError) as error:
        services.organisation_register(data=data, by=resident)
    made = services.organisation_register(
        data={**data, "name": "奥州市 協働推進課"}, by=city_staff, as_representative=False
    )

    assert error.value.error_dict["kind"][0].code == "city_department_staff_only"
    assert list(Organisation.objects.all()) == [made]


def test_city_staff_may_attach_a_team_under_a_department(listed, city_staff, department):
    services.organisation_update(organisation=listed, data={"parent": department}, by=city_staff)

    listed.refresh_from_db()
    assert listed.parent == department


def test_the_form_offers_city_department_only_to_staff(listed, resident, city_staff, department):
    theirs = forms.OrganisationForm(instance=listed, user=resident)
    staffs = forms.OrganisationForm(instance=listed, user=city_staff)

    assert city_department() not in theirs.fields["kind"].queryset
    assert department not in theirs.fields["parent"].queryset
    assert city_department() in staffs.fields["kind"].queryset
    assert department in staffs.fields["parent"].queryset


def test_the_edit_page_refuses_city_department_and_says_why(client, listed, resident):
    client.force_login(resident)

    response = client.post(
        reverse("partners:edit", args=[listed.pk]),
        {"kind": city_department().pk, "name": listed.name},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["kind"]
    listed.refresh_from_db()
    assert listed.kind.code == "volunteer_group"


def test_the_edit_page_says_a_renamed_group_is_checked_again(client, listed, resident):
    client.force_login(resident)

    response = client.post(
        reverse("partners:edit", args=[listed.pk]),
        {"kind": listed.kind.pk, "name": "水沢こども食堂の会"},
        follow=True,
    )

    listed.refresh_from_db()
    assert listed.status == Organisation.Status.PENDING
    assert "message--warning" in response.content.decode() or response.context["messages"]


# Invitations --------------------------------------------------------------------------------


@pytest.fixture
def invitation(listed, resident):
    return services.invitation_create(
        organisation=listed, email="Guest@Example.jp", role="member", by=resident
    )


def test_an_invitation_is_accepted_only_by_the_invited_address(invitation, listed, make_user):
    stranger = make_user(email="stranger@example.jp")
    guest = make_user(email="guest@EXAMPLE.jp")

    with pytest.raises(ValidationError) as error:
        services.invitation_accept(token=invitation.token, user=stranger)
    membership = services.invitation_accept(token=invitation.token, user=guest)

    assert error.value.code == "wrong_address"
    assert membership.user == guest
    assert not Membership.objects.filter(user=stranger).exists()


def test_an_unverified_address_does_not_accept_an_invitation(invitation, make_user):
    guest = make_user(email="guest@example.jp", verified_email=False)
    # Added to the account (e.g. by typing it in) but never confirmed from that mailbox.
    EmailAddress.objects.create(user=guest, email="guest@example.jp", verified=False)

    with pytest.raises(ValidationError) as error:
        services.invitation_accept(token=invitation.token, user=guest)

    assert error.value.code == "wrong_address"
    assert not Membership.objects.filter(user=guest).exists()


def test_the_invitation_page_tells_another_account_it_is_not_for_them(
    client, invitation, make_user
):
    stranger = make_user(email="stranger@example.jp")
    client.force_login(stranger)
    url = reverse("partners:invitation_accept", args=[invitation.token])

    page = client.get(url)
    response = client.post(url, follow=True)

    assert page.status_code == 200
    assert page.context["for_someone_else"] is True
    assert not Membership.objects.filter(user=stranger).exists()
    assert any(m.level_tag == "error" for m in response.context["messages"])


# The contact form ---------------------------------------------------------------------------


def _contact(client, organisation, ip):
    return client.post(
        reverse("partners:contact", args=[organisation.pk]),
        {"name": "佐藤", "email": "sato@example.jp", "message": "見学したいです"},
        REMOTE_ADDR=ip,
    )


def test_the_contact_form_refuses_the_sixth_message_in_an_hour_from_one_client(client, settings):
    organisation = OrganisationFactory(contact_email="group@example.jp")
    other = OrganisationFactory(contact_email="other@example.jp")
    for _ in range(5):
        assert _contact(client, organisation, "203.0.113.5").status_code == 302

    refused = _contact(client, other, "203.0.113.5")
    elsewhere = _contact(client, other, "198.51.100.7")

    assert refused.status_code == 429
    assert [e.code for e in refused.context["form"].errors.as_data()["__all__"]] == ["rate_limited"]
    assert 'role="alert"' in refused.content.decode()
    assert elsewhere.status_code == 302
    assert len(mail.outbox) == 6
    assert AuditEvent.objects.filter(action="organisation.contact").count() == 6


def test_the_contact_form_refuses_the_twenty_first_message_in_a_day_to_one_group(client):
    organisation = OrganisationFactory(contact_email="group@example.jp")
    for n in range(20):
        assert _contact(client, organisation, f"203.0.113.{n}").status_code == 302

    refused = _contact(client, organisation, "198.51.100.99")

    assert refused.status_code == 429
    assert len(mail.outbox) == 20


# Line breaks in names -----------------------------------------------------------------------


def test_a_group_name_with_a_line_break_is_refused_before_anything_is_saved(listed, resident):
    with pytest.raises(ValidationError) as error:
        services.organisation_update(
            organisation=listed, data={"name": "会\r\nBcc: victim@example.com"}, by=resident
        )

    assert error.value.error_dict["name"][0].code == "line_break"
    listed.refresh_from_db()
    assert listed.name == "水沢こども食堂"


def test_the_group_form_refuses_a_name_with_a_line_break(listed, resident):
    form = forms.OrganisationForm(
        data={"kind": listed.kind.pk, "name": "一行目\n二行目"}, instance=listed, user=resident
    )

    assert not form.is_valid()
    assert [e.code for e in form.errors.as_data()["name"]] == ["line_break"]


def test_the_import_refuses_a_name_with_a_line_break_and_odd_numbers():
    rows = [
        Row(2, {"name": "一行目\n二行目", "kind": "NPO法人"}),
        Row(3, {"name": "奥州防災ネット", "kind": "NPO法人", "founded_year": "²"}),
        Row(4, {"name": "奥州見守り隊", "kind": "NPO法人", "member_count": "9" * 20}),
    ]

    checked = importer.check(rows)

    assert sorted((e.row, e.column) for e in checked.errors) == [
        (2, "団体名"),
        (3, "設立年"),
        (4, "会員数"),
    ]
