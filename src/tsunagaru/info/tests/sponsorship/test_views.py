"""The 後援 pages: the journey from application to report, 403/404 for each persona, the
decision letter PDF, and privacy (another group never sees a request)."""

from __future__ import annotations

import re
import zlib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tsunagaru.audit.models import AuditEvent
from tsunagaru.info import services
from tsunagaru.info.sponsorship_models import SponsorshipGround, SponsorshipRequest
from tsunagaru.info.tests.factories import EventFactory

pytestmark = pytest.mark.django_db
S = SponsorshipRequest.Status


def _login(client, user):
    if user is not None:
        client.force_login(user)


def _decided(draft, speaker, city_staff, *, approve: bool = True) -> SponsorshipRequest:
    services.sponsorship_submit(request=draft, by=speaker)
    if approve:
        return services.sponsorship_approve(
            request=draft, conditions="チラシに「奥州市後援」と表示すること。", by=city_staff
        )
    return services.sponsorship_refuse(
        request=draft, reason="営利を主な目的とする事業と認められるため。", by=city_staff
    )


def _form(event=None, **changes) -> dict[str, object]:
    start = timezone.localdate() + timedelta(days=20)
    data: dict[str, object] = {
        "title": "こども食堂まつり",
        "purpose": "こども食堂の活動を知ってもらい、支援の輪を広げる。",
        "organiser": "水沢まちづくりの会",
        "starts_on": start.isoformat(),
        "ends_on": start.isoformat(),
        "place": "水沢公園",
        "fee": "0",
        "expected_participants": "300",
        "budget_income": "50000",
        "budget_expenses": "50000",
        "contact": "奥州 花子 0197-00-0000",
    }
    if event is not None:
        data["event"] = str(event.pk)
    for ground in SponsorshipGround.objects.all():
        data[f"ground_{ground.pk}"] = "no"
    data.update(changes)
    return data


# -- the journey --------------------------------------------------------------------------------


def test_from_application_to_results_report(client, group, speaker, city_staff):
    event = EventFactory(organiser=group)
    client.force_login(speaker)
    response = client.post(reverse("sponsorship:new"), _form(event=event, applicant=str(group.pk)))
    request = SponsorshipRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == request.get_absolute_url()
    client.post(reverse("sponsorship:action", args=[request.pk, "submit"]))
    assert SponsorshipRequest.objects.get().status == S.SUBMITTED

    client.force_login(city_staff)
    assert request.title in client.get(reverse("sponsorship:queue")).content.decode()
    client.post(
        reverse("sponsorship:action", args=[request.pk, "approve"]),
        {"conditions": "チラシに「奥州市後援」と表示すること。"},
    )
    request.refresh_from_db()
    assert request.status == S.APPROVED

    # The approved event says so on its public page.
    client.logout()
    badge = re.search(
        r'<p class="badge">([^<]*)</p>', client.get(event.get_absolute_url()).content.decode()
    )
    assert badge is not None
    assert "奥州市" in badge.group(1)

    today = timezone.localdate()
    SponsorshipRequest.objects.filter(pk=request.pk).update(starts_on=today, ends_on=today)
    client.force_login(speaker)
    response = client.post(
        reverse("sponsorship:report", args=[request.pk]),
        {"participants": "280", "income": "48000", "expenses": "52000", "text": "盛況でした。"},
    )
    assert response.status_code == 302
    assert SponsorshipRequest.objects.get().status == S.REPORTED


def test_an_event_without_an_approved_request_shows_no_sponsorship(client, group, draft):
    event = EventFactory(organiser=group)
    SponsorshipRequest.objects.filter(pk=draft.pk).update(event=event, status=S.SUBMITTED)
    assert 'class="badge"' not in client.get(event.get_absolute_url()).content.decode()


def test_a_refused_action_shows_its_message_and_changes_nothing(client, draft, speaker):
    draft.answers.all().delete()
    client.force_login(speaker)
    response = client.post(reverse("sponsorship:action", args=[draft.pk, "submit"]), follow=True)
    assert response.status_code == 200
    assert 'class="messages"' in response.content.decode()
    assert SponsorshipRequest.objects.get(pk=draft.pk).status == S.DRAFT


def test_a_bad_form_is_shown_again_with_the_error_and_nothing_saved(client, group, speaker):
    client.force_login(speaker)
    start = timezone.localdate() + timedelta(days=5)
    data = _form(
        applicant=str(group.pk),
        starts_on=start.isoformat(),
        ends_on=(start - timedelta(days=1)).isoformat(),
    )
    response = client.post(reverse("sponsorship:new"), data)
    assert response.status_code == 200
    assert "field--error" in response.content.decode()
    assert not SponsorshipRequest.objects.exists()


def test_a_group_cannot_apply_for_another_group(client, group, other_speaker):
    client.force_login(other_speaker)
    response = client.post(reverse("sponsorship:new"), _form(applicant=str(group.pk)))
    assert response.status_code == 200  # the choice is refused by the form
    assert not SponsorshipRequest.objects.exists()


# -- who sees what ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("speaker", 200),
        ("member", 200),
        ("other_group", 404),
        ("resident", 404),
        ("coordinator", 404),
        ("city_staff", 200),
        ("administrator", 200),
        ("anonymous", 302),
    ],
)
def test_a_sent_request_is_seen_by_its_group_and_city_staff_only(
    client, who, code, draft, speaker, personas
):
    services.sponsorship_submit(request=draft, by=speaker)
    _login(client, personas[who])
    assert client.get(draft.get_absolute_url()).status_code == code


