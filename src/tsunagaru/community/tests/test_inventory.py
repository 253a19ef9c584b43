"""The inventory of recurring work (事業の棚卸し): members record each activity's year and the
decision with its reason; ended activities leave later reviews; what stopping frees is summed;
an activity to hand over becomes a need that matching and introductions can name. Who sees
what: the decisions are public, without names; the review is for members and support staff."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tsunagaru.audit.models import AuditEvent
from tsunagaru.community import inventory_selectors as selectors
from tsunagaru.community import inventory_services as services
from tsunagaru.community.inventory_models import ActivityYear
from tsunagaru.community.tests.plan_factories import association
from tsunagaru.community.tests.test_plan_services import codes
from tsunagaru.partners.models import Need
from tsunagaru.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return association()


def year_data(**changes):
    return {
        "hours": 400,
        "volunteers": 25,
        "cost": 180000,
        "income": 30000,
        "participants": 150,
        "decision": "continue",
        "reason": "",
        **changes,
    }


def snow(people):
    return services.activity_save(
        organisation=people.organisation,
        data={"name": "除雪", "purpose": "高齢者世帯の玄関先の除雪", "beneficiaries": "高齢者世帯"},
        by=people.member,
    )


def test_a_member_lists_an_activity_and_records_its_year(people):
    activity = snow(people)

    record = services.activity_review(
        activity=activity, year=2025, data=year_data(), by=people.member
    )

    assert record.net_cost == 150000
    assert AuditEvent.objects.filter(action="inventory.review").count() == 1


def test_only_members_keep_the_inventory(people, coordinator):
    with pytest.raises(ValidationError) as caught:
        services.activity_save(
            organisation=people.organisation,
            data={"name": "敬老会", "purpose": "長寿を祝う"},
            by=coordinator,
        )
    assert codes(caught.value) == {"not_member"}

    activity = snow(people)
    with pytest.raises(ValidationError) as caught:
        services.activity_review(activity=activity, year=2025, data=year_data(), by=coordinator)
    assert codes(caught.value) == {"not_member"}
    assert not ActivityYear.objects.exists()


def test_only_a_district_association_keeps_an_inventory(people):
    club = OrganisationFactory()
    club.memberships.create(user=people.member, role="member")

    with pytest.raises(ValidationError) as caught:
        services.activity_save(
            organisation=club, data={"name": "清掃", "purpose": "川の清掃"}, by=people.member
        )
    assert codes(caught.value) == {"not_district_association"}


def test_every_decision_but_continue_says_why(people):
    activity = snow(people)

    with pytest.raises(ValidationError) as caught:
        services.activity_review(
            activity=activity, year=2025, data=year_data(decision="end"), by=people.member
        )

    assert codes(caught.value) == {"reason_required"}
    assert not ActivityYear.objects.exists()


def test_numbers_are_not_negative(people):
    activity = snow(people)

    with pytest.raises(ValidationError):
        services.activity_review(
            activity=activity, year=2025, data=year_data(hours=-5), by=people.member
        )
    assert not ActivityYear.objects.exists()


def test_a_year_that_has_not_begun_is_not_reviewed(people):
    activity = snow(people)

    with pytest.raises(ValidationError) as caught:
        services.activity_review(
            activity=activity,
            year=selectors.this_year() + 1,
            data=year_data(),
            by=people.member,
        )
    assert codes(caught.value) == {"year_not_started"}


def test_a_second_record_for_the_year_replaces_the_first(people):
    activity = snow(people)
    services.activity_review(activity=activity, year=2025, data=year_data(), by=people.member)

    services.activity_review(
        activity=activity, year=2025, data=year_data(hours=380), by=people.member
    )

    assert ActivityYear.objects.get().hours == 380


def test_an_activity_handed_over_leaves_the_next_years_review(people):
    activity = snow(people)
    keirou = services.activity_save(
        organisation=people.organisation,
        data={"name": "敬老会", "purpose": "長寿を祝う"},
        by=people.member,
    )
    services.activity_review(
        activity=activity,
        year=2024,
        data=year_data(decision="hand_over", reason="担い手が高齢になった"),
        by=people.member,
    )

    assert [row.activity for row in selectors.review_rows(people.organisation, 2025)] == [keirou]
    with pytest.raises(ValidationError) as caught:
        services.activity_review(activity=activity, year=2025, data=year_data(), by=people.member)
    assert codes(caught.value) == {"activity_ended"}


def test_the_review_goes_on_to_the_next_activity_not_yet_reviewed(people):
    first = snow(people)
    second = services.activity_save(
        organisation=people.organisation,
        data={"name": "敬老会", "purpose": "長寿を祝う"},
        by=people.member,
    )
    services.activity_review(activity=second, year=2025, data=year_data(), by=people.member)

    assert selectors.next_to_review(people.organisation, 2025, after=second.pk) == first
    assert selectors.next_to_review(people.organisation, 2025, after=first.pk) == first


def test_what_stopping_and_handing_over_free_is_summed(people):
    activity = snow(people)
    paper = services.activity_save(
        organisation=people.organisation,
        data={"name": "広報誌", "purpose": "地区の広報"},
        by=people.member,
    )
    festival = services.activity_save(
        organisation=people.organisation,
        data={"name": "夏まつり", "purpose": "交流"},
        by=people.member,
    )
    services.activity_review(
        activity=activity,
        year=2025,
        data=year_data(decision="hand_over", reason="NPOに移行"),
        by=people.member,
    )
    services.activity_review(
        activity=paper,
        year=2025,
        data=year_data(hours=60, cost=50000, income=0, decision="end", reason="回覧で足りる"),
        by=people.member,
    )
    services.activity_review(
        activity=festival, year=2025, data=year_data(hours=900), by=people.member
    )
    sports = services.activity_save(
        organisation=people.organisation,
        data={"name": "運動会", "purpose": "交流"},
        by=people.member,
    )
    # Merged into the festival: the work goes on there, so nothing is freed.
    services.activity_review(
        activity=sports,
        year=2025,
        data=year_data(hours=300, decision="merge", reason="まつりの中で行う"),
        by=people.member,
    )

    freed = selectors.freed(people.organisation, 2025)

    assert (freed.activities, freed.hours, freed.money) == (2, 460, 150000 + 50000)


def test_an_activity_to_hand_over_becomes_one_open_need_of_the_association(people):
    activity = snow(people)
    record = services.activity_review(
        activity=activity,
        year=2025,
        data=year_data(decision="hand_over", reason="除雪機を持つ事業者に任せたい"),
        by=people.member,
    )

    need = services.activity_seek_partner(record=record, by=people.member)
    again = services.activity_seek_partner(record=record, by=people.member)

    assert need == again
    assert need.organisation == people.organisation
    assert need.status == Need.Status.OPEN
    assert "除雪" in need.title
    assert "除雪機を持つ事業者に任せたい" in need.description
    record.refresh_from_db()
    assert record.need == need


def test_an_activity_that_continues_has_nothing_to_hand_over(people):
    record = services.activity_review(
        activity=snow(people), year=2025, data=year_data(), by=people.member
    )

    with pytest.raises(ValidationError) as caught:
        services.activity_seek_partner(record=record, by=people.member)
    assert codes(caught.value) == {"nothing_to_hand_over"}
    assert not Need.objects.filter(organisation=people.organisation).exists()


# Pages


def test_the_decisions_are_public_without_names(client, people):
    activity = snow(people)
    services.activity_review(
        activity=activity,
        year=2025,
        data=year_data(decision="review", reason="作業を2班に分ける"),
        by=people.member,
    )

    html = client.get(
        reverse("community:inventory", args=[people.organisation.pk])
    ).content.decode()

    assert "除雪" in html
    assert "作業を2班に分ける" in html
    assert people.member.display_name not in html
    assert reverse("community:review_year", args=[people.organisation.pk, 2025]) not in html


@pytest.mark.parametrize(
    ("who", "status"),
    [("member", 200), ("coordinator", 200), ("resident", 403), ("anonymous", 302)],
)
def test_who_opens_the_yearly_review(client, people, coordinator, resident, who, status):
    users = {"member": people.member, "coordinator": coordinator, "resident": resident}
    if who in users:
        client.force_login(users[who])

    response = client.get(reverse("community:review_year", args=[people.organisation.pk, 2025]))

    assert response.status_code == status


def test_saving_a_review_goes_to_the_next_activity(client, people):
    first = snow(people)
    second = services.activity_save(
        organisation=people.organisation,
        data={"name": "敬老会", "purpose": "長寿を祝う"},
        by=people.member,
    )
    client.force_login(people.member)
    form = {k: v for k, v in year_data().items()}

    response = client.post(reverse("community:activity_review", args=[first.pk, 2025]), form)
    assert response["Location"] == reverse("community:activity_review", args=[second.pk, 2025])
    response = client.post(reverse("community:activity_review", args=[second.pk, 2025]), form)
    assert response["Location"] == reverse(
        "community:review_year", args=[people.organisation.pk, 2025]
    )


def test_support_staff_read_the_review_but_cannot_record_it(client, people, coordinator):
    activity = snow(people)
    client.force_login(coordinator)
    url = reverse("community:activity_review", args=[activity.pk, 2025])

    assert client.get(url).status_code == 200
    assert client.post(url, year_data()).status_code == 403
    assert not ActivityYear.objects.exists()


def test_a_year_to_come_or_long_ago_is_not_found(client, people):
    client.force_login(people.member)
    url = reverse("community:review_year", args=[people.organisation.pk, selectors.this_year() + 1])

    assert client.get(url).status_code == 404
    assert (
        client.get(
            reverse("community:review_year", args=[people.organisation.pk, 1999])
        ).status_code
        == 404
    )


def test_the_review_page_offers_to_publish_a_hand_over_and_then_to_connect(client, people):
    activity = snow(people)
    services.activity_review(
        activity=activity,
        year=2025,
        data=year_data(decision="hand_over", reason="除雪機のある事業者に"),
        by=people.member,
    )
    client.force_login(people.member)
    url = reverse("community:activity_review", args=[activity.pk, 2025])
    seek = reverse("community:seek_partner", args=[activity.pk, 2025])

    assert seek in client.get(url).content.decode()
    assert client.post(seek).status_code == 302

    html = client.get(url).content.decode()
    need = Need.objects.get(organisation=people.organisation)
    assert seek not in html
    assert reverse("matching:need", args=[need.pk]) in html


def test_an_outsider_cannot_publish_the_associations_activity(client, people, resident):
    activity = snow(people)
    services.activity_review(
        activity=activity,
        year=2025,
        data=year_data(decision="end", reason="役目を終えた"),
        by=people.member,
    )
    client.force_login(resident)

    assert (
        client.post(reverse("community:seek_partner", args=[activity.pk, 2025])).status_code == 403
    )
    assert not Need.objects.filter(organisation=people.organisation).exists()


def test_the_inventory_of_another_kind_of_group_is_not_found(client):
    club = OrganisationFactory()

    assert client.get(reverse("community:inventory", args=[club.pk])).status_code == 404


def test_the_inventory_of_an_association_not_yet_listed_is_for_its_people(client, people):
    people.organisation.status = "pending"
    people.organisation.save(update_fields=["status"])
    url = reverse("community:inventory", args=[people.organisation.pk])

    assert client.get(url).status_code == 404
    client.force_login(people.member)
    assert client.get(url).status_code == 200


def test_matching_reads_the_activity_with_the_things_it_needs_and_the_reason(people):
    activity = services.activity_save(
        organisation=people.organisation,
        data={"name": "除雪", "purpose": "玄関先の除雪", "goods": "小型除雪機"},
        by=people.member,
    )
    record = services.activity_review(
        activity=activity,
        year=2025,
        data=year_data(decision="hand_over", reason="担い手がいない"),
        by=people.member,
    )

    text = selectors.activity_text(activity, record)

    assert "小型除雪機" in text
    assert "担い手がいない" in text
