"""The eligibility self-check (before anything is typed): a few yes/no questions, and for each
programme and course whether it fits and, in plain words, why not. Pure: the caller passes the
answers and the programmes' requirement codes (grants.models.Requirement)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# One question per requirement, asked in this order; "yes" meets the requirement.
QUESTIONS: dict[str, Any] = {
    "members_in_city": _("Do more than half of your members live or work in Oshu City?"),
    "governance": _("Does your group have rules (規約), a budget and a plan of activities?"),
    "adult_representative": _("Is your representative an adult?"),
    "registered": _("Is your group registered with the citizen activity centre?"),
    "public_benefit": _("Will the project benefit people in the city, not only your members?"),
    "no_other_subsidy": _("Is the project free of any other subsidy from the city?"),
    "first_this_year": _("Is this your group's first application to this grant this year?"),
    "district_association": _(
        "Is your group a district association (地区振興会等) "
        "receiving the district operation grant?"
    ),
    "adopted_plan": _("Has your district adopted a community plan (地区コミュニティ計画)?"),
    "owns_hall": _("Does your district own or look after a meeting hall (集会施設)?"),
    "new_partnership": _("Will you do the project with a partner you have not worked with?"),
    "track_record": _("Has your group carried out a project like this before?"),
}

# Why a programme does not fit, when the answer was "no".
WHY_NOT: dict[str, Promise] = {
    "members_in_city": _("More than half of the members must live or work in the city."),
    "governance": _("The group needs rules (規約), a budget and a plan of activities."),
    "adult_representative": _("The representative must be an adult."),
    "registered": _(
        "The group must first register with the citizen activity centre (the centre helps)."
    ),
    "public_benefit": _("The project must benefit people in the city, not only the members."),
    "no_other_subsidy": _("A project that has another city subsidy cannot have this one."),
    "first_this_year": _("A group may apply once a year."),
    "district_association": _("Only district associations receiving the district grant apply."),
    "adopted_plan": _("The project must be an action of the district's adopted community plan."),
    "owns_hall": _("It is for districts that own or look after a meeting hall."),
    "new_partnership": _("This course is for a project with a new partner."),
    "track_record": _("This course is for groups that have done such a project before."),
}
UNANSWERED = _("Answer the question about this to know.")


@dataclass(frozen=True)
class Offer:
    """A programme or course as the self-check sees it."""

    key: str
    name: str
    requirements: Sequence[str]
    courses: Sequence[Offer] = ()


@dataclass
class Fit:
    offer: Offer
    fits: bool
    reasons: list[Promise] = field(default_factory=list)
    unanswered: bool = False
    courses: list[Fit] = field(default_factory=list)

    @property
    def undecided(self) -> bool:
        """Nothing says no, but a question it needs was not answered."""
        return not self.fits and self.unanswered and self.reasons == [UNANSWERED]


def questions_for(offers: Iterable[Offer]) -> list[str]:
    """The requirement codes to ask about, in the order of QUESTIONS."""
    wanted: set[str] = set()
    for offer in offers:
        wanted.update(offer.requirements)
        for course in offer.courses:
            wanted.update(course.requirements)
    return [code for code in QUESTIONS if code in wanted]


def _check(offer: Offer, answers: Mapping[str, bool | None]) -> Fit:
    reasons: list[Promise] = []
    unanswered = False
    for code in offer.requirements:
        answer = answers.get(code)
        if answer is None:
            unanswered = True
        elif not answer:
            reasons.append(WHY_NOT[code])
    if unanswered and not reasons:
        reasons.append(UNANSWERED)
    return Fit(offer=offer, fits=not reasons, reasons=reasons, unanswered=unanswered)


def check(offers: Iterable[Offer], answers: Mapping[str, bool | None]) -> list[Fit]:
    """For each programme: does it fit (all its requirements answered yes), why not, and the
    same for each of its courses (a course fits only within a programme that fits)."""
    results = []
    for offer in offers:
        fit = _check(offer, answers)
        for course in offer.courses:
            course_fit = _check(course, answers)
            if not fit.fits:
                course_fit.fits = False
            fit.courses.append(course_fit)
        if fit.fits and offer.courses and not any(c.fits for c in fit.courses):
            fit.fits = False
        results.append(fit)
    return results
