"""Screening and deciding an application, and the year's budget. The city's staff check that a
sent application is complete (or return it, saying what to correct); the review committee
(reviewers) scores it with the programme's rubric, each alone — no one reads a score until
every reviewer without a conflict has scored — and a reviewer who is a member of the applicant,
or declares a conflict, takes no part; staff then decide, adopting for the amount asked or less
with conditions, or not adopting with the reason.

**The budget is never over-committed**: an adoption locks the programme's row (on PostgreSQL
`SELECT … FOR UPDATE`; on SQLite the write transaction itself, `BEGIN IMMEDIATE` in
core.sqlite), checks what is left and adds the amount to `committed` in the same transaction
as the decision; the `committed ≤ budget` constraint is the last guard.

Errors are ValidationErrors with stable codes: "not_staff", "not_reviewer",
"invalid_transition", "reason_required", "conflict", "already_scored", "points_out_of_range",
"criteria_missing", "no_committee", "scoring_incomplete", "amount_required", "more_than_asked",
"over_budget", "refusal_required"."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import Role, User
from tsunagaru.accounts.permissions import has_role
from tsunagaru.audit.services import audit_record, snapshot
from tsunagaru.grants import selectors
from tsunagaru.grants.models import Application, Conflict, Refusal, Score
from tsunagaru.grants.services.common import (
    locked,
    locked_programme,
    move,
    require_staff,
    tell_group,
)


def _require_reviewer(by: User) -> None:
    if not has_role(by, Role.REVIEWER):
        raise ValidationError(_("Only the review committee scores."), code="not_reviewer")


def application_return(*, application: Application, reason: str, by: User) -> Application:
    """Staff return a sent application for correction, saying what to correct (once or more).

    Raises ValidationError: "not_staff", "invalid_transition", "reason_required".
    """
    require_staff(by)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say what the group should correct."), code="reason_required")
    with transaction.atomic():
        application = locked(application)
        before = snapshot(application, ("state",))
        move(application, Application.State.RETURNED)
        application.return_reason = reason
        application.save(update_fields=["state", "return_reason", "updated_at"])
        audit_record(
            actor=by,
            action="grant_application.return",
            target=application,
            before=before,
            after=snapshot(application, ("state", "return_reason")),
        )
        tell_group(
            application,
            _("The city asks you to correct your application: %(reason)s") % {"reason": reason},
        )
    return application


def application_accept(*, application: Application, by: User) -> Application:
    """Staff find a sent application complete and pass it to the review committee.

    Raises ValidationError: "not_staff", "invalid_transition".
    """
    require_staff(by)
    with transaction.atomic():
        application = locked(application)
        before = snapshot(application, ("state",))
        move(application, Application.State.IN_REVIEW)
        application.save(update_fields=["state", "updated_at"])
        audit_record(
            actor=by,
            action="grant_application.accept",
            target=application,
            before=before,
            after=snapshot(application, ("state",)),
        )
    return application


def conflict_declare(*, application: Application, reason: str, by: User) -> Conflict:
    """A reviewer declares a conflict of interest and takes no part in this application.

    Raises ValidationError: "not_reviewer", "reason_required", "already_scored".
    """
    _require_reviewer(by)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why, in a few words."), code="reason_required")
    with transaction.atomic():
        if application.scores.filter(reviewer=by).exists():
            raise ValidationError(
                _("You have already scored this application."), code="already_scored"
            )
        conflict, _created = Conflict.objects.get_or_create(
            application=application, reviewer=by, defaults={"reason": reason[:200]}
        )
        audit_record(
            actor=by,
            action="grant_application.conflict",
            target=application,
            after={"reason": reason},
        )
    return conflict


def score_submit(
    *, application: Application, points: Mapping[int, int], comment: str, by: User
) -> Score:
    """A reviewer's scores, one per criterion of the rubric, within each criterion's points.
    Kept sealed until the whole committee has scored; given once.

    Raises ValidationError: "not_reviewer", "invalid_transition" (not being screened),
    "conflict", "already_scored", "criteria_missing", "points_out_of_range".
    """
    _require_reviewer(by)
    with transaction.atomic():
        application = locked(application)
        if application.state != Application.State.IN_REVIEW:
            raise ValidationError(
                _("This application is not being screened."), code="invalid_transition"
            )
        if selectors.is_excluded(by, application):
            raise ValidationError(
                _("You take no part in screening this application (conflict of interest)."),
                code="conflict",
            )
        if application.scores.filter(reviewer=by).exists():
            raise ValidationError(
                _("You have already scored this application."), code="already_scored"
            )
        criteria = list(application.programme.criteria.all())
        if {c.pk for c in criteria} - set(points):
            raise ValidationError(_("Score every criterion."), code="criteria_missing")
        for criterion in criteria:
            if not 0 <= points[criterion.pk] <= criterion.points:
                raise ValidationError(
                    _("%(criterion)s is scored from 0 to %(points)s.")
                    % {"criterion": criterion.name, "points": criterion.points},
                    code="points_out_of_range",
                )
        score = Score.objects.create(
            application=application,
            reviewer=by,
            points={str(c.pk): points[c.pk] for c in criteria},
            total=sum(points[c.pk] for c in criteria),
            comment=comment.strip(),
        )
        # Who scored is recorded, not the points: the audit log is read by staff, and the
        # scores stay sealed until the committee has finished.
        audit_record(actor=by, action="grant_application.score", target=application)
    return score


def application_decide(
    *,
    application: Application,
    adopted: bool,
    amount: int | None = None,
    conditions: str = "",
    refusal: str = "",
    note: str = "",
    by: User,
) -> Application:
    """Staff decide: adopt for `amount` (at most what was asked; less is allowed, with the
    reason in `note`) with conditions, committing it against the year's budget in the same
    transaction; or not adopt, with the reason (a Refusal, counted in the public results).
    The group is told.

    Raises ValidationError: "not_staff", "invalid_transition", "scoring_incomplete",
    "amount_required", "more_than_asked", "over_budget", "refusal_required".
    """
    require_staff(by)
    with transaction.atomic():
        application = locked(application)
        before = snapshot(application, ("state", "decided_amount"))
        move(application, Application.State.ADOPTED if adopted else Application.State.NOT_ADOPTED)
        if application.programme.criteria.exists() and not selectors.committee(application):
            raise ValidationError(
                _("No reviewer can screen this application: the committee needs reviewers."),
                code="no_committee",
            )
        if application.programme.criteria.exists() and not selectors.all_scored(application):
            raise ValidationError(
                _("The review committee has not finished scoring."), code="scoring_incomplete"
            )
        if adopted:
            _commit(application, amount)
            application.conditions = conditions.strip()
            application.report_due = selectors.report_due_of(application)
        else:
            if refusal not in Refusal.values:
                raise ValidationError(
                    {"refusal": ValidationError(_("Choose the reason."), code="refusal_required")}
                )
            application.refusal = refusal
        application.decision_note = note.strip()
        application.decided_at = timezone.now()
        application.decided_by = by
        application.save()
        audit_record(
            actor=by,
            action="grant_application.decide",
            target=application,
            before=before,
            after=snapshot(
                application, ("state", "decided_amount", "conditions", "refusal", "decision_note")
            ),
        )
        tell_group(application, _decision_message(application))
    return application


def _commit(application: Application, amount: int | None) -> None:
    """Add the amount to the year's committed budget under the programme's row lock."""
    if not amount or amount < 1:
        raise ValidationError(
            {"amount": ValidationError(_("Give the amount decided."), code="amount_required")}
        )
    if application.requested is not None and amount > application.requested:
        raise ValidationError(
            {
                "amount": ValidationError(
                    _("The amount decided cannot be more than the ¥%(asked)s asked.")
                    % {"asked": f"{application.requested:,}"},
                    code="more_than_asked",
                )
            }
        )
    programme = locked_programme(application.programme_id)
    if programme.committed + amount > programme.budget:
        raise ValidationError(
            {
                "amount": ValidationError(
                    _("Only ¥%(left)s of this year's budget is left.")
                    % {"left": f"{programme.budget - programme.committed:,}"},
                    code="over_budget",
                )
            }
        )
    programme.committed += amount
    programme.save(update_fields=["committed", "updated_at"])
    application.decided_amount = amount


def _decision_message(application: Application) -> str:
    if application.state == Application.State.ADOPTED:
        return _(
            "Your application is adopted: ¥%(amount)s. The notice of the decision is on the site."
        ) % {"amount": f"{application.decided_amount:,}"}
    return _("Your application is not adopted this time. The reason is on the site.")
