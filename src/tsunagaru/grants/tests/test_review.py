"""Screening and deciding (grants.services.review): completeness and return, sealed scoring by
the committee without those in conflict, decisions within the year's budget."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tsunagaru.accounts.models import Role
from tsunagaru.audit.models import AuditEvent
from tsunagaru.grants import selectors, services
from tsunagaru.grants.models import Application, Criterion, Programme
from tsunagaru.grants.tests.factories import begin, citizen_proposal, complete, group
from tsunagaru.notices.models import Notice
from tsunagaru.partners.models import Membership
from tsunagaru.partners.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}  # type: ignore[misc]
    return {e.code for e in error.error_list}  # type: ignore[misc]


@pytest.fixture
def staff(make_user):
    return make_user(Role.CITY_STAFF)


@pytest.fixture
def programme():
    programme = citizen_proposal()
    Criterion.objects.create(programme=programme, name="公益性", points=20, order=0)
    Criterion.objects.create(programme=programme, name="役割分担", points=10, order=1)
    return programme


@pytest.fixture
def people():
    return group()


@pytest.fixture
def committee(make_user):
    return [make_user(Role.REVIEWER, email=f"reviewer{n}@example.jp") for n in range(3)]


def sent(programme, people, expenses=80_000):
    application = complete(begin(people, programme), people.member, expenses=expenses)
    services.application_submit(application=application, confirmed=True, by=people.representative)
    application.refresh_from_db()
    return application


def screened(programme, people, staff, expenses=80_000):
    application = sent(programme, people, expenses)
    return services.application_accept(application=application, by=staff)


def points(programme, first, second):
    a, b = programme.criteria.order_by("order")
    return {a.pk: first, b.pk: second}


def test_staff_return_an_application_saying_what_to_correct_and_the_group_is_told(
    programme, people, staff
):
    application = sent(programme, people)

    services.application_return(
        application=application, reason="見積書を添付してください", by=staff
    )

    application.refresh_from_db()
    assert application.state == Application.State.RETURNED
    assert application.return_reason == "見積書を添付してください"
    assert Notice.objects.filter(user=people.representative, message__contains="見積書").exists()
    assert AuditEvent.objects.filter(action="grant_application.return").exists()


def test_a_return_needs_a_reason_and_only_staff_return(programme, people, staff, make_user):
    application = sent(programme, people)
    with pytest.raises(ValidationError) as error:
        services.application_return(application=application, reason="  ", by=staff)
    assert codes(error.value) == {"reason_required"}
    with pytest.raises(ValidationError) as error:
        services.application_return(
            application=application, reason="x", by=make_user(Role.COORDINATOR)
        )
    assert codes(error.value) == {"not_staff"}


def test_returned_corrected_resent_and_returned_again(programme, people, staff):
    application = sent(programme, people)
    for reason in ("予算を直してください", "日程を書いてください"):
        services.application_return(application=application, reason=reason, by=staff)
        application.refresh_from_db()
        services.application_submit(
            application=application, confirmed=True, by=people.representative
        )
    application.refresh_from_db()

    assert application.versions.count() == 3
    assert application.state == Application.State.SUBMITTED


@pytest.mark.parametrize("state", ["draft", "returned", "adopted", "not_adopted", "withdrawn"])
def test_only_a_sent_application_is_passed_to_the_committee(programme, people, staff, state):
    application = sent(programme, people)
    Application.objects.filter(pk=application.pk).update(state=state)
    with pytest.raises(ValidationError) as error:
        services.application_accept(application=application, by=staff)
    assert codes(error.value) == {"invalid_transition"}


def test_scores_are_sealed_until_the_whole_committee_has_scored(
    programme, people, staff, committee
):
    application = screened(programme, people, staff)
    services.score_submit(
        application=application,
        points=points(programme, 18, 8),
        comment="地域に必要",
        by=committee[0],
    )
    services.score_submit(
        application=application, points=points(programme, 12, 6), comment="", by=committee[1]
    )

    sealed = selectors.review_of(application)
    assert sealed.sealed
    assert (sealed.scored, sealed.expected) == (2, 3)
    assert sealed.criteria == []
    assert sealed.comments == []

    services.score_submit(
        application=application,
        points=points(programme, 15, 10),
        comment="役割が明確",
        by=committee[2],
    )
    review = selectors.review_of(application)
    assert not review.sealed
    assert [c.average for c in review.criteria] == ["15.0", "8.0"]
    assert review.average_total == "23.0"
    assert review.comments == ["地域に必要", "役割が明確"]


def test_a_reviewer_who_is_a_member_of_the_applicant_neither_sees_nor_scores_it(
    programme, people, staff, committee
):
    from tsunagaru.grants import permissions

    MembershipFactory(
        organisation=people.organisation, user=committee[0], role=Membership.Role.MEMBER
    )
    application = screened(programme, people, staff)

    # They read it as one of its members, never as a reviewer.
    assert not permissions.can_see_review(committee[0], application)
    assert not permissions.can_score(committee[0], application)
    with pytest.raises(ValidationError) as error:
        services.score_submit(
            application=application, points=points(programme, 20, 10), comment="", by=committee[0]
        )
    assert codes(error.value) == {"conflict"}
    # The committee is the two others: their scores unseal it.
    for reviewer in committee[1:]:
        services.score_submit(
            application=application, points=points(programme, 10, 5), comment="", by=reviewer
        )
    assert not selectors.review_of(application).sealed
    assert selectors.review_of(application).expected == 2


def test_a_declared_conflict_excludes_the_reviewer(programme, people, staff, committee):
    application = screened(programme, people, staff)
    services.conflict_declare(application=application, reason="親族が会員", by=committee[2])

    with pytest.raises(ValidationError) as error:
        services.score_submit(
            application=application, points=points(programme, 1, 1), comment="", by=committee[2]
        )
    assert codes(error.value) == {"conflict"}
    assert [r.pk for r in selectors.committee(application)] == [committee[0].pk, committee[1].pk]


@pytest.mark.parametrize(
    ("given", "code"),
    [((21, 5), "points_out_of_range"), ((-1, 5), "points_out_of_range")],
)
def test_points_stay_within_each_criterion(programme, people, staff, committee, given, code):
    application = screened(programme, people, staff)
    with pytest.raises(ValidationError) as error:
        services.score_submit(
            application=application, points=points(programme, *given), comment="", by=committee[0]
        )
    assert codes(error.value) == {code}
    assert not application.scores.exists()


def test_every_criterion_is_scored_once(programme, people, staff, committee):
    application = screened(programme, people, staff)
    first = programme.criteria.order_by("order").first()
    with pytest.raises(ValidationError) as error:
        services.score_submit(
            application=application, points={first.pk: 5}, comment="", by=committee[0]
        )
    assert codes(error.value) == {"criteria_missing"}
    services.score_submit(
        application=application, points=points(programme, 5, 5), comment="", by=committee[0]
    )
    with pytest.raises(ValidationError) as error:
        services.score_submit(
            application=application, points=points(programme, 9, 9), comment="", by=committee[0]
        )
    assert codes(error.value) == {"already_scored"}


def test_only_reviewers_score(programme, people, staff):
    application = screened(programme, people, staff)
    with pytest.raises(ValidationError) as error:
        services.score_submit(
            application=application, points=points(programme, 5, 5), comment="", by=staff
        )
    assert codes(error.value) == {"not_reviewer"}


def score_all(application, programme, committee):
    for reviewer in committee:
        services.score_submit(
            application=application, points=points(programme, 15, 8), comment="", by=reviewer
        )


def test_no_decision_before_the_committee_has_scored(programme, people, staff, committee):
    application = screened(programme, people, staff)
    with pytest.raises(ValidationError) as error:
        services.application_decide(application=application, adopted=True, amount=50_000, by=staff)
    assert codes(error.value) == {"scoring_incomplete"}


def test_adopted_for_less_than_asked_commits_the_budget_and_tells_the_group(
    programme, people, staff, committee
):
    application = screened(programme, people, staff)
    score_all(application, programme, committee)

    services.application_decide(
        application=application,
        adopted=True,
        amount=60_000,
        conditions="写真付きの実績報告",
        note="講師謝礼の一部を対象外とした",
        by=staff,
    )

    application.refresh_from_db()
    programme.refresh_from_db()
    assert application.state == Application.State.ADOPTED
    assert application.decided_amount == 60_000
    assert programme.committed == 60_000
    assert programme.left == 940_000
    assert Notice.objects.filter(user=people.representative, message__contains="60,000").exists()
    event = AuditEvent.objects.get(action="grant_application.decide")
    assert event.after["decided_amount"] == 60_000


def test_more_than_asked_is_refused_and_nothing_committed(programme, people, staff, committee):
    application = screened(programme, people, staff)
    score_all(application, programme, committee)
    with pytest.raises(ValidationError) as error:
        services.application_decide(application=application, adopted=True, amount=80_001, by=staff)
    assert codes(error.value) == {"more_than_asked"}
    assert Programme.objects.get(pk=programme.pk).committed == 0
    assert Application.objects.get(pk=application.pk).state == Application.State.IN_REVIEW


def test_an_adoption_beyond_what_is_left_is_refused(programme, people, staff, committee):
    Programme.objects.filter(pk=programme.pk).update(budget=100_000, committed=50_000)
    application = screened(programme, people, staff)
    score_all(application, programme, committee)

    with pytest.raises(ValidationError) as error:
        services.application_decide(application=application, adopted=True, amount=60_000, by=staff)

    assert codes(error.value) == {"over_budget"}
    assert "50,000" in str(error.value)
    assert Programme.objects.get(pk=programme.pk).committed == 50_000
    services.application_decide(application=application, adopted=True, amount=50_000, by=staff)
    assert Programme.objects.get(pk=programme.pk).left == 0


def test_not_adopted_needs_a_reason_and_commits_nothing(programme, people, staff, committee):
    application = screened(programme, people, staff)
    score_all(application, programme, committee)
    with pytest.raises(ValidationError) as error:
        services.application_decide(application=application, adopted=False, by=staff)
    assert codes(error.value) == {"refusal_required"}

    services.application_decide(
        application=application, adopted=False, refusal="score", note="公益性の説明が不足", by=staff
    )

    application.refresh_from_db()
    assert application.state == Application.State.NOT_ADOPTED
    assert application.refusal == "score"
    assert Programme.objects.get(pk=programme.pk).committed == 0


def test_a_decision_is_made_once(programme, people, staff, committee):
    application = screened(programme, people, staff)
    score_all(application, programme, committee)
    services.application_decide(application=application, adopted=True, amount=50_000, by=staff)
    with pytest.raises(ValidationError) as error:
        services.application_decide(application=application, adopted=True, amount=50_000, by=staff)
    assert codes(error.value) == {"invalid_transition"}
    assert Programme.objects.get(pk=programme.pk).committed == 50_000


def test_without_reviewers_a_rubric_programme_says_the_committee_is_missing(
    programme, people, staff
):
    application = screened(programme, people, staff)
    with pytest.raises(ValidationError) as error:
        services.application_decide(application=application, adopted=True, amount=50_000, by=staff)
    assert codes(error.value) == {"no_committee"}
