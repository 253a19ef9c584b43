"""After agreement: progress reports against the goals, reminders when one is due, the end of
the project, the mutual evaluation (原則6 相互評価) sealed until every party has submitted (or the
deadline passed), and the project turned into a draft case for the library."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record
from tsunagaru.cases import services as cases
from tsunagaru.cases.models import Case
from tsunagaru.core import images
from tsunagaru.core.dates import fiscal_year
from tsunagaru.core.templatetags.japanese_dates import wareki
from tsunagaru.core.uploads import PHOTO_MAX_BYTES, validate_image
from tsunagaru.guideline.models import Principle
from tsunagaru.proposals import permissions
from tsunagaru.proposals.models import (
    AgreementVersion,
    Evaluation,
    GoalValue,
    Party,
    PrincipleScore,
    ProgressReport,
    Proposal,
    ReportPhoto,
)
from tsunagaru.proposals.services._common import accepted_parties, move, tell_parties

EVALUATION_DAYS = 30


def report_add(
    *,
    proposal: Proposal,
    data: dict[str, Any],
    values: dict[int, Decimal],
    photos: Sequence[tuple[UploadedFile, str]] = (),
    by: User,
) -> ProgressReport:
    """A progress report by a member of any party: what happened, the goals' values so far
    (by goal key), photos each with a description."""
    if not permissions.can_report(by, proposal):
        raise PermissionDenied
    party = permissions.at_table(by, proposal)
    if party is None:  # can_report checked it; the type checker does not know
        raise PermissionDenied
    approved = proposal.agreement.approved
    keys = set(approved.goals.values_list("key", flat=True)) if approved else set()
    if set(values) - keys:
        raise ValidationError(_("A value is for a goal of another agreement."), code="goal")
    for _image, alt in photos:
        if not alt.strip():
            raise ValidationError(
                _("Describe what the photo shows, for people who cannot see it."),
                code="alt_required",
            )
    for image, _alt in photos:
        validate_image(image, max_bytes=PHOTO_MAX_BYTES)
    # Only copies without metadata are kept (core.images), made before the transaction.
    kept = [
        (images.copies(image, images.DISPLAY_LONG_SIDE, images.THUMBNAIL_LONG_SIDE), alt)
        for image, alt in photos
    ]
    with transaction.atomic():
        report = ProgressReport(proposal=proposal, party=party, author=by, **data)
        report.full_clean()
        report.save()
        GoalValue.objects.bulk_create(
            GoalValue(report=report, goal_key=key, value=value) for key, value in values.items()
        )
        for (display, thumbnail), alt in kept:
            ReportPhoto.objects.create(
                report=report, **images.picture_fields(display, thumbnail), alt_text=alt.strip()
            )
        audit_record(actor=by, action="report.add", target=proposal, after={"report": report.pk})
        tell_parties(
            proposal,
            _("%(group)s reported progress.") % {"group": party.organisation.name},
        )
    return report


def report_due_on(proposal: Proposal) -> datetime.date | None:
    """When the next progress report is due: the agreed interval after the last report (or
    after the start), never after the end of the project."""
    version = proposal.agreement.approved if hasattr(proposal, "agreement") else None
    if version is None:
        return None
    last = proposal.reports.order_by("-reported_on").values_list("reported_on", flat=True).first()
    return due_after(version, last)


def due_after(version: AgreementVersion, last_report: datetime.date | None) -> datetime.date | None:
    """The next report date for an agreement in force, given the last report (if any)."""
    return next_report_due(
        version.starts_on, version.ends_on, version.report_every_months, last_report
    )


def next_report_due(
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    every_months: int,
    last_report: datetime.date | None,
) -> datetime.date | None:
    """The agreed interval after the last report (or the start), never after the end."""
    if starts_on is None:
        return None
    since = max(last_report, starts_on) if last_report else starts_on
    due = _add_months(since, every_months)
    return min(due, ends_on) if ends_on else due


def reports_remind(*, today: datetime.date | None = None) -> int:
    """Tell the parties of each agreed project whose report is due (a daily timer runs
    `manage.py remind_reports`). Returns the number of projects reminded."""
    today = today or timezone.localdate()
    count = 0
    agreed = (
        Proposal.objects.filter(status=Proposal.Status.AGREED)
        .select_related("agreement__approved")
        .annotate(last_report=Max("reports__reported_on"))
    )
    for proposal in agreed:
        version = proposal.agreement.approved
        due = due_after(version, proposal.last_report) if version else None
        if due is not None and due <= today:
            with transaction.atomic():
                tell_parties(
                    proposal,
                    _("A progress report is due (since %(date)s).") % {"date": wareki(due)},
                )
            count += 1
    return count


def proposal_finish(*, proposal: Proposal, by: User) -> Proposal:
    """The project has ended: each party now evaluates it, by the deadline."""
    if not permissions.can_finish(by, proposal):
        raise PermissionDenied
    deadline = timezone.localdate() + datetime.timedelta(days=EVALUATION_DAYS)
    with transaction.atomic():
        move(
            proposal,
            Proposal.Status.FINISHED,
            by=by,
            finished_at=timezone.now(),
            evaluation_deadline=deadline,
        )
        tell_parties(
            proposal,
            _("The project has ended. Please evaluate it by %(date)s.")
            % {"date": wareki(deadline)},
        )
    return proposal


def evaluation_submit(
    *,
    proposal: Proposal,
    party: Party,
    data: dict[str, Any],
    scores: dict[int, tuple[int, str]],
    by: User,
) -> Evaluation:
    """A party's evaluation: how far the goals were reached (1–5), each of the six
    principles (1–5, with a comment), what to improve, whether to continue. One per party,
    final once sent. The last party's evaluation opens them all (status evaluated)."""
    if not permissions.can_evaluate(by, party) or party.proposal_id != proposal.pk:
        raise PermissionDenied
    principles = list(Principle.objects.filter(retired_in__isnull=True))
    if {p.pk for p in principles} != set(scores):
        raise ValidationError(_("Score each of the six principles."), code="principles")
    if (
        any(not 1 <= s <= 5 for s, _c in scores.values())
        or not 1 <= int(data.get("goal_achievement", 0)) <= 5
    ):
        raise ValidationError(_("Scores go from 1 to 5."), code="score_range")
    try:
        with transaction.atomic():
            evaluation = Evaluation(proposal=proposal, party=party, submitted_by=by, **data)
            evaluation.full_clean(exclude=["proposal", "party", "submitted_by"])
            evaluation.save()
            PrincipleScore.objects.bulk_create(
                PrincipleScore(evaluation=evaluation, principle_id=pk, score=s, comment=c.strip())
                for pk, (s, c) in scores.items()
            )
            audit_record(
                actor=by,
                action="evaluation.submit",
                target=proposal,
                after={"party": party.organisation.name},
            )
            if _all_evaluated(proposal):
                _open_evaluations(proposal, by)
    except IntegrityError:
        raise ValidationError(
            _("Your group has already sent its evaluation."), code="already_evaluated"
        ) from None
    return evaluation


