"""Graduates into matching (施策 ア): a graduate who chose to show their course beside their
volunteer profile is seen by groups and districts, their own area first; the city counts the
graduates connected within a year."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tsunagaru.academy import selectors, services
from tsunagaru.academy.models import Application, Certificate
from tsunagaru.academy.tests.factories import ApplicationFactory
from tsunagaru.accounts.models import Role
from tsunagaru.accounts.tests.factories import UserFactory
from tsunagaru.audit.models import AuditEvent
from tsunagaru.core.models import Area
from tsunagaru.matching.models import PersonIntroduction
from tsunagaru.partners.models import Membership, VolunteerProfile
from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

URL = reverse("academy:graduates")


def graduate(name, *, area="esashi", on_profile=True, public=True, completed=None):
    """A person who completed the beginner course and wrote a volunteer profile."""
    user = UserFactory(display_name=name)
    application = ApplicationFactory(user=user, status=Application.Status.COMPLETED)
    certificate = Certificate.objects.create(
        application=application,
        name=name,
        completed_on=completed or datetime.date(2026, 3, 1),
        on_profile=on_profile,
        issued_by=UserFactory(role=Role.CITY_STAFF),
    )
    VolunteerProfile.objects.create(
        user=user,
        skills="会計と広報ができます",
        area=Area.objects.get(slug=area),
        is_public=public,
    )
    return certificate


@pytest.fixture
def esashi_member():
    """A member of a listed 振興会 in 江刺区."""
    group = OrganisationFactory(
        name="岩谷堂振興会", district=None, area=Area.objects.get(slug="esashi")
    )
    return MembershipFactory(organisation=group, role=Membership.Role.MEMBER).user


def test_a_district_sees_the_graduates_of_its_own_area_first_with_their_course(
    client, esashi_member
):
    graduate("江刺の修了生")
    graduate("水沢の修了生", area="mizusawa")
    client.force_login(esashi_member)

    page = client.get(URL).content.decode()

    assert "江刺の修了生" in page
    assert "水沢の修了生" not in page
    assert "令和8年3月1日" in page
    assert "協働のまちづくりアカデミー" in page


def test_all_areas_on_request(client, esashi_member):
    graduate("江刺の修了生")
    graduate("水沢の修了生", area="mizusawa")
    client.force_login(esashi_member)

    page = client.get(URL, {"area": ""}).content.decode()

    assert "江刺の修了生" in page
    assert "水沢の修了生" in page


def test_only_graduates_who_chose_to_show_their_course_and_profile_appear(client, esashi_member):
    graduate("見せない修了生", on_profile=False)
    graduate("非公開の修了生", public=False)
    inactive = graduate("退会した修了生")
    inactive.application.user.is_active = False
    inactive.application.user.save()
    client.force_login(esashi_member)

    page = client.get(URL, {"area": ""}).content.decode()

    for name in ("見せない修了生", "非公開の修了生", "退会した修了生"):
        assert name not in page


@pytest.mark.parametrize("persona", ["resident", "reviewer"], indirect=True)
def test_people_who_may_not_see_volunteers_get_403(client, persona):
    graduate("江刺の修了生")
    client.force_login(persona)

    assert client.get(URL).status_code == 403


def test_a_visitor_is_asked_to_sign_in(client):
    assert client.get(URL).status_code == 302


def test_each_viewing_is_logged(client, esashi_member):
    graduate("江刺の修了生")
    client.force_login(esashi_member)

    client.get(URL)

    event = AuditEvent.objects.get(action="academy.graduates_view")
    assert event.actor == esashi_member
    assert "1 shown" in event.note


def test_the_menu_leads_a_member_of_a_listed_group_there(esashi_member):
    from tsunagaru.core.navigation import menu_for

    links = [link.url for group in menu_for(esashi_member, None) for link in group.links]

    assert URL in links


def test_only_the_graduate_decides_to_show_the_course(esashi_member):
    certificate = graduate("江刺の修了生", on_profile=False)

    with pytest.raises(ValidationError) as refused:
        services.certificate_consent(
            certificate=certificate, show_name=True, on_profile=True, by=esashi_member
        )

    assert refused.value.code == "not_graduate"
    certificate.refresh_from_db()
    assert (certificate.show_name, certificate.on_profile) == (False, False)


def test_the_graduate_shows_the_course_through_the_form_and_it_is_audited(client):
    certificate = graduate("江刺の修了生", on_profile=False)
    client.force_login(certificate.application.user)

    client.post(reverse("academy:consent", args=[certificate.code]), {"on_profile": "on"})

    certificate.refresh_from_db()
    assert certificate.on_profile is True
    assert certificate.show_name is False
    event = AuditEvent.objects.get(action="certificate.consent")
    assert event.after == {"show_name": False, "on_profile": True}


def test_the_number_of_queries_does_not_grow_with_the_graduates(
    client, esashi_member, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    graduate("最初の修了生")
    client.force_login(esashi_member)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for n in range(10):
        graduate(f"修了生{n}")

    with django_assert_max_num_queries(len(few)):
        client.get(URL)


def connect(certificate, *, days_after, status=PersonIntroduction.Status.ACCEPTED):
    volunteer = certificate.application.user.volunteer_profile
    answered = datetime.datetime.combine(
        certificate.completed_on + datetime.timedelta(days=days_after),
        datetime.time(12),
        tzinfo=timezone.get_current_timezone(),
    )
    group = OrganisationFactory()
    PersonIntroduction.objects.create(
        organisation=group,
        volunteer=volunteer,
        message="地区の会計を手伝ってください",
        requested_by=group.created_by,
        status=status,
        answered_at=answered,
    )


def test_graduates_connected_within_a_year_are_counted_per_fiscal_year():
    within = graduate("一年以内につながった人")
    late = graduate("一年を過ぎてつながった人")
    declined = graduate("断られた人")
    before = graduate("受講の前からつながっていた人")
    graduate("まだの人")
    connect(within, days_after=200)
    connect(within, days_after=250)  # two requests, one person
    connect(late, days_after=400)
    connect(declined, days_after=30, status=PersonIntroduction.Status.DECLINED)
    connect(before, days_after=-30)

    assert selectors.graduates_connected() == {2025: 1}


def _suggested_volunteer(name, email, *, shows_course):
    """A volunteer in 水沢区 who agreed to be suggested and completed the beginner course."""
    from tsunagaru.core.models import District
    from tsunagaru.partners import services as partner_services

    user = UserFactory(display_name=name, email=email)
    partner_services.volunteer_profile_save(
        user=user,
        data={
            "skills": "調理師の資格があります。配膳と片付けが得意です。",
            "wishes": "子ども食堂を手伝いたい。",
            "district": District.objects.get(slug="mizusawa"),
            "availability": "土曜日の午前",
            "suggest": True,
        },
    )
    Certificate.objects.create(
        application=ApplicationFactory(user=user, status=Application.Status.COMPLETED),
        name=name,
        completed_on=datetime.date(2026, 3, 1),
        on_profile=shows_course,
        issued_by=UserFactory(role=Role.CITY_STAFF),
    )


def _kitchen_need():
    """みずさわ子ども食堂's representative and its need for helping hands."""
    from tsunagaru.core.models import District
    from tsunagaru.partners import services as partner_services
    from tsunagaru.partners.models import Need

    member = MembershipFactory(
        organisation__name="みずさわ子ども食堂",
        organisation__district=District.objects.get(slug="mizusawa"),
        role=Membership.Role.REPRESENTATIVE,
    ).user
    need = partner_services.need_save(
        need=Need(organisation=member.memberships.get().organisation),
        data={
            "category": "trouble",
            "title": "配膳と片付けを手伝う人が足りない",
            "description": "土曜日の昼に、配膳と片付けを手伝ってくれる人を探しています。",
        },
        by=member,
    )
    return member, need


def test_a_need_page_shows_the_course_beside_a_suggested_graduate_who_chose_so(client):
    member, need = _kitchen_need()
    _suggested_volunteer("見せる修了生", "shows@example.jp", shows_course=True)
    client.force_login(member)

    html = client.get(reverse("matching:need", args=[need.pk])).content.decode()
    people = html.split('id="people"')[1].split("</section>")[0]

    assert "調理師の資格があります" in people
    assert "修了した講座" in people
    assert "協働のまちづくりアカデミー" in people
    assert "令和7年度" in people  # the cohort's fiscal year


def test_a_graduate_who_did_not_choose_so_is_suggested_without_the_course(client):
    member, need = _kitchen_need()
    _suggested_volunteer("見せない修了生", "hides@example.jp", shows_course=False)
    client.force_login(member)

    html = client.get(reverse("matching:need", args=[need.pk])).content.decode()
    people = html.split('id="people"')[1].split("</section>")[0]

    assert "調理師の資格があります" in people
    assert "協働のまちづくりアカデミー" not in people
