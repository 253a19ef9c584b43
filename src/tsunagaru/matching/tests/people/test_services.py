"""Volunteers in matching: consent, who is suggested for what, and introductions to a person
whose contact details pass only when they accept."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from tsunagaru.accounts.models import Role
from tsunagaru.audit.models import AuditEvent
from tsunagaru.core.models import District
from tsunagaru.matching import people, permissions
from tsunagaru.matching import people_services as services
from tsunagaru.matching.models import PersonIntroduction
from tsunagaru.notices.models import Notice
from tsunagaru.partners import services as partner_services
from tsunagaru.partners.models import Membership, Need
from tsunagaru.partners.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def ids(suggestions):
    return [s.volunteer.pk for s in suggestions]


# -- consent ----------------------------------------------------------------------------------


def test_consent_to_be_suggested_is_recorded_with_its_time_and_taken_back_at_once(
    make_volunteer,
):
    volunteer = make_volunteer(suggest=True)
    assert volunteer.suggest_consented_at is not None
    assert AuditEvent.objects.filter(action="volunteer.suggest_consent").count() == 1

    # Saving the profile without answering the question again keeps the consent and its time.
    given = volunteer.suggest_consented_at
    volunteer = partner_services.volunteer_profile_save(
        user=volunteer.user, data={"skills": "料理"}
    )
    assert volunteer.suggest_consented_at == given

    volunteer = partner_services.volunteer_profile_save(
        user=volunteer.user, data={"suggest": False}
    )
    assert volunteer.suggest_consented_at is None
    assert AuditEvent.objects.filter(action="volunteer.suggest_withdraw").count() == 1


def test_a_district_outside_the_chosen_area_is_refused(make_user):
    user = make_user(Role.RESIDENT)
    esashi = District.objects.get(slug="inase").area
    with pytest.raises(ValidationError) as error:
        partner_services.volunteer_profile_save(
            user=user,
            data={"area": esashi, "district": District.objects.get(slug="mizusawa")},
        )
    assert "district" in error.value.message_dict


# -- suggestions ------------------------------------------------------------------------------


def test_a_need_for_helping_hands_suggests_a_nearby_volunteer_with_reasons(kitchen, make_volunteer):
    _group, _member, need = kitchen
    volunteer = make_volunteer(skills="パソコンが得意です。", wishes="")

    [suggestion] = people.suggestions_for_need(need)

    assert suggestion.volunteer == volunteer
    kinds = [r.kind for r in suggestion.reasons]
    assert "hands" in kinds
    assert ("place", ("水沢",)) in [(r.kind, r.words) for r in suggestion.reasons]


def test_a_word_that_only_calls_for_hands_is_not_shown_as_a_skill(kitchen, make_volunteer):
    _group, _member, need = kitchen
    make_volunteer(skills="配膳が得意です。", wishes="子ども食堂を手伝いたい。")

    [suggestion] = people.suggestions_for_need(need)

    words = [w for r in suggestion.reasons if r.kind == "offers" for w in r.words]
    assert "配膳" in words
    assert not [w for w in words if "手伝" in w]


def test_a_far_volunteer_with_nothing_in_common_is_not_suggested(kitchen, make_volunteer):
    _group, _member, need = kitchen
    make_volunteer(skills="パソコンが得意です。", wishes="", district="kitamata")

    assert people.suggestions_for_need(need) == []


def test_a_far_volunteer_who_offers_only_hands_is_not_suggested(kitchen, make_volunteer):
    _group, _member, need = kitchen
    make_volunteer(skills="", wishes="何でも手伝いたいです。", district="kitamata")

    assert people.suggestions_for_need(need) == []


def test_a_skill_named_in_the_need_suggests_the_person_even_without_a_call_for_hands(
    make_user, make_volunteer
):
    member = make_user(Role.PARTNER_MEMBER)
    group = MembershipFactory(user=member).organisation
    need = partner_services.need_save(
        need=Need(organisation=group),
        data={
            "category": "trouble",
            "title": "会報をパソコンで作りたい",
            "description": "会報の作り方がわからない。",
        },
        by=member,
    )
    assert not people.asks_for_hands(f"{need.title}。{need.description}")
    coder = make_volunteer(skills="パソコンで会報やチラシを作れます。", district="kitamata")
    make_volunteer(
        email="cook@example.jp", skills="料理が得意です。", wishes="", district="kitamata"
    )

    [suggestion] = people.suggestions_for_need(need)

    assert suggestion.volunteer == coder
    assert any(r.kind == "offers" for r in suggestion.reasons)


def test_only_volunteers_who_agreed_are_suggested(kitchen, make_volunteer):
    _group, _member, need = kitchen
    shown = make_volunteer(suggest=True)
    hidden = make_volunteer(email="hidden@example.jp", suggest=False)
    partner_services.volunteer_profile_save(user=hidden.user, data={"is_public": True})

    assert ids(people.suggestions_for_need(need)) == [shown.pk]


def test_taking_back_consent_removes_the_person_from_the_next_suggestions(kitchen, make_volunteer):
    _group, _member, need = kitchen
    volunteer = make_volunteer()
    assert ids(people.suggestions_for_need(need)) == [volunteer.pk]

    partner_services.volunteer_profile_save(user=volunteer.user, data={"suggest": False})

    assert people.suggestions_for_need(need) == []


def test_a_closed_account_is_not_suggested(kitchen, make_volunteer):
    _group, _member, need = kitchen
    volunteer = make_volunteer()
    people.suggestions_for_need(need)  # the index now holds the person
    volunteer.user.is_active = False
    volunteer.user.save()

    assert people.suggestions_for_need(need) == []


def test_members_of_the_needs_own_group_are_not_suggested_to_it(kitchen, make_volunteer):
    group, _member, need = kitchen
    volunteer = make_volunteer()
    MembershipFactory(user=volunteer.user, organisation=group, role=Membership.Role.MEMBER)

    assert people.suggestions_for_need(need) == []


def test_the_people_index_is_built_once_and_again_only_after_a_change(make_volunteer):
    volunteer = make_volunteer()
    first = people.engine()
    assert people.engine() is first

    partner_services.volunteer_profile_save(user=volunteer.user, data={"wishes": "草刈り"})

    assert people.engine() is not first


# -- who sees and who asks --------------------------------------------------------------------


def test_people_are_shown_only_to_the_needs_group_and_support_staff(
    kitchen, make_user, other_member
):
    _group, member, need = kitchen
    assert permissions.can_see_people(member, need)
    assert permissions.can_see_people(make_user(Role.COORDINATOR), need)
    assert not permissions.can_see_people(other_member, need)
    assert not permissions.can_see_people(make_user(Role.RESIDENT), need)


# -- introductions ----------------------------------------------------------------------------


def ask(need, volunteer, by, message="土曜日の配膳を手伝っていただけませんか。"):
    return services.person_introduction_request(
        need=need, volunteer=volunteer, message=message, by=by
    )


def test_the_person_is_asked_by_notice_and_mail_and_the_request_is_audited(
    kitchen, make_volunteer, django_capture_on_commit_callbacks
):
    _group, member, need = kitchen
    volunteer = make_volunteer()

    with django_capture_on_commit_callbacks(execute=True):
        introduction = ask(need, volunteer, member)

    assert introduction.status == PersonIntroduction.Status.REQUESTED
    assert Notice.objects.filter(user=volunteer.user, url=introduction.get_absolute_url()).exists()
    [message] = mail.outbox
    assert message.to == ["hanako@example.jp"]
    assert "みずさわ子ども食堂" in message.subject
    assert "土曜日の配膳を手伝っていただけませんか。" in message.body
    assert introduction.get_absolute_url() in message.body
    assert AuditEvent.objects.filter(action="person_introduction.request").count() == 1


def test_only_a_member_of_the_needs_group_asks_and_only_a_consenting_person(
    kitchen, make_volunteer, make_user, other_member
):
    _group, member, need = kitchen
    volunteer = make_volunteer()
    for stranger in (other_member, make_user(Role.COORDINATOR), volunteer.user):
        with pytest.raises(PermissionDenied):
            ask(need, volunteer, stranger)
    unwilling = make_volunteer(email="no@example.jp", suggest=False)
    with pytest.raises(PermissionDenied):
        ask(need, unwilling, member)
    assert PersonIntroduction.objects.count() == 0


def test_one_open_request_from_a_group_to_a_person(kitchen, make_volunteer):
    _group, member, need = kitchen
    volunteer = make_volunteer()
    first = ask(need, volunteer, member)

    with pytest.raises(ValidationError) as error:
        ask(need, volunteer, member)
    assert error.value.code == "duplicate"

    # Once answered, the group may ask again (another time, another need).
    services.person_introduction_answer(
        introduction=first, accept=False, response="", by=volunteer.user
    )
    assert ask(need, volunteer, member).status == PersonIntroduction.Status.REQUESTED


def test_the_database_keeps_one_open_request_when_two_pass_the_check_at_once(
    kitchen, make_volunteer
):
    group, member, need = kitchen
    volunteer = make_volunteer()
    ask(need, volunteer, member)
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonIntroduction.objects.create(
            organisation=group, volunteer=volunteer, need=need, message="x", requested_by=member
        )


def test_an_empty_message_is_refused(kitchen, make_volunteer):
    _group, member, need = kitchen
    with pytest.raises(ValidationError) as error:
        ask(need, make_volunteer(), member, message="   ")
    assert error.value.code == "message_required"


def test_contacts_pass_on_acceptance_and_only_to_the_two_sides(
    kitchen, make_volunteer, make_user, other_member, django_capture_on_commit_callbacks
):
    group, member, need = kitchen
    colleague = make_user(Role.PARTNER_MEMBER, email="colleague@example.jp")
    MembershipFactory(user=colleague, organisation=group, role=Membership.Role.MEMBER)
    coordinator = make_user(Role.COORDINATOR)
    volunteer = make_volunteer()
    introduction = ask(need, volunteer, member)
    everyone = [member, colleague, volunteer.user, coordinator, other_member]
    assert not any(permissions.can_see_person_contacts(u, introduction) for u in everyone)
    assert people.person_contacts(introduction) is None

    with django_capture_on_commit_callbacks(execute=True):
        services.person_introduction_answer(
            introduction=introduction, accept=True, response="土曜なら行けます。", by=volunteer.user
        )

    allowed = [u for u in everyone if permissions.can_see_person_contacts(u, introduction)]
    assert allowed == [member, colleague, volunteer.user]
    contacts = people.person_contacts(introduction)
    assert contacts is not None
    assert (contacts.person_name, contacts.person_email) == ("はなこ", "hanako@example.jp")
    assert contacts.asked_by == ("食堂の佐藤", "kitchen@example.jp")
    assert contacts.group_email == "shokudo@example.jp"
    # The group hears of the answer; the mail carries no contact details (the page does).
    assert [m.to for m in mail.outbox] == [["kitchen@example.jp"]]
    assert "hanako@example.jp" not in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="person_introduction.accept").count() == 1


def test_only_the_person_answers_and_only_once(kitchen, make_volunteer):
    _group, member, need = kitchen
    volunteer = make_volunteer()
    introduction = ask(need, volunteer, member)
    with pytest.raises(PermissionDenied):
        services.person_introduction_answer(
            introduction=introduction, accept=True, response="", by=member
        )
    stale = PersonIntroduction.objects.get(pk=introduction.pk)
    services.person_introduction_answer(
        introduction=introduction, accept=False, response="", by=volunteer.user
    )

    # A second click with the page as it was: the status it read still says "requested".
    with pytest.raises(ValidationError) as error:
        services.person_introduction_answer(
            introduction=stale, accept=True, response="", by=volunteer.user
        )
    assert error.value.code == "already_answered"
    introduction.refresh_from_db()
    assert introduction.status == PersonIntroduction.Status.DECLINED


def test_the_group_withdraws_a_request_not_yet_answered(
    kitchen, make_volunteer, django_capture_on_commit_callbacks
):
    _group, member, need = kitchen
    volunteer = make_volunteer()
    introduction = ask(need, volunteer, member)
    with pytest.raises(PermissionDenied):
        services.person_introduction_withdraw(introduction=introduction, by=volunteer.user)

    with django_capture_on_commit_callbacks(execute=True):
        services.person_introduction_withdraw(introduction=introduction, by=member)

    assert introduction.status == PersonIntroduction.Status.WITHDRAWN
    assert not permissions.can_answer_person(volunteer.user, introduction)
    assert AuditEvent.objects.filter(action="person_introduction.withdraw").count() == 1
    assert Notice.objects.filter(user=volunteer.user).count() == 2  # asked, then withdrawn


def test_the_demo_shows_volunteers_for_its_needs_that_ask_for_hands():
    from tsunagaru.core import demo

    demo.load()

    kitchen = Need.objects.get(title="配膳と片付けを手伝う人が足りない")
    emails = [s.volunteer.user.email for s in people.suggestions_for_need(kitchen)]
    assert emails[0] == "resident@example.jp"  # the demo resident can log in and answer
    hands = Need.objects.get(title="過疎化で担い手が足りない")
    assert people.suggestions_for_need(hands)
