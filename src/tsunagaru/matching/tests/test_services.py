"""Introductions, connections, feedback and the glossary: the rules, whoever calls."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tsunagaru.accounts.models import Role
from tsunagaru.audit.models import AuditEvent
from tsunagaru.matching import index, selectors, services
from tsunagaru.matching.models import Connection, Introduction
from tsunagaru.partners import services as partner_services
from tsunagaru.partners.models import Membership, Need, Offer, Organisation
from tsunagaru.partners.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_groups(make_user):
    asker = make_user(Role.PARTNER_MEMBER, email="asker@example.jp")
    answerer = make_user(Role.PARTNER_MEMBER, email="answerer@example.jp")
    helper_member = make_user(Role.PARTNER_MEMBER, email="member@example.jp")
    village = MembershipFactory(user=asker, organisation__name="大森自治会").organisation
    helpers = MembershipFactory(
        user=answerer, organisation__name="みなみ学生ボランティア"
    ).organisation
    MembershipFactory(user=helper_member, organisation=helpers, role=Membership.Role.MEMBER)
    return village, helpers, asker, answerer, helper_member


def test_a_request_reaches_the_recipients_representatives_and_is_audited(two_groups):
    village, helpers, asker, _answerer, _member = two_groups
    introduction = services.introduction_request(
        requester=village, recipient=helpers, message="雪かきを手伝ってほしいです", by=asker
    )
    assert introduction.status == Introduction.Status.REQUESTED
    assert [m.to for m in mail.outbox] == [["answerer@example.jp"]]
    assert "大森自治会" in mail.outbox[0].subject
    assert AuditEvent.objects.filter(action="introduction.request").count() == 1


def test_only_a_member_asks_for_its_group_and_never_to_itself(two_groups, make_user):
    village, helpers, asker, _answerer, _member = two_groups
    outsider = make_user(Role.PARTNER_MEMBER)
    with pytest.raises(PermissionDenied):
        services.introduction_request(
            requester=village, recipient=helpers, message="x", by=outsider
        )
    with pytest.raises(PermissionDenied):
        services.introduction_request(requester=village, recipient=village, message="x", by=asker)
    helpers.status = Organisation.Status.SUSPENDED
    helpers.save()
    with pytest.raises(PermissionDenied):
        services.introduction_request(requester=village, recipient=helpers, message="x", by=asker)


def test_a_second_open_request_to_the_same_group_is_refused(two_groups):
    village, helpers, asker, _answerer, _member = two_groups
    services.introduction_request(requester=village, recipient=helpers, message="a", by=asker)
    with pytest.raises(ValidationError) as error:
        services.introduction_request(requester=village, recipient=helpers, message="b", by=asker)
    assert error.value.code == "duplicate"
    assert Introduction.objects.count() == 1


def test_an_empty_message_is_refused(two_groups):
    village, helpers, asker, _answerer, _member = two_groups
    with pytest.raises(ValidationError):
        services.introduction_request(requester=village, recipient=helpers, message="  ", by=asker)


def test_acceptance_connects_the_groups_and_opens_the_contact_details(two_groups):
    village, helpers, asker, answerer, _member = two_groups
    introduction = services.introduction_request(
        requester=village, recipient=helpers, message="会いたいです", by=asker
    )
    assert selectors.contacts(introduction) == []
    mail.outbox.clear()

    services.introduction_answer(
        introduction=introduction, accept=True, response="ぜひ", by=answerer
    )

    connection = Connection.objects.get()
    assert {connection.first, connection.second} == {village, helpers}
    assert connection.source == Connection.Source.MATCHING
    assert connection.introduction == introduction
    sides = selectors.contacts(introduction)
    assert [(s.organisation, s.people) for s in sides] == [
        (village, [(asker.display_name, "asker@example.jp")]),
        (helpers, [(answerer.display_name, "answerer@example.jp")]),
    ]
    assert mail.outbox[0].to == ["asker@example.jp"]


def test_only_the_representative_or_contact_answers_and_only_once(two_groups):
    village, helpers, asker, answerer, member = two_groups
    introduction = services.introduction_request(
        requester=village, recipient=helpers, message="会いたい", by=asker
    )
    with pytest.raises(PermissionDenied):  # a plain member
        services.introduction_answer(introduction=introduction, accept=True, response="", by=member)
    with pytest.raises(PermissionDenied):  # the asker itself
        services.introduction_answer(introduction=introduction, accept=True, response="", by=asker)
    stale = Introduction.objects.get(pk=introduction.pk)
    services.introduction_answer(introduction=introduction, accept=False, response="", by=answerer)
    # A second answer from a page loaded before the first: refused, nothing changes.
    with pytest.raises((PermissionDenied, ValidationError)):
        services.introduction_answer(introduction=stale, accept=True, response="", by=answerer)
    assert Introduction.objects.get().status == Introduction.Status.DECLINED
    assert not Connection.objects.exists()


def test_a_withdrawn_request_cannot_be_answered(two_groups):
    village, helpers, asker, answerer, _member = two_groups
    introduction = services.introduction_request(
        requester=village, recipient=helpers, message="会いたい", by=asker
    )
    services.introduction_withdraw(introduction=introduction, by=asker)
    introduction.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.introduction_answer(
            introduction=introduction, accept=True, response="", by=answerer
        )


def test_a_coordinator_introduces_two_groups(two_groups, coordinator):
    village, helpers, _asker, answerer, _member = two_groups
    introduction = services.introduction_request(
        requester=village,
        recipient=helpers,
        message="お互いに役立つと思います",
        by=coordinator,
        via=Introduction.Via.COORDINATOR,
    )
    services.introduction_answer(introduction=introduction, accept=True, response="", by=answerer)
    assert Connection.objects.get().source == Connection.Source.COORDINATOR


def test_unanswered_requests_are_reminded_once(two_groups):
    village, helpers, asker, _answerer, _member = two_groups
    introduction = services.introduction_request(
        requester=village, recipient=helpers, message="会いたい", by=asker
    )
    mail.outbox.clear()
    assert services.introductions_remind() == 0
    later = timezone.now() + datetime.timedelta(days=8)
    assert services.introductions_remind(now=later) == 1
    assert services.introductions_remind(now=later) == 0
    assert mail.outbox[0].to == ["answerer@example.jp"]
    introduction.refresh_from_db()
    assert introduction.reminded_at == later


def test_connections_are_recorded_once_per_pair_and_source(two_groups, coordinator, resident):
    village, helpers, *_ = two_groups
    first = services.connection_record(
        first=helpers, second=village, source=Connection.Source.EVENT, by=coordinator
    )
    again = services.connection_record(
        first=village, second=helpers, source=Connection.Source.EVENT, by=coordinator
    )
    assert first == again
    assert first.first.pk < first.second.pk
    with pytest.raises(PermissionDenied):
        services.connection_record(
            first=village, second=helpers, source=Connection.Source.CASE, by=resident
        )


def test_the_glossary_needs_two_words_and_a_coordinator(coordinator, partner_member):
    with pytest.raises(ValidationError):
        services.glossary_save(group=None, words="雪はね", note="", is_active=True, by=coordinator)
    with pytest.raises(PermissionDenied):
        services.glossary_save(
            group=None, words="雪はね、雪かき", note="", is_active=True, by=partner_member
        )
    entry = services.glossary_save(
        group=None, words="雪はね、雪かき・除雪", note="方言", is_active=True, by=coordinator
    )
    assert entry.word_list() == ["雪はね", "雪かき", "除雪"]


def _need(organisation, by, title, description=""):
    need = Need(organisation=organisation)
    return partner_services.need_save(
        need=need,
        data={
            "category": "trouble",
            "title": title,
            "description": description,
            "status": "open",
            "activity_fields": [],
        },
        by=by,
    )


def _offer(organisation, by, title):
    return partner_services.offer_save(
        offer=Offer(organisation=organisation),
        data={"category": "skill", "title": title, "description": "", "activity_fields": []},
        by=by,
    )


def test_suggestions_follow_edits_without_a_rebuild(two_groups, make_user):
    village, helpers, asker, answerer, _member = two_groups
    other_user = make_user(Role.PARTNER_MEMBER)
    other = MembershipFactory(user=other_user, organisation__name="写真サークル").organisation
    need = _need(village, asker, "高齢者の家の雪かきが追いつかない")
    _offer(other, other_user, "写真の撮影")
    engine = index.engine()
    assert "みなみ学生ボランティア" not in [
        s.organisation.name for s in selectors.suggestions_for_need(need)
    ]

    _offer(helpers, answerer, "学生が除雪ボランティアに出ます")

    assert index.engine() is engine  # brought up to date, not rebuilt
    names = [s.organisation.name for s in selectors.suggestions_for_need(need)]
    assert names[0] == "みなみ学生ボランティア"
    assert village.name not in names
    reasons = {r.kind for r in selectors.suggestions_for_need(need)[0].reasons}
    assert "offers" in reasons


def test_a_suspended_group_drops_out_of_suggestions(two_groups, city_staff):
    village, helpers, asker, answerer, _member = two_groups
    need = _need(village, asker, "雪かきの人手が足りない")
    _offer(helpers, answerer, "除雪ボランティアの派遣")
    assert [s.organisation for s in selectors.suggestions_for_need(need)] == [helpers]
    partner_services.organisation_suspend(organisation=helpers, reason="確認中", by=city_staff)
    assert selectors.suggestions_for_need(need) == []


def test_needs_a_group_could_help_with(two_groups):
    village, helpers, asker, answerer, _member = two_groups
    need = _need(village, asker, "雪かきの人手が足りない")
    _offer(helpers, answerer, "学生が除雪ボランティアに出ます")
    assert [(n, s.organisation) for n, s in selectors.needs_to_help(helpers)] == [(need, village)]


def test_needs_nobody_took_up_are_listed_for_coordinators(two_groups):
    village, helpers, asker, answerer, _member = two_groups
    old = _need(village, asker, "雪かきの人手が足りない")
    Need.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=40))
    taken = _need(helpers, answerer, "活動先を探している")
    Need.objects.filter(pk=taken.pk).update(created_at=timezone.now() - datetime.timedelta(days=40))
    services.introduction_request(
        requester=helpers, recipient=village, need=taken, message="手伝えます", by=answerer
    )
    assert list(selectors.unmatched_needs(days=30)) == [old]
    assert list(selectors.unmatched_needs(days=60)) == []


def learned_reason_for(need, organisation):
    return any(
        reason.kind == "learned"
        for s in selectors.suggestions_for_need(need)
        if s.organisation == organisation
        for reason in s.reasons
    )


def test_accepted_introductions_teach_the_site_engine(two_groups):
    village, helpers, asker, answerer, _member = two_groups
    need = _need(village, asker, "冬の暮らしが心配")
    first = index.engine()
    introduction = services.introduction_request(
        requester=village, recipient=helpers, need=need, message="お願いします", by=asker
    )
    services.introduction_answer(introduction=introduction, accept=True, response="", by=answerer)
    assert index.engine() is first  # the evidence is learned, not rebuilt
    assert learned_reason_for(need, helpers)


def test_network_measures_count_connections_across_kinds_per_fiscal_year(two_groups, coordinator):
    village, helpers, *_ = two_groups
    services.connection_record(
        first=village,
        second=helpers,
        source=Connection.Source.EVENT,
        by=coordinator,
        on=datetime.date(2026, 3, 31),  # 令和7年度
    )
    data = selectors.network()
    assert [row["year"] for row in data.by_year] == [2025]
    assert data.by_year[0]["connections"] == 1
    assert village not in data.isolated
    assert [r["year"] for r in selectors.network(fiscal=2026).by_year] == [2025]
    assert selectors.network(fiscal=2026).connections == []


def test_the_reminder_command_reports_what_it_sent(two_groups):
    from io import StringIO

    from django.core.management import call_command

    village, helpers, asker, *_ = two_groups
    introduction = services.introduction_request(
        requester=village, recipient=helpers, message="会いたい", by=asker
    )
    Introduction.objects.filter(pk=introduction.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=10)
    )
    out = StringIO()
    call_command("remind_introductions", stdout=out)
    assert out.getvalue().strip() == "reminders sent: 1"


def test_a_suggestion_marked_helpful_is_remembered_and_teaches_the_engine(two_groups):
    village, helpers, asker, answerer, _member = two_groups
    need = _need(village, asker, "冬の暮らしが心配")
    first = index.engine()
    services.feedback_record(need=need, organisation=helpers, helpful=False, by=asker)
    feedback = services.feedback_record(need=need, organisation=helpers, helpful=True, by=asker)
    assert feedback.helpful is True
    assert selectors.feedback_of(asker, need) == {helpers.pk: True}
    assert index.engine() is first
    assert learned_reason_for(need, helpers)
    services.feedback_record(need=need, organisation=helpers, helpful=False, by=asker)
    assert not learned_reason_for(need, helpers)  # taken back: no longer evidence
    with pytest.raises(PermissionDenied):
        services.feedback_record(need=need, organisation=helpers, helpful=True, by=answerer)


def test_by_default_every_open_need_without_an_introduction_is_listed_oldest_first(two_groups):
    village, helpers, asker, answerer, _member = two_groups
    new = _need(village, asker, "今日書いた困りごと")
    older = _need(helpers, answerer, "先週書いた困りごと")
    Need.objects.filter(pk=older.pk).update(created_at=timezone.now() - datetime.timedelta(days=7))

    assert list(selectors.unmatched_needs()) == [older, new]


@pytest.mark.parametrize(
    ("score", "strength"),
    [
        (0.95, selectors.MatchStrength.STRONG),
        (0.4, selectors.MatchStrength.STRONG),
        (0.39, selectors.MatchStrength.SOME),
        (0.2, selectors.MatchStrength.SOME),
        (0.19, selectors.MatchStrength.NONE),
        (0.0, selectors.MatchStrength.NONE),
    ],
)
def test_a_best_score_is_told_in_words(score, strength):
    assert selectors.match_strength(score) == strength


def test_strength_thresholds_go_from_strongest_down():
    lowest = [threshold for threshold, _strength in selectors.STRENGTH_THRESHOLDS]
    assert lowest == sorted(lowest, reverse=True)