@pytest.mark.parametrize(
    ("who", "code"),
    [("speaker", 302), ("member", 403), ("other_group", 404), ("city_staff", 404)],
)
def test_only_a_speaker_submits_a_draft(client, who, code, draft, personas):
    _login(client, personas[who])
    response = client.post(reverse("sponsorship:action", args=[draft.pk, "submit"]))
    assert response.status_code == code
    expected = S.SUBMITTED if who == "speaker" else S.DRAFT
    assert SponsorshipRequest.objects.get(pk=draft.pk).status == expected


@pytest.mark.parametrize(
    ("who", "code"),
    [("speaker", 403), ("member", 403), ("resident", 404), ("city_staff", 302)],
)
def test_only_staff_decide(client, who, code, draft, speaker, personas):
    services.sponsorship_submit(request=draft, by=speaker)
    _login(client, personas[who])
    response = client.post(
        reverse("sponsorship:action", args=[draft.pk, "refuse"]), {"reason": "理由"}
    )
    assert response.status_code == code
    expected = S.REFUSED if who == "city_staff" else S.SUBMITTED
    assert SponsorshipRequest.objects.get(pk=draft.pk).status == expected


def test_an_unknown_action_is_not_found(client, draft, speaker):
    client.force_login(speaker)
    response = client.post(reverse("sponsorship:action", args=[draft.pk, "publish"]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("city_staff", 200),
        ("administrator", 200),
        ("coordinator", 403),
        ("speaker", 403),
        ("resident", 403),
        ("anonymous", 302),
    ],
)
def test_the_queue_is_for_city_staff(client, who, code, personas):
    _login(client, personas[who])
    assert client.get(reverse("sponsorship:queue")).status_code == code


def test_the_queue_shows_overdue_reports(client, group, draft, speaker, city_staff):
    _decided(draft, speaker, city_staff)
    long_ago = timezone.localdate() - timedelta(days=45)
    SponsorshipRequest.objects.filter(pk=draft.pk).update(starts_on=long_ago, ends_on=long_ago)
    client.force_login(city_staff)
    page = client.get(reverse("sponsorship:queue")).content.decode()
    overdue = page.split('id="overdue-heading"', 1)[1].split("</section>", 1)[0]
    assert draft.title in overdue


def test_other_groups_never_see_a_request_in_their_list(client, draft, speaker, other_speaker):
    services.sponsorship_submit(request=draft, by=speaker)
    client.force_login(other_speaker)
    assert draft.title not in client.get(reverse("sponsorship:mine")).content.decode()
    client.force_login(speaker)
    assert draft.title in client.get(reverse("sponsorship:mine")).content.decode()


@pytest.mark.parametrize(("who", "code"), [("speaker", 200), ("member", 403), ("resident", 403)])
def test_only_speakers_open_the_application_form(client, who, code, personas):
    _login(client, personas[who])
    assert client.get(reverse("sponsorship:new")).status_code == code


def test_staff_do_not_see_a_draft(client, draft, city_staff):
    client.force_login(city_staff)
    assert client.get(draft.get_absolute_url()).status_code == 404


# -- the decision letter ------------------------------------------------------------------------


def _pdf_titles(data: bytes) -> list[str]:
    """The titles in a PDF (the document's, from <title>, and its bookmarks', from headings),
    read from its packed streams."""
    chunks = [data]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        try:
            chunks.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return [
        bytes.fromhex(found.decode()).decode("utf-16-be")
        for chunk in chunks
        for found in re.findall(rb"/Title\s*<feff([0-9a-fA-F]+)>", chunk)
    ]


def test_the_approval_letter_is_a_numbered_pdf(client, draft, speaker, city_staff):
    _decided(draft, speaker, city_staff)
    client.force_login(speaker)
    response = client.get(reverse("sponsorship:letter", args=[draft.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF")
    assert "奥協第1号 後援名義使用承認通知書" in _pdf_titles(response.content)
    assert AuditEvent.objects.filter(action="sponsorshiprequest.letter").count() == 1


def test_the_letter_reads_in_japanese_with_wareki_dates(draft, speaker, city_staff):
    from tsunagaru.core.dates import format_wareki
    from tsunagaru.info import sponsorship_letter

    _decided(draft, speaker, city_staff, approve=False)
    html = sponsorship_letter.html(draft)
    assert "後援名義使用不承認通知書" in html
    assert "奥協第1号" in html
    assert format_wareki(draft.starts_on) in html
    assert "営利を主な目的とする事業と認められるため。" in html
    assert "奥州市長" in html


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("speaker", 200),
        ("member", 200),
        ("city_staff", 200),
        ("other_group", 404),
        ("resident", 404),
        ("anonymous", 302),
    ],
)
def test_the_letter_is_for_the_group_and_staff_only(
    client, who, code, draft, speaker, city_staff, personas
):
    _decided(draft, speaker, city_staff)
    _login(client, personas[who])
    assert client.get(reverse("sponsorship:letter", args=[draft.pk])).status_code == code


def test_no_letter_before_the_decision(client, draft, speaker):
    client.force_login(speaker)
    assert client.get(reverse("sponsorship:letter", args=[draft.pk])).status_code == 403


# -- the menu -----------------------------------------------------------------------------------


def test_the_menu_offers_the_application_to_speakers_and_the_queue_to_staff(
    client, speaker, member, city_staff
):
    mine, queue = reverse("sponsorship:mine"), reverse("sponsorship:queue")
    client.force_login(speaker)
    page = client.get("/").content.decode()
    assert f'href="{mine}"' in page
    assert f'href="{queue}"' not in page
    client.force_login(member)
    assert f'href="{mine}"' not in client.get("/").content.decode()
    client.force_login(city_staff)
    assert f'href="{queue}"' in client.get("/").content.decode()
