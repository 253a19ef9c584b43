"""The self-check: which programmes and courses fit, and in plain words why not."""

from __future__ import annotations

from tsunagaru.grants.eligibility import QUESTIONS, UNANSWERED, WHY_NOT, Offer, check, questions_for
from tsunagaru.grants.models import Requirement

CITIZEN = Offer(
    "citizen",
    "市民提案型",
    ["members_in_city", "registered", "first_this_year"],
    courses=[
        Offer("challenge", "チャレンジ", []),
        Offer("collaboration", "コラボレーション", ["new_partnership"]),
        Offer("step-up", "ステップアップ", ["track_record"]),
    ],
)
SELF_RELIANCE = Offer("self", "自立チャレンジ", ["district_association", "adopted_plan"])
YES = dict.fromkeys(QUESTIONS, True)


def test_every_requirement_has_a_question_and_a_reason() -> None:
    assert set(QUESTIONS) == set(Requirement.values) == set(WHY_NOT)


def test_only_the_questions_the_programmes_need_are_asked_in_order() -> None:
    assert questions_for([SELF_RELIANCE]) == ["district_association", "adopted_plan"]
    assert questions_for([CITIZEN])[:2] == ["members_in_city", "registered"]
    assert "track_record" in questions_for([CITIZEN])


def test_all_yes_fits_every_programme_and_course() -> None:
    citizen, self_reliance = check([CITIZEN, SELF_RELIANCE], YES)

    assert citizen.fits
    assert self_reliance.fits
    assert [c.fits for c in citizen.courses] == [True, True, True]


def test_an_unregistered_volunteer_group_learns_why_and_what_to_do() -> None:
    answers = {**YES, "registered": False, "district_association": False}

    citizen, self_reliance = check([CITIZEN, SELF_RELIANCE], answers)

    assert not citizen.fits
    assert citizen.reasons == [WHY_NOT["registered"]]
    assert not any(c.fits for c in citizen.courses)  # no course fits outside its programme
    assert self_reliance.reasons == [WHY_NOT["district_association"]]


def test_a_course_that_does_not_fit_says_why_while_the_others_fit() -> None:
    (citizen,) = check([CITIZEN], {**YES, "track_record": False})

    assert citizen.fits
    step_up = citizen.courses[2]
    assert not step_up.fits
    assert step_up.reasons == [WHY_NOT["track_record"]]
    assert citizen.courses[0].fits


def test_a_programme_whose_every_course_fails_does_not_fit() -> None:
    offer = Offer("p", "p", [], courses=[Offer("c", "c", ["track_record"])])

    (fit,) = check([offer], {"track_record": False})

    assert not fit.fits


def test_an_unanswered_question_leaves_the_programme_undecided_not_refused() -> None:
    (fit,) = check([SELF_RELIANCE], {"district_association": True})

    assert not fit.fits
    assert fit.unanswered
    assert fit.reasons == [UNANSWERED]


def test_a_no_outweighs_an_unanswered_question() -> None:
    (fit,) = check([SELF_RELIANCE], {"district_association": False})

    assert fit.reasons == [WHY_NOT["district_association"]]


def test_undecided_only_when_nothing_says_no() -> None:
    (unanswered,) = check([SELF_RELIANCE], {"district_association": True})
    (refused,) = check([SELF_RELIANCE], {"district_association": False})

    assert unanswered.undecided
    assert not refused.undecided
