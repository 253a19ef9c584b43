"""Booths at つながるフェスタ and case presentations at forums."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tsunagaru.accounts.models import Role
from tsunagaru.audit.models import AuditEvent
from tsunagaru.cases.models import Case
from tsunagaru.info import permissions, services
from tsunagaru.info.models import Contribution, EventKind
from tsunagaru.info.tests.factories import EventFactory
from tsunagaru.partners.models import Membership
from tsunagaru.partners.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def festa(make_user):
    city = MembershipFactory(
        user=make_user(Role.CITY_STAFF), organisation__name="地域づくり推進課"
    ).organisation
    return EventFactory(
        title="つながるフェスタ2027",
        organiser=city,
        kind=EventKind.objects.get(code="festa"),
        registration_required=False,
    )


@pytest.fixture
def speaker(make_user):
    person = make_user(Role.PARTNER_MEMBER, email="npo@example.jp")
    MembershipFactory(user=person, organisation__name="NPO法人 水沢子ども食堂")
    return person


def _group(user):
    return Membership.objects.get(user=user).organisation


def _case(author, status):
    return Case.objects.create(
        title="地区で初めての花火",
        summary="花火の経験がある団体とつながりました。",
        fiscal_year=2024,
        status=status,
        created_by=author,
    )


def test_a_group_applies_for_a_booth_and_the_organiser_accepts(festa, speaker, city_staff):
    made = services.contribution_apply(
        event=festa,
        organisation=_group(speaker),
        kind="exhibitor",
        title="子ども食堂の活動紹介",
        needs="長机2台、電源",
        by=speaker,
    )
    assert made.status == Contribution.Status.APPLIED
    services.contribution_decide(contribution=made, accept=True, by=city_staff)
    assert Contribution.objects.get(pk=made.pk).status == "accepted"
    assert mail.outbox[-1].to == ["npo@example.jp"]
    assert AuditEvent.objects.filter(action="contribution.accept").exists()


def test_declining_needs_a_reason_the_group_reads(festa, speaker, city_staff):
    made = services.contribution_apply(
        event=festa, organisation=_group(speaker), kind="exhibitor", title="展示", by=speaker
    )
    with pytest.raises(ValidationError) as error:
        services.contribution_decide(contribution=made, accept=False, by=city_staff)
    assert error.value.code == "no_reason"
    services.contribution_decide(
        contribution=made, accept=False, reason="出展枠が埋まりました。", by=city_staff
    )
    assert "出展枠が埋まりました。" in mail.outbox[-1].body


def test_a_second_application_of_the_same_group_is_refused(festa, speaker):
    group = _group(speaker)
    services.contribution_apply(
        event=festa, organisation=group, kind="exhibitor", title="展示", by=speaker
    )
    with pytest.raises(ValidationError) as error:
        services.contribution_apply(
            event=festa, organisation=group, kind="exhibitor", title="展示", by=speaker
        )
    assert error.value.code == "already_applied"


def test_a_course_takes_no_booths(event, speaker):
    with pytest.raises(ValidationError) as error:
        services.contribution_apply(
            event=event, organisation=_group(speaker), kind="exhibitor", title="x", by=speaker
        )
    assert error.value.code == "not_accepted"


def test_a_forum_takes_only_published_cases(event, speaker):
    event.calls_for_presentations = True
    event.save()
    draft = _case(speaker, Case.Status.DRAFT)
    with pytest.raises(ValidationError) as error:
        services.contribution_apply(
            event=event,
            organisation=_group(speaker),
            kind="presentation",
            title="発表",
            case=draft,
            by=speaker,
        )
    assert error.value.code == "case_not_published"
    with pytest.raises(ValidationError) as error:
        services.contribution_apply(
            event=event, organisation=_group(speaker), kind="presentation", title="発表", by=speaker
        )
    assert error.value.code == "no_case"
    published = _case(speaker, Case.Status.PUBLISHED)
    made = services.contribution_apply(
        event=event,
        organisation=_group(speaker),
        kind="presentation",
        title="発表",
        case=published,
        by=speaker,
    )
    assert made.case == published


def test_a_group_withdraws_and_may_apply_again(festa, speaker):
    made = services.contribution_apply(
        event=festa, organisation=_group(speaker), kind="exhibitor", title="展示", by=speaker
    )
    services.contribution_withdraw(contribution=made, by=speaker)
    with pytest.raises(ValidationError):
        services.contribution_withdraw(contribution=made, by=speaker)
    again = services.contribution_apply(
        event=festa, organisation=_group(speaker), kind="exhibitor", title="展示", by=speaker
    )
    assert again.status == "applied"


def test_who_may_decide_and_withdraw(festa, speaker, make_user):
    made = services.contribution_apply(
        event=festa, organisation=_group(speaker), kind="exhibitor", title="展示", by=speaker
    )
    organiser = Membership.objects.get(organisation=festa.organiser).user
    resident = make_user(Role.RESIDENT)
    assert permissions.can_decide_contribution(organiser, made)
    assert not permissions.can_decide_contribution(speaker, made)
    assert not permissions.can_decide_contribution(resident, made)
    assert permissions.can_withdraw_contribution(speaker, made)
    assert not permissions.can_withdraw_contribution(organiser, made)
    member = make_user(Role.PARTNER_MEMBER)
    MembershipFactory(user=member, organisation=_group(speaker), role=Membership.Role.MEMBER)
    assert not permissions.can_contribute_for(member, _group(speaker))
    assert permissions.can_contribute_for(speaker, _group(speaker))


def test_the_pages_apply_list_and_show_the_accepted_booth(client, festa, speaker):
    client.force_login(speaker)
    page = client.get(festa.get_absolute_url()).content.decode()
    assert reverse("info:contribute", args=[festa.pk, "exhibitor"]) in page
    client.post(
        reverse("info:contribute", args=[festa.pk, "exhibitor"]),
        {"organisation": _group(speaker).pk, "title": "子ども食堂の活動紹介", "needs": "電源"},
    )
    made = Contribution.objects.get()
    assert client.get(reverse("info:contributions", args=[festa.pk])).status_code == 403
    organiser = Membership.objects.get(organisation=festa.organiser).user
    client.force_login(organiser)
    listing = client.get(reverse("info:contributions", args=[festa.pk])).content.decode()
    assert "電源" in listing
    client.post(reverse("info:contribution_action", args=[made.pk, "accept"]))
    client.logout()
    public = client.get(festa.get_absolute_url()).content.decode()
    assert "子ども食堂の活動紹介" in public
    assert "電源" not in public
