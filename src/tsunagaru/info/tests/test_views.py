"""The pages: what each person sees and may do, and that refused actions save nothing."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tsunagaru.accounts.models import Role
from tsunagaru.audit.models import AuditEvent
from tsunagaru.info.models import Event, EventKind, Registration
from tsunagaru.info.tests.factories import EventFactory, RegistrationFactory
from tsunagaru.partners.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_the_list_shows_upcoming_public_events_in_wareki_and_never_drafts(client, event):
    EventFactory(title="準備中の講座", status=Event.Status.DRAFT, organiser=event.organiser)
    EventFactory(
        title="終わった講座",
        organiser=event.organiser,
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
    )
    page = client.get(reverse("info:events")).content.decode()
    assert event.title in page
    assert "準備中の講座" not in page
    assert "終わった講座" not in page
    assert "令和" in page
    assert "（" in page


def test_the_list_filters_by_kind_and_free(client, event):
    EventFactory(
        title="有料の交流会",
        fee=500,
        kind=EventKind.objects.get(code="social"),
        organiser=event.organiser,
    )
    social = EventKind.objects.get(code="social").pk
    page = client.get(reverse("info:events"), {"kind": social}).content.decode()
    assert "有料の交流会" in page
    assert event.title not in page
    page = client.get(reverse("info:events"), {"free": "on"}).content.decode()
    assert "有料の交流会" not in page
    assert event.title in page


def test_the_list_keeps_its_query_count_as_events_grow(
    client, event, django_assert_max_num_queries
):
    client.get(reverse("info:events"))
    for _n in range(15):
        EventFactory(organiser=event.organiser)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("info:events"))
    assert response.status_code == 200


def test_a_bad_filter_value_shows_the_list_not_an_error(client, event):
    response = client.get(reverse("info:events"), {"kind": "x", "start": "2026-13-40", "page": "z"})
    assert response.status_code == 200


def test_the_month_calendar_shows_the_event_on_its_day(client, event):
    start = timezone.localtime(event.starts_at)
    page = client.get(
        reverse("info:calendar"), {"year": start.year, "month": start.month}
    ).content.decode()
    assert event.title in page
    assert client.get(reverse("info:calendar"), {"year": "abc", "month": 99}).status_code == 200


def test_a_draft_is_not_found_by_the_public_and_seen_by_its_group(client, event, organiser_member):
    Event.objects.filter(pk=event.pk).update(status=Event.Status.DRAFT)
    url = reverse("info:event", args=[event.pk])
    assert client.get(url).status_code == 404
    client.force_login(organiser_member)
    assert client.get(url).status_code == 200


def test_a_resident_registers_and_sees_it_on_the_page(client, event, resident):
    client.force_login(resident)
    response = client.post(reverse("info:register", args=[event.pk]), follow=True)
    assert response.status_code == 200
    assert event.registrations.get().user == resident
    assert "申込み済みです" in response.content.decode()


def test_the_third_resident_lands_on_the_waiting_list(client, event, make_resident):
    for n in range(2):
        RegistrationFactory(event=event, user=make_resident(n))
    third = make_resident(3)
    client.force_login(third)
    page = client.get(reverse("info:event", args=[event.pk])).content.decode()
    assert "キャンセル待ち" in page
    client.post(reverse("info:register", args=[event.pk]))
    assert event.registrations.get(user=third).status == Registration.Status.WAITLISTED
    page = client.get(reverse("info:event", args=[event.pk])).content.decode()
    assert "1" in page


def test_a_second_registration_shows_a_message_and_saves_nothing(client, event, resident):
    client.force_login(resident)
    client.post(reverse("info:register", args=[event.pk]))
    response = client.post(reverse("info:register", args=[event.pk]))
    assert response.status_code == 200
    assert "すでに" in response.content.decode()
    assert event.registrations.count() == 1


def test_an_anonymous_visitor_is_asked_to_sign_in_where_guests_are_not_allowed(client, event):
    response = client.get(reverse("info:register", args=[event.pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert not event.registrations.exists()


def test_a_guest_registers_and_confirms_by_the_mailed_link(client, event, mailoutbox):
    Event.objects.filter(pk=event.pk).update(allow_guests=True)
    client.post(
        reverse("info:register", args=[event.pk]),
        {"name": "奥州 太郎", "email": "taro@example.jp"},
    )
    registration = event.registrations.get()
    assert registration.status == Registration.Status.UNCONFIRMED
    link = reverse("info:confirm", args=[registration.token])
    assert link in mailoutbox[-1].body
    # Opening the link (a mail scanner does) changes nothing; the button does.
    client.get(link)
    assert Registration.objects.get(pk=registration.pk).status == "unconfirmed"
    client.post(link)
    assert Registration.objects.get(pk=registration.pk).status == "registered"


def test_a_person_cancels_from_the_mailed_link(client, event, resident, mailoutbox):
    client.force_login(resident)
    client.post(reverse("info:register", args=[event.pk]))
    client.logout()
    registration = event.registrations.get()
    assert registration.token in mailoutbox[-1].body
    client.post(reverse("info:cancel_place", args=[registration.token]))
    assert Registration.objects.get(pk=registration.pk).status == "cancelled"


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("resident", 403),
        ("other_group", 403),
        ("organiser", 200),
        ("city_staff", 200),
    ],
)
def test_the_participants_list_is_for_the_organiser_and_staff(
    client, event, organiser_member, make_user, who, status
):
    RegistrationFactory(event=event, name="奥州 花子", email="hanako@example.jp")
    users = {
        "resident": make_user(Role.RESIDENT),
        "organiser": organiser_member,
        "city_staff": make_user(Role.CITY_STAFF),
    }
    if who == "other_group":
        users[who] = MembershipFactory().user
    if who != "anonymous":
        client.force_login(users[who])
    response = client.get(reverse("info:participants", args=[event.pk]))
    assert response.status_code == status
    download = client.get(reverse("info:participants_download", args=[event.pk, "csv"]))
    assert download.status_code == status
    content = response.content.decode() + download.content.decode("utf-8", errors="replace")
    assert ("hanako@example.jp" in content) == (status == 200)


def test_no_participant_name_is_on_the_public_page(client, event):
    RegistrationFactory(event=event, name="奥州 花子", email="hanako@example.jp")
    page = client.get(reverse("info:event", args=[event.pk])).content.decode()
    assert "奥州 花子" not in page
    assert "hanako@example.jp" not in page


def test_the_csv_of_participants_has_a_bom_the_answers_and_is_logged(
    client, event, organiser_member
):
    event.questions = ["託児を希望しますか"]
    event.save()
    RegistrationFactory(event=event, name="奥州 花子", answers={"託児を希望しますか": "はい"})
    client.force_login(organiser_member)
    response = client.get(reverse("info:participants_download", args=[event.pk, "csv"]))
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert "託児を希望しますか" in rows[0]
    assert rows[1][1] == "奥州 花子"
    assert "はい" in rows[1]
    assert AuditEvent.objects.filter(action="registration.export").exists()
    xlsx = client.get(reverse("info:participants_download", args=[event.pk, "xlsx"]))
    assert xlsx.content[:2] == b"PK"
    cp932 = client.get(reverse("info:participants_download", args=[event.pk, "csv-cp932"]))
    assert "奥州 花子".encode("cp932") in cp932.content
    assert (
        client.get(reverse("info:participants_download", args=[event.pk, "pdf"])).status_code == 404
    )


def test_attendance_is_taken_on_the_list(client, event, organiser_member):
    present = RegistrationFactory(event=event)
    absent = RegistrationFactory(event=event)
    client.force_login(organiser_member)
    client.post(
        reverse("info:participants", args=[event.pk]),
        {"form": "attendance", "attended": [present.pk]},
    )
    assert Registration.objects.get(pk=present.pk).attended
    assert not Registration.objects.get(pk=absent.pk).attended


def test_the_organiser_adds_someone_who_phoned(client, event, organiser_member):
    client.force_login(organiser_member)
    client.post(
        reverse("info:participants", args=[event.pk]),
        {"form": "counter", "name": "電話の 方", "phone": "0197-24-2111"},
    )
    assert event.registrations.get().name == "電話の 方"


def test_a_group_member_announces_an_event_and_publishes_it(client, organiser_member, event):
    client.force_login(organiser_member)
    assert client.get(reverse("info:new")).status_code == 200
    response = client.post(
        reverse("info:new"),
        {
            "organiser": event.organiser.pk,
            "title": "子ども食堂ボランティア説明会",
            "kind": EventKind.objects.get(code="briefing").pk,
            "description": "活動の説明をします。",
            "starts_at": "2027-01-16T10:00",
            "ends_at": "2027-01-16T11:30",
            "place_name": "稲瀬地区センター",
            "fee": "0",
        },
    )
    made = Event.objects.get(title="子ども食堂ボランティア説明会")
    assert response.status_code == 302
    assert made.status == Event.Status.DRAFT
    client.post(reverse("info:action", args=[made.pk, "submit"]))
    assert Event.objects.get(pk=made.pk).status == Event.Status.PUBLISHED


def test_the_form_says_the_end_is_before_the_start(client, organiser_member, event):
    client.force_login(organiser_member)
    response = client.post(
        reverse("info:new"),
        {
            "organiser": event.organiser.pk,
            "title": "逆の日時",
            "kind": EventKind.objects.get(code="briefing").pk,
            "description": "x",
            "starts_at": "2027-01-16T10:00",
            "ends_at": "2027-01-16T09:00",
            "place_name": "稲瀬地区センター",
            "fee": "0",
        },
    )
    assert response.status_code == 200
    assert "終了" in response.content.decode()
    assert not Event.objects.filter(title="逆の日時").exists()


def test_a_resident_cannot_announce_or_act_on_an_event(client, resident, event):
    client.force_login(resident)
    assert client.get(reverse("info:new")).status_code == 403
    assert client.get(reverse("info:edit", args=[event.pk])).status_code == 403
    response = client.post(reverse("info:action", args=[event.pk, "cancel"]), {"reason": "x"})
    assert response.status_code == 403
    assert Event.objects.get(pk=event.pk).status == Event.Status.PUBLISHED


def test_cancelling_without_a_reason_shows_a_message_and_changes_nothing(
    client, event, organiser_member
):
    client.force_login(organiser_member)
    response = client.post(
        reverse("info:action", args=[event.pk, "cancel"]), {"reason": ""}, follow=True
    )
    assert "理由" in response.content.decode()
    assert Event.objects.get(pk=event.pk).status == Event.Status.PUBLISHED


def test_an_unknown_action_is_not_found(client, event, organiser_member):
    client.force_login(organiser_member)
    assert client.post(reverse("info:action", args=[event.pk, "explode"])).status_code == 404


def test_my_events_lists_my_registrations_and_my_groups_events(
    client, event, organiser_member, resident
):
    RegistrationFactory(event=event, user=resident)
    client.force_login(resident)
    assert event.title in client.get(reverse("info:mine")).content.decode()
    client.force_login(organiser_member)
    assert event.title in client.get(reverse("info:mine")).content.decode()


def test_htmx_gets_only_the_seat_count_of_an_event_and_the_results_of_the_list(client, event):
    fragment = client.get(reverse("info:event", args=[event.pk]), HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert html.lstrip().startswith('<section id="registration"')
    assert "定員 2 人のうち 0 人が申込み済みです。" in html
    assert fragment["Vary"].count("HX-Request") == 1
    results = client.get(reverse("info:events"), HTTP_HX_REQUEST="true").content.decode()
    assert results.lstrip().startswith('<section id="results"')
