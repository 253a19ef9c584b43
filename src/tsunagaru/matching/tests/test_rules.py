"""Rules of introductions that protect people: contact details go to the two sides only, and
two groups have at most one open request between them, whoever asked whom."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils.translation import gettext, override

from tsunagaru.accounts.models import Role
from tsunagaru.audit.models import AuditEvent
from tsunagaru.core.mail import mail_subject
from tsunagaru.matching import permissions, selectors, services
from tsunagaru.matching.models import Introduction
from tsunagaru.matching.tests.test_services import _need
from tsunagaru.partners.models import Membership
from tsunagaru.partners.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(make_user):
    """大森自治会 and みなみ学生ボランティア, each with a representative and a plain member."""
    village_rep = make_user(Role.PARTNER_MEMBER, email="village@example.jp")
    helpers_rep = make_user(Role.PARTNER_MEMBER, email="helpers@example.jp")
    village = MembershipFactory(user=village_rep, organisation__name="大森自治会").organisation
    helpers = MembershipFactory(
        user=helpers_rep, organisation__name="みなみ学生ボランティア"
    ).organisation
    members = {}
    for name, group in (("village_member", village), ("helpers_member", helpers)):
        members[name] = make_user(Role.PARTNER_MEMBER)
        MembershipFactory(user=members[name], organisation=group, role=Membership.Role.MEMBER)
    return village, helpers, village_rep, helpers_rep, members


def accepted(pair, via=Introduction.Via.DIRECT, by=None):
    village, helpers, village_rep, helpers_rep, _members = pair
    introduction = services.introduction_request(
        requester=village, recipient=helpers, message="会いたいです", by=by or village_rep, via=via
    )
    services.introduction_answer(
        introduction=introduction, accept=True, response="ぜひ", by=helpers_rep
    )
    return introduction


SIDES = ["village_rep", "helpers_rep", "village_member", "helpers_member"]
OTHERS = [Role.COORDINATOR, Role.CITY_STAFF, Role.ADMINISTRATOR, Role.REVIEWER]
OTHERS += [Role.PARTNER_MEMBER, Role.RESIDENT]


def person(pair, make_user, who):
    _village, _helpers, village_rep, helpers_rep, members = pair
    named = {"village_rep": village_rep, "helpers_rep": helpers_rep, **members}
    return named[who] if who in named else make_user(who)


@pytest.mark.parametrize(("who", "sees"), [(w, True) for w in SIDES] + [(w, False) for w in OTHERS])
def test_contact_details_of_an_accepted_introduction_go_only_to_its_two_sides(
    pair, make_user, who, sees
):
    introduction = accepted(pair)

    assert permissions.can_see_contacts(person(pair, make_user, who), introduction) is sees


def test_not_even_the_coordinator_who_introduced_them_sees_their_contact_details(
    pair, make_user, client
):
    coordinator = make_user(Role.COORDINATOR)
    introduction = accepted(pair, via=Introduction.Via.COORDINATOR, by=coordinator)
    client.force_login(coordinator)

    page = client.get(reverse("matching:introduction", args=[introduction.pk]))

    assert page.status_code == 200  # support staff may follow the introduction
    assert not permissions.can_see_contacts(coordinator, introduction)
    assert "helpers@example.jp" not in page.content.decode()


def test_after_a_coordinators_introduction_each_side_sees_the_others_speakers(pair, make_user):
    village, helpers, *_people = pair
    coordinator = make_user(Role.COORDINATOR, email="coordinator@example.jp")
    introduction = accepted(pair, via=Introduction.Via.COORDINATOR, by=coordinator)

    sides = selectors.contacts(introduction)

    assert [(s.organisation, [e for _name, e in s.people]) for s in sides] == [
        (village, ["village@example.jp"]),
        (helpers, ["helpers@example.jp"]),
    ]


@pytest.mark.parametrize("who", SIDES)
def test_no_side_sees_contact_details_before_acceptance(pair, make_user, who):
    village, helpers, village_rep, *_ = pair
    introduction = services.introduction_request(
        requester=village, recipient=helpers, message="会いたいです", by=village_rep
    )

    assert not permissions.can_see_contacts(person(pair, make_user, who), introduction)


@pytest.mark.parametrize("role", [Role.CITY_STAFF, Role.ADMINISTRATOR, Role.COORDINATOR])
def test_support_staff_reading_an_accepted_introduction_see_no_contact_details(
    pair, make_user, client, role
):
    introduction = accepted(pair)
    client.force_login(make_user(role))

    page = client.get(reverse("matching:introduction", args=[introduction.pk])).content.decode()

    assert "大森自治会" in page
    assert "village@example.jp" not in page
    assert "helpers@example.jp" not in page


def test_a_group_that_was_asked_cannot_open_a_second_request_the_other_way(pair):
    village, helpers, village_rep, helpers_rep, _members = pair
    services.introduction_request(
        requester=village, recipient=helpers, message="会いたいです", by=village_rep
    )

    with pytest.raises(ValidationError) as error:
        services.introduction_request(
            requester=helpers, recipient=village, message="こちらからも", by=helpers_rep
        )

    assert error.value.code == "asked_by_them"
    assert Introduction.objects.filter(status=Introduction.Status.REQUESTED).count() == 1


def test_a_coordinator_cannot_open_a_request_beside_an_open_one_the_other_way(pair, make_user):
    village, helpers, village_rep, *_ = pair
    services.introduction_request(
        requester=village, recipient=helpers, message="会いたいです", by=village_rep
    )

    with pytest.raises(ValidationError) as error:
        services.introduction_request(
            requester=helpers,
            recipient=village,
            message="ご紹介します",
            by=make_user(Role.COORDINATOR),
            via=Introduction.Via.COORDINATOR,
        )

    assert error.value.code == "duplicate"


def test_once_a_request_is_answered_or_withdrawn_either_side_may_ask_again(pair):
    village, helpers, village_rep, helpers_rep, _members = pair
    first = services.introduction_request(
        requester=village, recipient=helpers, message="会いたいです", by=village_rep
    )
    services.introduction_withdraw(introduction=first, by=village_rep)

    again = services.introduction_request(
        requester=helpers, recipient=village, message="こちらから", by=helpers_rep
    )

    assert again.status == Introduction.Status.REQUESTED


def test_the_database_refuses_a_second_open_request_of_a_pair_in_either_direction(pair):
    # What holds when two requests pass the service's check at the same moment.
    village, helpers, village_rep, helpers_rep, _members = pair
    services.introduction_request(
        requester=village, recipient=helpers, message="会いたいです", by=village_rep
    )

    for requester, recipient, by in (
        (helpers, village, helpers_rep),
        (village, helpers, village_rep),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Introduction.objects.create(
                requester=requester, recipient=recipient, message="同時に", requested_by=by
            )

    Introduction.objects.create(  # a closed one beside it is fine
        requester=helpers,
        recipient=village,
        message="前に断った",
        requested_by=helpers_rep,
        status=Introduction.Status.DECLINED,
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("guideline", "oshu")  # an earlier race test flushed them
@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's IMMEDIATE transactions let one writer at a time: no race to show",
)
def test_both_groups_asking_each_other_at_the_same_moment_leave_one_open_request(pair):
    village, helpers, village_rep, helpers_rep, _members = pair
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def ask(requester, recipient, by):
        start.wait()
        try:
            services.introduction_request(
                requester=requester, recipient=recipient, message="同時に", by=by
            )
            outcomes.append("sent")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=ask, args=(village, helpers, village_rep)),
        threading.Thread(target=ask, args=(helpers, village, helpers_rep)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["asked_by_them", "sent"]
    assert Introduction.objects.filter(status=Introduction.Status.REQUESTED).count() == 1


def test_the_migration_keeps_the_earlier_of_two_open_requests_of_a_pair(pair):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "tsunagaru.matching.migrations.0002_one_open_introduction_per_pair"
    )
    village, helpers, village_rep, helpers_rep, _members = pair
    # As the database was before the migration (the test's transaction brings the index back).
    with connection.cursor() as cursor:
        cursor.execute('DROP INDEX "matching_intro_one_open_pair"')
    earlier = Introduction.objects.create(
        requester=village, recipient=helpers, message="先に", requested_by=village_rep
    )
    later = Introduction.objects.create(
        requester=helpers, recipient=village, message="後に", requested_by=helpers_rep
    )

    migration.withdraw_second_open_request_of_a_pair(apps, None)

    earlier.refresh_from_db()
    later.refresh_from_db()
    assert (earlier.status, later.status) == ("requested", "withdrawn")
    event = AuditEvent.objects.get(action="introduction.withdraw")
    assert event.target_id == str(later.pk)


# Rules found unguarded by `make mutation APP=matching` (docs/mutation-testing.md).


def test_asking_the_same_group_twice_is_a_duplicate_whichever_group_is_older(pair):
    village, helpers, _village_rep, helpers_rep, _members = pair
    assert helpers.pk > village.pk  # the younger group asks the older one
    services.introduction_request(
        requester=helpers, recipient=village, message="会いたいです", by=helpers_rep
    )

    with pytest.raises(ValidationError) as error:
        services.introduction_request(
            requester=helpers, recipient=village, message="もう一度", by=helpers_rep
        )

    assert error.value.code == "duplicate"


def test_a_coordinator_introduces_only_listed_groups(pair, make_user):
    village, helpers, *_ = pair
    helpers.status = helpers.Status.SUSPENDED
    helpers.save(update_fields=["status"])

    for requester, recipient in ((village, helpers), (helpers, village)):
        with pytest.raises(PermissionDenied):
            services.introduction_request(
                requester=requester,
                recipient=recipient,
                message="ご紹介します",
                by=make_user(Role.COORDINATOR),
                via=Introduction.Via.COORDINATOR,
            )


def test_a_request_is_reminded_after_exactly_seven_days(pair):
    village, helpers, village_rep, *_ = pair
    introduction = services.introduction_request(
        requester=village, recipient=helpers, message="会いたいです", by=village_rep
    )
    week = introduction.created_at + datetime.timedelta(days=7)

    assert services.introductions_remind(now=week - datetime.timedelta(seconds=1)) == 0
    assert services.introductions_remind(now=week) == 1


def test_a_request_withdrawn_in_another_tab_cannot_be_withdrawn_again(pair):
    village, helpers, village_rep, *_ = pair
    introduction = services.introduction_request(
        requester=village, recipient=helpers, message="会いたいです", by=village_rep
    )
    stale = Introduction.objects.get(pk=introduction.pk)
    services.introduction_withdraw(introduction=introduction, by=village_rep)

    with pytest.raises(ValidationError) as error:
        services.introduction_withdraw(introduction=stale, by=village_rep)

    assert error.value.code == "already_answered"
    assert AuditEvent.objects.filter(action="introduction.withdraw").count() == 1


@pytest.mark.parametrize(
    ("who", "may"),
    [
        ("village_member", True),
        ("introducer", True),
        ("other_coordinator", False),
        ("helpers_rep", False),
    ],
)
def test_who_may_withdraw_a_coordinators_introduction(pair, make_user, who, may):
    _village, _helpers, _village_rep, helpers_rep, members = pair
    introducer = make_user(Role.COORDINATOR)
    village, helpers, *_ = pair
    introduction = services.introduction_request(
        requester=village,
        recipient=helpers,
        message="ご紹介します",
        by=introducer,
        via=Introduction.Via.COORDINATOR,
    )
    user = {
        "village_member": members["village_member"],
        "introducer": introducer,
        "other_coordinator": make_user(Role.COORDINATOR),
        "helpers_rep": helpers_rep,
    }[who]

    assert permissions.can_withdraw(user, introduction) is may


def test_an_answered_request_cannot_be_withdrawn(pair):
    _village, _helpers, village_rep, *_ = pair
    introduction = accepted(pair)

    assert not permissions.can_withdraw(village_rep, introduction)


def test_feedback_is_only_on_a_need_whose_suggestions_are_shown(pair):
    village, _helpers, village_rep, *_ = pair
    need = _need(village, village_rep, "雪かきの人手が足りない")
    need.status = need.Status.CLOSED
    need.save(update_fields=["status"])

    with pytest.raises(PermissionDenied):
        services.feedback_record(need=need, organisation=village, helpful=True, by=village_rep)


def test_the_glossary_audit_says_what_the_words_were_before(make_user):
    coordinator = make_user(Role.COORDINATOR)
    entry = services.glossary_save(
        group=None, words="雪はね、雪かき", note="", is_active=True, by=coordinator
    )
    services.glossary_save(
        group=entry, words="雪はね、雪かき、除雪", note="", is_active=True, by=coordinator
    )

    events = AuditEvent.objects.filter(action="glossary.save").order_by("pk")
    assert [e.before for e in events] == [
        None,
        {"words": "雪はね、雪かき", "is_active": True},
    ]


def test_only_a_coordinator_introduces_two_groups(pair):
    village, helpers, village_rep, *_ = pair

    with pytest.raises(PermissionDenied):
        services.introduction_request(
            requester=village,
            recipient=helpers,
            message="ご紹介します",
            by=village_rep,  # a member of one side, not a coordinator
            via=Introduction.Via.COORDINATOR,
        )


def test_a_withdrawn_request_cannot_be_withdrawn_again(pair):
    village, helpers, village_rep, *_ = pair
    introduction = services.introduction_request(
        requester=village, recipient=helpers, message="会いたいです", by=village_rep
    )
    services.introduction_withdraw(introduction=introduction, by=village_rep)

    assert not permissions.can_withdraw(village_rep, introduction)


def test_someone_who_left_the_group_cannot_withdraw_its_request(pair):
    village, helpers, village_rep, *_ = pair
    introduction = services.introduction_request(
        requester=village, recipient=helpers, message="会いたいです", by=village_rep
    )
    Membership.objects.filter(user=village_rep, organisation=village).delete()
    village_rep = type(village_rep).objects.get(pk=village_rep.pk)  # as on their next request

    assert not permissions.can_withdraw(village_rep, introduction)


@pytest.mark.parametrize(
    ("accept", "action", "subject"),
    [
        (True, "introduction.accept", "%(name)s accepted your request"),
        (False, "introduction.decline", "%(name)s answered your request"),
    ],
)
def test_the_answer_is_audited_and_mailed_as_what_it_was(pair, accept, action, subject):
    village, helpers, village_rep, helpers_rep, _members = pair
    introduction = services.introduction_request(
        requester=village, recipient=helpers, message="会いたいです", by=village_rep
    )
    mail.outbox.clear()

    services.introduction_answer(
        introduction=introduction, accept=accept, response="", by=helpers_rep
    )

    assert AuditEvent.objects.filter(action=action, target_id=str(introduction.pk)).exists()
    with override("ja"):
        assert mail.outbox[0].subject == mail_subject(gettext(subject) % {"name": helpers.name})


def test_an_accepted_request_cannot_be_answered_again(pair):
    _village, _helpers, _village_rep, helpers_rep, _members = pair
    introduction = accepted(pair)

    assert not permissions.can_answer(helpers_rep, introduction)
