"""District facilities and own income: the 地区センター's manager, period and rooms (city staff),
the manager's yearly reports (its members write, the city reads, files checked), meeting halls
and their repairs (the owner group or city staff), and an association's own income (members
write, support staff read, nobody else)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tsunagaru.audit.models import AuditEvent
from tsunagaru.community import facility_services, income_selectors, income_services, services
from tsunagaru.community.facility_models import CentreReport, HallRepair, MeetingHall
from tsunagaru.community.income_models import IncomeRecord
from tsunagaru.community.inventory_selectors import this_year
from tsunagaru.community.tests.plan_factories import association
from tsunagaru.community.tests.test_plan_services import codes
from tsunagaru.core.models import District

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def people():
    return association()


@pytest.fixture
def centre(people, city_staff):
    return services.centre_save(
        district=District.objects.get(slug="inase"),
        data={
            "name": "稲瀬地区センター",
            "manager": people.organisation,
            "managed_from": datetime.date(2024, 4, 1),
            "managed_until": datetime.date(2029, 3, 31),
        },
        by=city_staff,
    )


def test_the_centre_names_its_designated_manager_and_period(client, centre, people):
    html = client.get(reverse("community:district", args=[centre.district_id])).content.decode()

    assert people.organisation.name in html
    assert "令和6年4月1日" in html
    assert "令和11年3月31日" in html


def test_a_management_period_that_ends_before_it_begins_is_refused(centre, city_staff):
    with pytest.raises(ValidationError) as caught:
        services.centre_save(
            district=centre.district,
            data={
                "name": "稲瀬地区センター",
                "managed_from": datetime.date(2029, 4, 1),
                "managed_until": datetime.date(2024, 3, 31),
            },
            by=city_staff,
        )
    assert codes(caught.value) == {"period_order"}
    centre.refresh_from_db()
    assert centre.managed_from == datetime.date(2024, 4, 1)


def test_staff_add_rooms_and_a_member_may_not(client, centre, city_staff, people):
    url = reverse("community:room_add", args=[centre.district_id])
    data = {"room-name": "大広間", "room-capacity": "80"}

    client.force_login(people.member)
    assert client.post(url, data).status_code == 403
    client.force_login(city_staff)
    client.post(url, data)

    assert [room.name for room in centre.rooms.all()] == ["大広間"]
    html = client.get(reverse("community:district", args=[centre.district_id])).content.decode()
    assert "大広間" in html


def test_the_managers_members_report_the_year_and_others_cannot(centre, people, coordinator):
    report = facility_services.report_save(
        centre=centre,
        year=2025,
        data={"summary": "利用者が増えた", "users": 5200},
        file=SimpleUploadedFile("report.pdf", PDF),
        by=people.member,
    )

    assert report.original_name == "report.pdf"
    with pytest.raises(ValidationError) as caught:
        facility_services.report_save(
            centre=centre, year=2025, data={"summary": "代わりに"}, by=coordinator
        )
    assert codes(caught.value) == {"not_manager"}
    assert AuditEvent.objects.filter(action="centre.report").count() == 1


def test_a_report_file_of_the_wrong_type_saves_nothing(centre, people):
    with pytest.raises(ValidationError) as caught:
        facility_services.report_save(
            centre=centre,
            year=2025,
            data={"summary": "報告"},
            file=SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf"),
            by=people.member,
        )
    assert codes(caught.value) == {"invalid_document"}
    assert not CentreReport.objects.exists()


def test_a_report_for_a_year_to_come_is_refused(centre, people):
    with pytest.raises(ValidationError) as caught:
        facility_services.report_save(
            centre=centre, year=this_year() + 1, data={"summary": "未来"}, by=people.member
        )
    assert codes(caught.value) == {"year_not_started"}


@pytest.mark.parametrize(
    ("who", "status"),
    [("member", 200), ("city_staff", 200), ("resident", 403), ("anonymous", 302)],
)
def test_who_reads_the_centres_reports(client, centre, people, city_staff, resident, who, status):
    users = {"member": people.member, "city_staff": city_staff, "resident": resident}
    if who in users:
        client.force_login(users[who])

    response = client.get(reverse("community:centre_reports", args=[centre.district_id]))

    assert response.status_code == status


def test_the_report_file_is_downloaded_only_by_those_who_read_reports(
    client, centre, people, resident
):
    report = facility_services.report_save(
        centre=centre,
        year=2025,
        data={"summary": "報告"},
        file=SimpleUploadedFile("report.pdf", PDF),
        by=people.member,
    )
    url = reverse("community:report_file", args=[report.pk])

    client.force_login(resident)
    assert client.get(url).status_code == 404
    client.force_login(people.member)
    response = client.get(url)
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]


def hall_data(**changes):
    return {
        "name": "稲瀬公民館",
        "address": "奥州市江刺稲瀬",
        "built_year": 1985,
        "condition": "needs_repair",
        **changes,
    }


def test_the_owner_groups_members_record_a_hall_and_its_repairs(people):
    hall = facility_services.hall_save(
        district=people.organisation.district,
        owner=people.organisation,
        data=hall_data(),
        by=people.member,
    )
    repair = facility_services.repair_add(
        hall=hall,
        data={
            "work": "屋根の張り替え",
            "planned_year": this_year() + 1,
            "estimated_cost": 3_000_000,
            "funding": "hall_grant",
        },
        by=people.member,
    )
    facility_services.repair_set_status(repair=repair, status="applied", by=people.member)

    repair.refresh_from_db()
    assert repair.status == HallRepair.Status.APPLIED
    assert AuditEvent.objects.filter(action="hallrepair.applied").exists()


def test_an_outsider_cannot_record_a_groups_hall(people, resident):
    with pytest.raises(ValidationError) as caught:
        facility_services.hall_save(
            district=people.organisation.district,
            owner=people.organisation,
            data=hall_data(),
            by=resident,
        )
    assert codes(caught.value) == {"not_owner"}
    assert not MeetingHall.objects.exists()


def test_a_hall_belongs_to_a_group_of_its_district(people, city_staff):
    with pytest.raises(ValidationError) as caught:
        facility_services.hall_save(
            district=District.objects.get(slug="ide"),
            owner=people.organisation,
            data=hall_data(),
            by=city_staff,
        )
    assert codes(caught.value) == {"owner_elsewhere"}


def test_a_repair_year_far_ahead_and_an_unknown_status_are_refused(people):
    hall = facility_services.hall_save(
        district=people.organisation.district,
        owner=people.organisation,
        data=hall_data(),
        by=people.member,
    )
    with pytest.raises(ValidationError) as caught:
        facility_services.repair_add(
            hall=hall,
            data={
                "work": "建て替え",
                "planned_year": this_year() + 20,
                "estimated_cost": 1,
                "funding": "own_funds",
            },
            by=people.member,
        )
    assert codes(caught.value) == {"year_out_of_range"}
    repair = facility_services.repair_add(
        hall=hall,
        data={
            "work": "トイレの洋式化",
            "planned_year": this_year(),
            "estimated_cost": 800_000,
            "funding": "community_grant",
        },
        by=people.member,
    )
    with pytest.raises(ValidationError) as caught:
        facility_services.repair_set_status(repair=repair, status="lost", by=people.member)
    assert codes(caught.value) == {"invalid_status"}


def test_the_hall_page_is_public_and_its_forms_are_for_its_keepers(client, people, resident):
    hall = facility_services.hall_save(
        district=people.organisation.district,
        owner=people.organisation,
        data=hall_data(),
        by=people.member,
    )
    url = reverse("community:hall", args=[hall.pk])

    html = client.get(url).content.decode()
    assert "稲瀬公民館" in html
    assert "昭和60年" in html
    assert 'name="work"' not in html
    client.force_login(resident)
    assert client.post(url, {"work": "x"}).status_code == 403
    client.force_login(people.member)
    assert 'name="work"' in client.get(url).content.decode()


def test_a_member_of_a_group_in_the_district_is_offered_to_record_a_hall(client, people, resident):
    district_url = reverse("community:district", args=[people.organisation.district_id])
    new = reverse("community:hall_new", args=[people.organisation.district_id])

    client.force_login(resident)
    assert new not in client.get(district_url).content.decode()
    assert client.get(new).status_code == 403
    client.force_login(people.member)
    assert new in client.get(district_url).content.decode()
    response = client.post(new, {**hall_data(), "owner": people.organisation.pk, "notes": ""})
    assert response.status_code == 302


# Own income (自主財源)


def test_members_record_own_income_and_see_it_by_year(people):
    for year, amount in ((2024, 300_000), (2025, 280_000)):
        income_services.income_add(
            organisation=people.organisation,
            data={"year": year, "source": "fees", "amount": amount},
            by=people.member,
        )
    income_services.income_add(
        organisation=people.organisation,
        data={"year": 2025, "source": "business", "description": "まつりの出店", "amount": 90_000},
        by=people.member,
    )

    latest, earlier = income_selectors.income_years(people.organisation)

    assert (latest.year, latest.total, latest.change) == (2025, 370_000, 70_000)
    assert earlier.change is None


def test_own_income_is_written_by_members_only_and_never_negative(people, coordinator):
    with pytest.raises(ValidationError) as caught:
        income_services.income_add(
            organisation=people.organisation,
            data={"year": 2025, "source": "fees", "amount": 1},
            by=coordinator,
        )
    assert codes(caught.value) == {"not_member"}
    with pytest.raises(ValidationError):
        income_services.income_add(
            organisation=people.organisation,
            data={"year": 2025, "source": "fees", "amount": -1},
            by=people.member,
        )
    assert not IncomeRecord.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [("member", 200), ("coordinator", 200), ("resident", 403), ("anonymous", 302)],
)
def test_who_sees_own_income(client, people, coordinator, resident, who, status):
    users = {"member": people.member, "coordinator": coordinator, "resident": resident}
    if who in users:
        client.force_login(users[who])

    assert client.get(reverse("community:income", args=[people.organisation.pk])).status_code == (
        status
    )


def test_support_staff_read_own_income_but_cannot_add_to_it(client, people, coordinator):
    client.force_login(coordinator)

    response = client.post(
        reverse("community:income", args=[people.organisation.pk]),
        {"year": 2025, "source": "fees", "amount": 10},
    )

    assert response.status_code == 403
    assert not IncomeRecord.objects.exists()


def test_the_associations_page_links_own_income_only_for_its_people(client, people, resident):
    url = reverse("partners:detail", args=[people.organisation.pk])
    income = reverse("community:income", args=[people.organisation.pk])

    assert income not in client.get(url).content.decode()
    client.force_login(resident)
    assert income not in client.get(url).content.decode()
    client.force_login(people.member)
    assert income in client.get(url).content.decode()


def test_own_income_of_a_year_to_come_is_refused(people):
    with pytest.raises(ValidationError) as caught:
        income_services.income_add(
            organisation=people.organisation,
            data={"year": this_year() + 1, "source": "fees", "amount": 1},
            by=people.member,
        )
    assert codes(caught.value) == {"year_not_started"}
