"""The 後援 workflow: each move, the refusals, the numbered decisions, the report, overdue."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from tsunagaru.audit.models import AuditEvent
from tsunagaru.guideline.models import OrganisationKind
from tsunagaru.info import services
from tsunagaru.info.sponsorship_models import (
    LetterCounter,
    SponsorshipGround,
    SponsorshipRequest,
)
from tsunagaru.info.sponsorship_selectors import sponsorship_overdue
from tsunagaru.info.tests.factories import EventFactory
from tsunagaru.info.tests.sponsorship.factories import SponsorshipRequestFactory, answer_all
from tsunagaru.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
Status = SponsorshipRequest.Status
TOKYO = ZoneInfo("Asia/Tokyo")


def _code(error: pytest.ExceptionInfo[ValidationError]) -> set[str | None]:
    err = error.value
    if hasattr(err, "error_dict"):
        return {e.code for errors in err.error_dict.values() for e in errors}
    return {err.code}


def _data(**changes: object) -> dict[str, object]:
    today = timezone.localdate()
    data: dict[str, object] = {
        "title": "子育て応援フェスタ",
        "purpose": "子育て世代の交流と情報交換の場をつくる。",
        "organiser": "水沢まちづくりの会",
        "starts_on": today + timedelta(days=40),
        "ends_on": today + timedelta(days=41),
        "place": "水沢地区センター",
        "fee": 0,
        "expected_participants": 200,
        "budget_income": 100000,
        "budget_expenses": 100000,
        "contact": "奥州 花子 0197-00-0000",
    }
    data.update(changes)
    return data


def _answers(concern: bool | None = False, explanation: str = "") -> dict:
    return {g.pk: (concern, explanation) for g in SponsorshipGround.objects.all()}


def _submitted(draft: SponsorshipRequest, speaker) -> SponsorshipRequest:
    return services.sponsorship_submit(request=draft, by=speaker)


# -- the grounds for refusal are data -----------------------------------------------------------


def test_the_usual_grounds_for_refusal_are_loaded_as_data():
    codes = list(SponsorshipGround.objects.values_list("code", flat=True))
    assert codes == ["commercial", "political", "religious", "fee", "public_order"]


# -- writing a draft ----------------------------------------------------------------------------


def test_a_speaker_writes_a_draft_with_answers_and_it_is_audited(group, speaker):
    request = services.sponsorship_save(
        request=None, applicant=group, data=_data(), answers=_answers(), by=speaker
    )
    assert request.status == Status.DRAFT
    assert request.answers.count() == 5
    assert AuditEvent.objects.filter(action="sponsorshiprequest.create", target_id=str(request.pk))


def test_the_last_day_before_the_first_is_refused_and_nothing_is_saved(group, speaker):
    today = timezone.localdate()
    data = _data(starts_on=today + timedelta(days=10), ends_on=today + timedelta(days=9))
    with pytest.raises(ValidationError) as error:
        services.sponsorship_save(
            request=None, applicant=group, data=data, answers=_answers(), by=speaker
        )
    assert _code(error) == {"ends_before_start"}
    assert not SponsorshipRequest.objects.exists()


def test_a_group_cannot_link_another_groups_event(group, speaker):
    # Else the city's name would appear on an event the group does not run.
    others = EventFactory()
    with pytest.raises(ValidationError) as error:
        services.sponsorship_save(
            request=None, applicant=group, data=_data(event=others), answers={}, by=speaker
        )
    assert _code(error) == {"event_not_yours"}


def test_a_group_links_its_own_and_its_co_organised_events(group, speaker):
    own = EventFactory(organiser=group)
    shared = EventFactory()
    shared.co_organisers.add(group)
    for event in (own, shared):
        saved = services.sponsorship_save(
            request=None, applicant=group, data=_data(event=event), answers={}, by=speaker
        )
        assert saved.event == event


def test_the_department_asked_must_be_a_city_department(group, speaker):
    with pytest.raises(ValidationError) as error:
        services.sponsorship_save(
            request=None,
            applicant=group,
            data=_data(department=OrganisationFactory()),
            answers={},
            by=speaker,
        )
    assert _code(error) == {"not_a_department"}
    department = OrganisationFactory(
        name="奥州市教育委員会", kind=OrganisationKind.objects.get(code="city_department")
    )
    saved = services.sponsorship_save(
        request=None, applicant=group, data=_data(department=department), answers={}, by=speaker
    )
    assert saved.department == department


def test_a_sent_request_cannot_be_changed(draft, speaker):
    _submitted(draft, speaker)
    with pytest.raises(ValidationError) as error:
        services.sponsorship_save(request=draft, data={"title": "別の名前"}, answers={}, by=speaker)
    assert _code(error) == {"not_draft"}


def test_changing_a_draft_audits_what_changed(draft, speaker):
    services.sponsorship_save(request=draft, data={"place": "江刺体育館"}, answers={}, by=speaker)
    audit = AuditEvent.objects.get(action="sponsorshiprequest.update")
    assert audit.before == {"place": "奥州市文化会館 小ホール"}
    assert audit.after["place"] == "江刺体育館"


# -- submitting ---------------------------------------------------------------------------------


def test_submitting_sends_the_draft_and_audits_it(draft, speaker):
    _submitted(draft, speaker)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert draft.submitted_at is not None
    assert AuditEvent.objects.filter(action="sponsorshiprequest.submitted").count() == 1


def test_every_ground_must_be_answered_before_submitting(group, speaker):
    request = SponsorshipRequestFactory(applicant=group)
    with pytest.raises(ValidationError) as error:
        _submitted(request, speaker)
    assert _code(error) == {"unanswered"}
    assert SponsorshipRequest.objects.get(pk=request.pk).status == Status.DRAFT


def test_a_yes_must_be_explained_before_submitting(group, speaker):
    request = SponsorshipRequestFactory(applicant=group)
    answer_all(request, concern=True)
    with pytest.raises(ValidationError) as error:
        _submitted(request, speaker)
    assert _code(error) == {"unexplained"}
    answer_all(request, concern=True, explanation="物販は材料費の実費のみです。")
    assert _submitted(request, speaker).status == Status.SUBMITTED


def test_a_retired_ground_is_no_longer_asked(group, speaker):
    request = SponsorshipRequestFactory(applicant=group)
    answer_all(request)
    SponsorshipGround.objects.filter(code="religious").update(is_active=False)
    request.answers.filter(ground__code="religious").delete()
    assert _submitted(request, speaker).status == Status.SUBMITTED


def test_a_request_for_an_event_that_has_begun_is_refused(group, speaker):
    yesterday = timezone.localdate() - timedelta(days=1)
    request = SponsorshipRequestFactory(applicant=group, starts_on=yesterday)
    answer_all(request)
    with pytest.raises(ValidationError) as error:
        _submitted(request, speaker)
    assert _code(error) == {"event_begun"}


def test_a_double_submit_is_refused_without_a_second_audit_entry(draft, speaker):
    stale = SponsorshipRequest.objects.get(pk=draft.pk)
    _submitted(draft, speaker)
    with pytest.raises(ValidationError) as error:
        _submitted(draft, speaker)
    assert _code(error) == {"invalid_transition"}
    with pytest.raises(ValidationError) as error:
        _submitted(stale, speaker)
    assert _code(error) == {"stale"}
    assert AuditEvent.objects.filter(action="sponsorshiprequest.submitted").count() == 1


# -- the decision -------------------------------------------------------------------------------


def test_approval_needs_conditions_and_saves_nothing_without(draft, speaker, city_staff):
    _submitted(draft, speaker)
    with pytest.raises(ValidationError) as error:
        services.sponsorship_approve(request=draft, conditions="  ", by=city_staff)
    assert _code(error) == {"no_conditions"}
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert draft.letter_number is None


def test_refusal_needs_a_reason(draft, speaker, city_staff):
    _submitted(draft, speaker)
    with pytest.raises(ValidationError) as error:
        services.sponsorship_refuse(request=draft, reason="", by=city_staff)
    assert _code(error) == {"no_reason"}
    assert SponsorshipRequest.objects.get(pk=draft.pk).status == Status.SUBMITTED


def test_approval_numbers_the_letter_and_tells_the_speakers_only(
    draft, speaker, member, city_staff, mailoutbox, django_capture_on_commit_callbacks
):
    _submitted(draft, speaker)
    with django_capture_on_commit_callbacks(execute=True):
        services.sponsorship_approve(
            request=draft, conditions="チラシに「奥州市後援」と表示すること。", by=city_staff
        )
    draft.refresh_from_db()
    assert draft.status == Status.APPROVED
    assert draft.decided_by == city_staff
    assert draft.letter_reference == "奥協第1号"
    assert [m.to for m in mailoutbox] == [[speaker.email]]
    assert "奥協第1号" in mailoutbox[0].body
    audit = AuditEvent.objects.get(action="sponsorshiprequest.approved")
    assert audit.after == {"status": "approved", "letter": "奥協第1号"}


def test_refusal_is_told_with_its_reason(
    draft, speaker, city_staff, mailoutbox, django_capture_on_commit_callbacks
):
    _submitted(draft, speaker)
    with django_capture_on_commit_callbacks(execute=True):
        services.sponsorship_refuse(
            request=draft, reason="特定の商品の販売が主な目的と認められるため。", by=city_staff
        )
    assert SponsorshipRequest.objects.get(pk=draft.pk).status == Status.REFUSED
    assert "特定の商品の販売" in mailoutbox[0].body
    assert AuditEvent.objects.filter(action="sponsorshiprequest.refused").count() == 1


def test_letters_are_numbered_in_turn_and_anew_each_fiscal_year(group, speaker, city_staff):
    def decided(on: datetime, refuse: bool = False) -> SponsorshipRequest:
        request = SponsorshipRequestFactory(
            applicant=group,
            status=Status.SUBMITTED,
            starts_on=on.date() + timedelta(days=30),
            ends_on=on.date() + timedelta(days=30),
        )
        with time_machine.travel(on, tick=False):
            if refuse:
                return services.sponsorship_refuse(request=request, reason="理由", by=city_staff)
            return services.sponsorship_approve(request=request, conditions="条件", by=city_staff)

    first = decided(datetime(2026, 3, 30, 10, tzinfo=TOKYO))
    second = decided(datetime(2026, 3, 31, 23, 30, tzinfo=TOKYO), refuse=True)
    # 1 April in Tokyo is a new fiscal year (令和8年度), though still 31 March in UTC.
    third = decided(datetime(2026, 4, 1, 0, 30, tzinfo=TOKYO))
    numbers = [(r.letter_year, r.letter_number) for r in (first, second, third)]
    assert numbers == [(2025, 1), (2025, 2), (2026, 1)]


def test_two_staff_deciding_at_once_make_one_decision_and_use_one_number(
    draft, speaker, city_staff, administrator
):
    _submitted(draft, speaker)
    other_copy = SponsorshipRequest.objects.get(pk=draft.pk)
    services.sponsorship_approve(request=draft, conditions="条件", by=city_staff)
    with pytest.raises(ValidationError) as error:
        # The stale copy still says "submitted": only the compare-and-set notices.
        services.sponsorship_refuse(request=other_copy, reason="理由", by=administrator)
    assert _code(error) == {"stale"}
    assert SponsorshipRequest.objects.get(pk=draft.pk).status == Status.APPROVED
    assert LetterCounter.objects.get().last == 1


@pytest.mark.parametrize("state", [Status.DRAFT, Status.WITHDRAWN])
def test_only_a_submitted_request_is_decided(state, group, city_staff):
    request = SponsorshipRequestFactory(applicant=group, status=state)
    with pytest.raises(ValidationError) as error:
        services.sponsorship_approve(request=request, conditions="条件", by=city_staff)
    assert _code(error) == {"invalid_transition"}
    assert not LetterCounter.objects.filter(last__gt=0).exists()


# -- withdrawing --------------------------------------------------------------------------------


def test_the_group_withdraws_a_draft_or_a_sent_request(draft, group, speaker):
    services.sponsorship_withdraw(request=draft, reason="日程を見直すため", by=speaker)
    assert SponsorshipRequest.objects.get(pk=draft.pk).status == Status.WITHDRAWN
    sent = SponsorshipRequestFactory(applicant=group, status=Status.SUBMITTED)
    services.sponsorship_withdraw(request=sent, by=speaker)
    assert SponsorshipRequest.objects.get(pk=sent.pk).status == Status.WITHDRAWN
    assert AuditEvent.objects.filter(action="sponsorshiprequest.withdrawn").count() == 2


def test_a_decided_request_cannot_be_withdrawn(draft, speaker, city_staff):
    _submitted(draft, speaker)
    services.sponsorship_approve(request=draft, conditions="条件", by=city_staff)
    with pytest.raises(ValidationError) as error:
        services.sponsorship_withdraw(request=draft, by=speaker)
    assert _code(error) == {"invalid_transition"}


# -- the results report -------------------------------------------------------------------------


def _approved(group, city_staff, *, ended_days_ago: int) -> SponsorshipRequest:
    day = timezone.localdate() - timedelta(days=ended_days_ago)
    request = SponsorshipRequestFactory(
        applicant=group, status=Status.SUBMITTED, starts_on=day, ends_on=day
    )
    return services.sponsorship_approve(request=request, conditions="条件", by=city_staff)


def _report(request, speaker, text="約150人が参加し、活発な意見交換ができた。"):
    return services.sponsorship_report(
        request=request, participants=150, income=75000, expenses=82000, text=text, by=speaker
    )


def test_the_group_files_its_report_after_the_event(group, speaker, city_staff):
    request = _report(_approved(group, city_staff, ended_days_ago=0), speaker)
    request.refresh_from_db()
    assert request.status == Status.REPORTED
    assert (request.report_participants, request.report_income, request.report_expenses) == (
        150,
        75000,
        82000,
    )
    assert AuditEvent.objects.filter(action="sponsorshiprequest.reported").count() == 1


def test_no_report_before_the_events_last_day(group, speaker, city_staff):
    request = _approved(group, city_staff, ended_days_ago=-1)
    with pytest.raises(ValidationError) as error:
        _report(request, speaker)
    assert _code(error) == {"too_early"}


def test_no_report_without_approval(draft, speaker):
    _submitted(draft, speaker)
    with pytest.raises(ValidationError) as error:
        _report(draft, speaker)
    assert _code(error) == {"invalid_transition"}


def test_a_report_needs_a_few_lines(group, speaker, city_staff):
    request = _approved(group, city_staff, ended_days_ago=2)
    with pytest.raises(ValidationError) as error:
        _report(request, speaker, text=" ")
    assert _code(error) == {"no_report_text"}
    assert SponsorshipRequest.objects.get(pk=request.pk).status == Status.APPROVED


# -- overdue reports ----------------------------------------------------------------------------


def test_a_report_is_overdue_the_day_after_it_was_due(group, speaker, city_staff):
    due_today = _approved(group, city_staff, ended_days_ago=30)
    overdue = _approved(group, city_staff, ended_days_ago=31)
    filed = _report(_approved(group, city_staff, ended_days_ago=60), speaker)
    assert list(sponsorship_overdue()) == [overdue]
    assert due_today not in sponsorship_overdue()
    assert filed not in sponsorship_overdue()


def test_the_days_allowed_for_the_report_are_a_setting(group, city_staff, settings):
    request = _approved(group, city_staff, ended_days_ago=10)
    assert list(sponsorship_overdue()) == []
    settings.SPONSORSHIP_REPORT_DAYS = 7
    assert list(sponsorship_overdue()) == [request]
    assert list(sponsorship_overdue(today=timezone.localdate() - timedelta(days=5))) == []


# -- details of saving and telling --------------------------------------------------------------


def test_an_answer_taken_back_in_a_draft_is_removed(draft, speaker):
    religious = SponsorshipGround.objects.get(code="religious")
    services.sponsorship_save(
        request=draft, data={}, answers={religious.pk: (None, "")}, by=speaker
    )
    assert not draft.answers.filter(ground=religious).exists()
    assert AuditEvent.objects.get(action="sponsorshiprequest.update").after == {
        "answers": ["religious"]
    }


def test_saving_a_draft_unchanged_writes_no_audit_entry(draft, speaker):
    services.sponsorship_save(request=draft, data={"place": draft.place}, answers={}, by=speaker)
    assert not AuditEvent.objects.filter(action="sponsorshiprequest.update").exists()


def test_a_request_to_a_department_is_told_to_its_staff_who_speak_for_it(
    group, speaker, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    from tsunagaru.accounts.models import Role
    from tsunagaru.partners.models import Membership
    from tsunagaru.partners.tests.factories import MembershipFactory

    department = OrganisationFactory(
        name="奥州市教育委員会", kind=OrganisationKind.objects.get(code="city_department")
    )
    staff = make_user(Role.CITY_STAFF, email="kyoiku@example.jp")
    MembershipFactory(user=staff, organisation=department)
    # A speaker of the department without a staff account could not open the request.
    outsider = make_user(Role.PARTNER_MEMBER, email="shokutaku@example.jp")
    MembershipFactory(user=outsider, organisation=department, role=Membership.Role.CONTACT)
    request = SponsorshipRequestFactory(applicant=group, department=department)
    answer_all(request)
    with django_capture_on_commit_callbacks(execute=True):
        services.sponsorship_submit(request=request, by=speaker)
    assert [m.to for m in mailoutbox] == [[staff.email]]


def test_the_name_lent_is_the_citys_unless_staff_name_another_body(group, city_staff):
    from tsunagaru.info.sponsorship_selectors import event_sponsors

    event = EventFactory(organiser=group)
    plain = SponsorshipRequestFactory(applicant=group, status=Status.SUBMITTED, event=event)
    board = SponsorshipRequestFactory(applicant=group, status=Status.SUBMITTED, event=event)
    services.sponsorship_approve(request=plain, conditions="条件", by=city_staff)
    assert event_sponsors(event) == ["奥州市"]
    services.sponsorship_approve(
        request=board, conditions="条件", sponsor=" 奥州市教育委員会 ", by=city_staff
    )
    assert event_sponsors(event) == ["奥州市", "奥州市教育委員会"]


def test_the_name_lent_is_one_line(draft, speaker, city_staff):
    services.sponsorship_submit(request=draft, by=speaker)
    with pytest.raises(ValidationError) as error:
        services.sponsorship_approve(
            request=draft, conditions="条件", sponsor="奥州市\n教育委員会", by=city_staff
        )
    assert _code(error) == {"line_break"}


def test_the_audit_log_reads_a_changed_date_in_wareki(draft, speaker):
    from django.contrib.contenttypes.models import ContentType

    from tsunagaru.audit import labels

    services.sponsorship_save(
        request=draft,
        data={"starts_on": date(2027, 1, 9), "ends_on": date(2027, 1, 10)},
        answers={},
        by=speaker,
    )
    audit = AuditEvent.objects.get(action="sponsorshiprequest.update")
    kind = ContentType.objects.get_for_model(SponsorshipRequest)
    words = {after for _field, _before, after in labels.changes_in_words(kind, audit.changes)}
    assert {"令和9年1月9日", "令和9年1月10日"} <= words
