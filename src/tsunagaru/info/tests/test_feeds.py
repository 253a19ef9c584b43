"""Calendar feeds: each event's .ics, group and area feeds, the Atom feed and the personal
calendar address. Every .ics is parsed back with icalendar, as a calendar app would."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tsunagaru.audit.models import AuditEvent
from tsunagaru.core.models import Area
from tsunagaru.info import services
from tsunagaru.info.models import CalendarToken, Event, Registration
from tsunagaru.info.tests.factories import EventFactory, RegistrationFactory
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")
HIDDEN = [Event.Status.DRAFT, Event.Status.IN_REVIEW]


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def vevents(calendar):
    return {str(v["SUMMARY"]): v for v in calendar.walk("VEVENT")}


def test_an_events_ics_has_its_time_in_tokyo_its_place_page_and_a_stable_uid(client, event):
    event.address = "岩手県奥州市江刺稲瀬字下台1"
    event.save()

    calendar = parse(client.get(reverse("info:event_ics", args=[event.pk])))

    (item,) = calendar.walk("VEVENT")
    start = item.decoded("DTSTART")
    assert start == event.starts_at
    assert start.tzinfo.key == "Asia/Tokyo"
    assert item["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert start.hour == 14  # the factory's 14:00 Japan time, not 05:00 UTC
    assert item.decoded("DTEND") == event.ends_at
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    assert str(item["UID"]) == f"event-{event.pk}@127.0.0.1"
    assert "水沢地区センター" in str(item["LOCATION"])
    assert "江刺稲瀬" in str(item["LOCATION"])
    assert str(item["URL"]).endswith(f"/events/{event.pk}/")
    assert str(item["STATUS"]) == "CONFIRMED"
    assert "稲瀬振興会" in str(item["DESCRIPTION"])


def test_a_changed_event_keeps_its_uid_and_its_sequence_grows(client, event, organiser_member):
    url = reverse("info:event_ics", args=[event.pk])
    (before,) = parse(client.get(url)).walk("VEVENT")

    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        services.event_save(
            event=event, data={"title": "地域づくり講座（会場変更）"}, by=organiser_member
        )
    (after,) = parse(client.get(url)).walk("VEVENT")

    assert after["UID"] == before["UID"]
    assert after.decoded("SEQUENCE") > before.decoded("SEQUENCE")
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")
    assert str(after["SUMMARY"]) == "地域づくり講座（会場変更）"


def test_an_all_day_event_has_dates_with_the_day_after_as_its_end(client, event):
    event.all_day = True
    event.starts_at = timezone.make_aware(timezone.datetime(2026, 12, 5, 0, 0), TOKYO)
    event.ends_at = timezone.make_aware(timezone.datetime(2026, 12, 6, 23, 59), TOKYO)
    event.save()

    (item,) = parse(client.get(reverse("info:event_ics", args=[event.pk]))).walk("VEVENT")

    assert item.decoded("DTSTART") == date(2026, 12, 5)
    assert item.decoded("DTEND") == date(2026, 12, 7)
    assert item["DTSTART"].params.get("VALUE") == "DATE"


def test_a_cancelled_event_says_so_to_calendars(client, event, organiser_member):
    services.event_cancel(event=event, reason="台風のため中止します。", by=organiser_member)

    (item,) = parse(client.get(reverse("info:event_ics", args=[event.pk]))).walk("VEVENT")

    assert str(item["STATUS"]) == "CANCELLED"
    assert str(item["SUMMARY"]).endswith(event.title)
    assert str(item["SUMMARY"]) != event.title  # marked as cancelled
    assert "台風のため中止します。" in str(item["DESCRIPTION"])


@pytest.mark.parametrize("status", HIDDEN)
def test_an_unpublished_event_has_no_ics_even_for_its_organiser(
    client, event, organiser_member, status
):
    Event.objects.filter(pk=event.pk).update(status=status)
    client.force_login(organiser_member)

    assert client.get(reverse("info:event_ics", args=[event.pk])).status_code == 404


def test_the_event_page_offers_it_for_a_calendar(client, event):
    response = client.get(event.get_absolute_url())

    assert reverse("info:event_ics", args=[event.pk]) in response.content.decode()


# -- group and area feeds ------------------------------------------------------------------


def test_a_groups_feed_has_what_it_organises_and_co_organises_and_nothing_unpublished(client):
    group = OrganisationFactory(name="水沢子ども食堂")
    own = EventFactory(organiser=group, title="子ども食堂 12月")
    shared = EventFactory(title="共催のフォーラム")
    shared.co_organisers.add(group)
    EventFactory(title="よその会の講座")
    for status in HIDDEN:
        EventFactory(organiser=group, status=status, title=f"非公開 {status}")

    calendar = parse(client.get(reverse("info:group_ics", args=[group.pk])))

    assert set(vevents(calendar)) == {own.title, shared.title}
    assert str(calendar["X-WR-CALNAME"]) == "水沢子ども食堂"


def test_a_group_not_in_the_directory_has_no_feed(client):
    group = OrganisationFactory(status=Organisation.Status.PENDING)
    EventFactory(organiser=group)

    assert client.get(reverse("info:group_ics", args=[group.pk])).status_code == 404


def test_an_areas_feed_has_the_public_events_held_there(client):
    here, elsewhere = Area.objects.all()[:2]
    public = EventFactory(area=here, title="地区の交流会")
    EventFactory(area=elsewhere, title="別の区の交流会")
    EventFactory(area=here, status=Event.Status.DRAFT, title="下書きの交流会")

    calendar = parse(client.get(reverse("info:area_ics", args=[here.pk])))

    assert set(vevents(calendar)) == {public.title}


def test_the_group_page_links_to_its_calendar(client):
    group = OrganisationFactory()

    response = client.get(group.get_absolute_url())

    assert reverse("info:group_ics", args=[group.pk]) in response.content.decode()


# -- Atom ---------------------------------------------------------------------------------


def test_the_atom_feed_lists_newly_published_events_only(client):
    EventFactory(title="新しい講座")
    EventFactory(title="下書きの講座", status=Event.Status.DRAFT, published_at=None)
    EventFactory(title="審査中の講座", status=Event.Status.IN_REVIEW, published_at=None)

    response = client.get(reverse("info:feed"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "新しい講座" in body
    assert "下書きの講座" not in body
    assert "審査中の講座" not in body


# -- the personal calendar address -----------------------------------------------------------


def personal(client, token):
    return client.get(reverse("info:personal_ics", args=[token.token]))


def test_my_calendar_has_what_i_registered_or_wait_for_and_nothing_of_anyone_else(
    client, resident, make_resident
):
    seat = RegistrationFactory(user=resident, event__title="座れる講座")
    waiting = RegistrationFactory(
        user=resident, event__title="満席の講座", status=Registration.Status.WAITLISTED
    )
    RegistrationFactory(
        user=resident, event__title="取り消した講座", status=Registration.Status.CANCELLED
    )
    RegistrationFactory(user=resident, event__title="下書きの講座", event__status="draft")
    RegistrationFactory(user=make_resident(9), event__title="ほかの人の講座")
    token = services.calendar_token_create(user=resident, by=resident)

    events = vevents(parse(personal(client, token)))

    assert len(events) == 2
    assert str(events[seat.event.title]["STATUS"]) == "CONFIRMED"
    # The waiting-list place is there, marked as such (a prefix and TENTATIVE).
    (waiting_summary,) = [s for s in events if s != seat.event.title]
    assert waiting_summary.endswith(waiting.event.title)
    assert waiting_summary != waiting.event.title
    assert str(events[waiting_summary]["STATUS"]) == "TENTATIVE"
    assert personal(client, token)["Cache-Control"].count("no-store") == 1


def test_a_revoked_address_shows_nothing_and_a_new_one_works(client, resident):
    RegistrationFactory(user=resident, event__title="座れる講座")
    old = services.calendar_token_create(user=resident, by=resident)
    new = services.calendar_token_create(user=resident, by=resident)

    refused = personal(client, old)
    accepted = personal(client, new)

    assert refused.status_code == 410
    assert "座れる講座" not in refused.content.decode()
    assert refused["Content-Type"].startswith("text/plain")
    assert "revoked" in refused.content.decode() or "取り消" in refused.content.decode()
    assert "座れる講座" in {str(v["SUMMARY"]) for v in parse(accepted).walk("VEVENT")}

    services.calendar_token_revoke(user=resident, by=resident)
    assert personal(client, new).status_code == 410


def test_an_unknown_address_is_not_found(client):
    response = client.get(reverse("info:personal_ics", args=["no-such-token"]))

    assert response.status_code == 404


def test_making_and_revoking_an_address_is_audited_without_the_secret(resident):
    token = services.calendar_token_create(user=resident, by=resident)
    services.calendar_token_create(user=resident, by=resident)
    services.calendar_token_revoke(user=resident, by=resident)

    actions = list(AuditEvent.objects.values_list("action", flat=True).order_by("pk"))
    assert actions == ["calendar_token.create", "calendar_token.create", "calendar_token.revoke"]
    logged = " ".join(
        f"{e.target_label} {e.note} {e.before} {e.after}" for e in AuditEvent.objects.all()
    )
    assert token.token not in logged
    assert CalendarToken.objects.filter(user=resident, revoked_at__isnull=True).count() == 0


def test_revoking_when_there_is_no_address_records_nothing(resident):
    assert services.calendar_token_revoke(user=resident, by=resident) == 0
    assert not AuditEvent.objects.filter(action="calendar_token.revoke").exists()


def test_the_calendar_address_page_asks_anonymous_people_to_sign_in(client):
    response = client.get(reverse("info:calendar_address"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_resident_makes_renews_and_revokes_their_address_on_the_page(client, resident):
    client.force_login(resident)
    url = reverse("info:calendar_address")
    assert "/events/calendar/" not in client.get(url).content.decode()

    client.post(url, {"action": "new"})
    first = CalendarToken.objects.get(user=resident)
    page = client.get(url).content.decode()
    assert reverse("info:personal_ics", args=[first.token]) in page
    assert "webcal://" in page

    client.post(url, {"action": "new"})
    first.refresh_from_db()
    assert first.revoked_at is not None
    second = CalendarToken.objects.get(user=resident, revoked_at__isnull=True)
    assert reverse("info:personal_ics", args=[second.token]) in client.get(url).content.decode()

    client.post(url, {"action": "revoke"})
    assert not CalendarToken.objects.filter(user=resident, revoked_at__isnull=True).exists()


def test_the_page_shows_only_my_own_address(client, resident, make_resident):
    other = make_resident(7)
    theirs = services.calendar_token_create(user=other, by=other)
    client.force_login(resident)

    page = client.get(reverse("info:calendar_address")).content.decode()

    assert theirs.token not in page


def test_an_unknown_action_changes_nothing(client, resident):
    client.force_login(resident)
    token = services.calendar_token_create(user=resident, by=resident)

    client.post(reverse("info:calendar_address"), {"action": "delete-everything"})

    token.refresh_from_db()
    assert token.revoked_at is None


def test_my_events_links_to_the_calendar_address(client, resident):
    client.force_login(resident)

    response = client.get(reverse("info:mine"))

    assert reverse("info:calendar_address") in response.content.decode()


def test_the_event_list_filtered_by_an_area_offers_that_areas_calendar(client):
    area = Area.objects.first()

    page = client.get(reverse("info:events"), {"area": area.pk}).content.decode()

    assert reverse("info:area_ics", args=[area.pk]) in page


@pytest.mark.parametrize("persona", ["anonymous", "resident"], indirect=True)
def test_public_feeds_are_the_same_for_anyone(client, persona, event):
    if persona is not None:
        client.force_login(persona)
    area = Area.objects.first()
    event.area = area
    event.save()

    for url in (
        reverse("info:event_ics", args=[event.pk]),
        reverse("info:group_ics", args=[event.organiser.pk]),
        reverse("info:area_ics", args=[area.pk]),
    ):
        assert set(vevents(parse(client.get(url)))) == {event.title}, url
    assert event.title in client.get(reverse("info:feed")).content.decode()