def evaluations_close_overdue(*, today: datetime.date | None = None) -> int:
    """Open the evaluations of projects whose deadline has passed without every party's
    (run daily with the reminders). Returns how many were opened."""
    today = today or timezone.localdate()
    count = 0
    for proposal in Proposal.objects.filter(
        status=Proposal.Status.FINISHED, evaluation_deadline__lt=today
    ):
        with transaction.atomic():
            _open_evaluations(proposal, None)
        count += 1
    return count


def evaluations_open(proposal: Proposal, today: datetime.date | None = None) -> bool:
    """Whether the parties' evaluations may be read side by side."""
    if proposal.status == Proposal.Status.EVALUATED:
        return True
    today = today or timezone.localdate()
    return bool(
        proposal.status == Proposal.Status.FINISHED
        and proposal.evaluation_deadline
        and proposal.evaluation_deadline < today
    )


def proposal_make_case(*, proposal: Proposal, by: User) -> Case:
    """One click: the evaluated project as a draft case for the library, written from what
    the agreement made public; the partners then confirm it as any case.

    Raises "case_exists" when another request made the case first (nothing is saved)."""
    if not permissions.can_make_case(by, proposal):
        raise PermissionDenied
    version = proposal.agreement.approved
    if version is None:  # an evaluated project always has one in force
        raise ValidationError(_("This project has no agreement in force."), code="no_agreement")
    tasks = list(version.tasks.select_related("responsible__organisation"))
    partners = [
        {
            "name": p.organisation.name,
            "role": "、".join(t.description for t in tasks if t.responsible_id == p.pk),
        }
        for p in accepted_parties(proposal)
    ]
    data = {
        "title": proposal.title,
        "summary": version.publication_text[:1000],
        "background": proposal.problem,
        "actions": proposal.idea,
        "roles": "\n".join(f"{t.description}: {t.responsible.organisation.name}" for t in tasks),
        "results": "\n".join(
            e.goal_comment for e in proposal.evaluations.all() if e.goal_comment.strip()
        ),
        "lessons": "\n".join(
            e.improvements for e in proposal.evaluations.all() if e.improvements.strip()
        ),
        "fiscal_year": fiscal_year(version.starts_on)
        if version.starts_on
        else proposal.fiscal_year,
        "forms": list(version.forms.all()),
        "domain": version.domain,
        "collaboration_type": version.collaboration_type,
    }
    with transaction.atomic():
        writer = proposal.proposer if permissions.is_member(by, proposal.proposer) else None
        case = cases.case_save(
            case=None, data=data, partners=partners, by=by, author_organisation=writer
        )
        # Check and set in the same transaction: of two quick clicks (both read "no case yet"),
        # only one UPDATE finds the proposal without a case; the other rolls its case back.
        # On PostgreSQL the second UPDATE waits for the first to commit, then re-reads the row.
        if not Proposal.objects.filter(pk=proposal.pk, case__isnull=True).update(case=case):
            raise ValidationError(
                _("A case has already been made from this project."), code="case_exists"
            )
        proposal.case = case
        audit_record(
            actor=by, action="proposal.make_case", target=proposal, after={"case": case.pk}
        )
    return case


def _all_evaluated(proposal: Proposal) -> bool:
    parties = {p.pk for p in accepted_parties(proposal)}
    done = set(proposal.evaluations.values_list("party_id", flat=True))
    return parties <= done


def _open_evaluations(proposal: Proposal, by: User | None) -> None:
    move(
        proposal,
        Proposal.Status.EVALUATED,
        by=by,  # type: ignore[arg-type]  # None: the deadline passed, nobody acted
        evaluations_published_at=timezone.now(),
    )
    tell_parties(proposal, _("Every evaluation can now be read side by side."))


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    # The last day of a shorter month (1月31日 + 1 month = 2月28日).
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError(day)
