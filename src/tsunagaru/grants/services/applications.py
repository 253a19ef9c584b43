"""Writing and submitting a grant application. The rules of 要綱 and of japan.md live here:
members of the group write it, its representative or contact person submits it, once a year per
programme (besides a course allowed on top), by the round's deadline, complete and with a
budget that adds up; a 自立チャレンジ carries out an action of the district's adopted plan.

Drafts are saved field by field as people type (autosave), so a draft's text is not audited
line by line: what the city receives is each submitted version, kept whole. Creating,
submitting, withdrawing and every file added or removed are audited.

Errors are ValidationErrors with stable codes: "not_member", "not_verified", "course_required",
"course_elsewhere", "not_district_association", "not_open", "second_this_year",
"proposal_elsewhere", "not_editable", "dates_order", "action_not_adopted",
"category_elsewhere", "category_required", "source_required", "too_many_lines",
"too_many_files", "cannot_submit", "not_confirmed", "incomplete", "after_deadline",
"not_registered", "not_combinable"."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record, snapshot
from tsunagaru.community import plan_selectors
from tsunagaru.community.plan_models import PlanAction
from tsunagaru.core.dates import format_wareki
from tsunagaru.core.uploads import validate_document
from tsunagaru.grants import selectors
from tsunagaru.grants.models import (
    Application,
    ApplicationVersion,
    Attachment,
    BudgetLine,
    Course,
    Programme,
)
from tsunagaru.grants.services.common import locked
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.permissions import SPEAKING_ROLES, role_in
from tsunagaru.proposals.models import Proposal
from tsunagaru.support import selectors as support_selectors

TEXT_FIELDS = (
    "title",
    "purpose",
    "activities",
    "schedule",
    "place",
    "beneficiaries",
    "partners",
    "roles",
    "goals",
)
FIELDS = (*TEXT_FIELDS, "starts_on", "ends_on", "asked", "plan_action")
MAX_LINES = 60
MAX_FILES = 20


def require_member(organisation: Organisation, by: User) -> None:
    if role_in(by, organisation) is None:
        raise ValidationError(
            _("Only members of the group can write its application."), code="not_member"
        )


def _require_editable(application: Application) -> None:
    if not application.is_editable:
        raise ValidationError(
            _("This application has been sent and can no longer be changed."), code="not_editable"
        )


def application_create(
    *,
    programme: Programme,
    organisation: Organisation,
    course: Course | None = None,
    proposal: Proposal | None = None,
    plan_action: PlanAction | None = None,
    by: User,
    today: datetime.date | None = None,
) -> Application:
    """Begin an application (a draft) of `organisation` under `programme`. From a proposal of
    the proposal table its text is carried over and the proposal keeps the link; from an
    action of the district's adopted community plan, the action and its text.

    Raises ValidationError: "not_member", "not_verified", "course_required",
    "course_elsewhere", "not_district_association", "not_open", "second_this_year",
    "proposal_elsewhere", "action_not_adopted".
    """
    today = today or selectors.today()
    require_member(organisation, by)
    if organisation.status != Organisation.Status.VERIFIED:
        raise ValidationError(
            _("The group must be verified by the city before it applies."), code="not_verified"
        )
    _check_course(programme, course)
    if (
        programme.needs_plan_action or "district_association" in programme.requirements
    ) and not plan_selectors.is_district_association(organisation):
        raise ValidationError(
            _("This grant is for district associations (地区振興会等)."),
            code="not_district_association",
        )
    if not selectors.is_open(programme, today):
        raise ValidationError(_not_open(programme, today), code="not_open")
    if (course is None or not course.besides_yearly) and selectors.yearly_application(
        organisation, programme
    ):
        raise _second_this_year()
    application = Application(
        programme=programme,
        course=course,
        round=selectors.open_round(programme, today),
        organisation=organisation,
        created_by=by,
    )
    if proposal is not None:
        _carry_over(application, proposal, organisation)
    if plan_action is not None:
        application.plan_action = plan_action
        _check_plan_action(application)
        application.title = application.title or plan_action.title
        application.partners = application.partners or plan_action.partners
    with transaction.atomic():
        application.save()
        audit_record(
            actor=by,
            action="grant_application.create",
            target=application,
            after=snapshot(
                application, ("programme", "course", "organisation", "proposal", "plan_action")
            ),
        )
    return application


def _check_course(programme: Programme, course: Course | None) -> None:
    if course is None and programme.courses.exists():
        raise ValidationError(_("Choose a course."), code="course_required")
    if course is not None and course.programme_id != programme.pk:
        raise ValidationError(_("This course is not one of the grant's."), code="course_elsewhere")


def _not_open(programme: Programme, today: datetime.date) -> str:
    upcoming = selectors.next_round(programme, today)
    if upcoming is None:
        return _("This grant is not taking applications now.")
    return _("This grant is not taking applications now; round %(number)s opens on %(date)s.") % {
        "number": upcoming.number,
        "date": format_wareki(upcoming.opens_on),
    }


def _second_this_year() -> ValidationError:
    return ValidationError(
        _("Your group has already applied to this grant this year (one application a year)."),
        code="second_this_year",
    )


def _carry_over(application: Application, proposal: Proposal, organisation: Organisation) -> None:
    parties = set(proposal.parties.values_list("organisation_id", flat=True))
    if proposal.proposer_id != organisation.pk and organisation.pk not in parties:
        raise ValidationError(
            _("The proposal is not one your group made or joined."), code="proposal_elsewhere"
        )
    application.proposal = proposal
    application.title = proposal.title
    application.purpose = proposal.problem
    application.activities = proposal.idea
    application.schedule = proposal.schedule
    partner_names = (
        proposal.parties.exclude(organisation=organisation)
        .select_related("organisation")
        .values_list("organisation__name", flat=True)
    )
    application.partners = "\n".join(partner_names) or proposal.wanted_partners
    application.roles = "\n".join(t for t in (proposal.brings, proposal.asks) if t)


def application_save(*, application: Application, data: Mapping[str, Any], by: User) -> Application:
    """Save the fields given in `data` (any of FIELDS; the autosave sends one at a time, the
    form all of them) to a draft or a returned application. The caller must be a member.

    Raises ValidationError: "not_member", "not_editable", "dates_order",
    "action_not_adopted" and field errors.
    """
    require_member(application.organisation, by)
    with transaction.atomic():
        application = locked(application)
        _require_editable(application)
        for name in FIELDS:
            if name in data:
                setattr(application, name, data[name])
        if (
            application.starts_on
            and application.ends_on
            and application.starts_on > application.ends_on
        ):
            raise ValidationError(
                {
                    "ends_on": ValidationError(
                        _("The end comes before the start."), code="dates_order"
                    )
                }
            )
        if "plan_action" in data and application.plan_action is not None:
            _check_plan_action(application)
        application.full_clean(
            exclude=["programme", "course", "round", "organisation", "created_by"]
        )
        application.save()
    return application


def _check_plan_action(application: Application) -> None:
    allowed = {a.pk for a in selectors.adopted_actions_for(application.organisation)}
    if application.plan_action_id not in allowed:
        raise ValidationError(
            {
                "plan_action": ValidationError(
                    _("Choose an action of your district's adopted community plan."),
                    code="action_not_adopted",
                )
            }
        )


def budget_line_add(*, application: Application, data: Mapping[str, Any], by: User) -> BudgetLine:
    """Add an expense (with its category) or an income (with its source) to the budget.

    Raises ValidationError: "not_member", "not_editable", "category_required",
    "category_elsewhere", "source_required", "too_many_lines" and field errors.
    """
    require_member(application.organisation, by)
    with transaction.atomic():
        application = locked(application)
        _require_editable(application)
        if application.budget_lines.count() >= MAX_LINES:
            raise ValidationError(
                _("A budget has at most %(count)s lines.") % {"count": MAX_LINES},
                code="too_many_lines",
            )
        line = BudgetLine(application=application, **_line_fields(application, data))
        line.full_clean()
        line.save()
    return line


def _line_fields(application: Application, data: Mapping[str, Any]) -> dict[str, Any]:
    side = data.get("side")
    fields: dict[str, Any] = {
        "side": side,
        "description": data.get("description", ""),
        "amount": data.get("amount"),
    }
    if side == BudgetLine.Side.EXPENSE:
        category = data.get("category")
        if category is None:
            raise ValidationError(
                {"category": ValidationError(_("Choose a category."), code="category_required")}
            )
        if category.programme_id != application.programme_id:
            raise ValidationError(
                {
                    "category": ValidationError(
                        _("Choose a category of this grant."), code="category_elsewhere"
                    )
                }
            )
        fields.update(category=category, source="")
    else:
        if not data.get("source"):
            raise ValidationError(
                {
                    "source": ValidationError(
                        _("Say where the money comes from."), code="source_required"
                    )
                }
            )
        fields.update(category=None, source=data["source"])
    return fields


def budget_line_remove(*, line: BudgetLine, by: User) -> None:
    """Remove a line of the budget. Raises "not_member", "not_editable"."""
    require_member(line.application.organisation, by)
    with transaction.atomic():
        application = locked(line.application)
        _require_editable(application)
        BudgetLine.objects.filter(pk=line.pk, application=application).delete()


def attachment_add(
    *, application: Application, kind: str, file: UploadedFile, by: User
) -> Attachment:
    """Keep a file sent with the application once its content is checked (core.uploads: what it
    really is, not its name). Raises "not_member", "not_editable", "too_many_files" and the
    upload's codes (file_too_large, invalid_document, name_mismatch, …)."""
    require_member(application.organisation, by)
    content_type = validate_document(file)
    with transaction.atomic():
        application = locked(application)
        _require_editable(application)
        if application.attachments.count() >= MAX_FILES:
            raise ValidationError(
                _("An application has at most %(count)s files.") % {"count": MAX_FILES},
                code="too_many_files",
            )
        attachment = Attachment(
            application=application,
            kind=kind,
            file=file,
            name=(file.name or "").replace("\\", "/").rsplit("/", 1)[-1][:200],
            size=file.size or 0,
            content_type=content_type,
            uploaded_by=by,
        )
        attachment.full_clean(exclude=["file"])
        attachment.save()
        audit_record(
            actor=by,
            action="grant_application.attach",
            target=application,
            after={"file": attachment.name, "size": attachment.size, "kind": kind},
        )
    return attachment


def attachment_remove(*, attachment: Attachment, by: User) -> None:
    """Remove a file (and its stored copy once the removal is saved)."""
    require_member(attachment.application.organisation, by)
    with transaction.atomic():
        application = locked(attachment.application)
        _require_editable(application)
        stored = attachment.file
        Attachment.objects.filter(pk=attachment.pk).delete()
        audit_record(
            actor=by,
            action="grant_application.detach",
            target=application,
            before={"file": attachment.name},
        )
        transaction.on_commit(lambda: stored.delete(save=False))


def application_submit(
    *,
    application: Application,
    confirmed: bool,
    by: User,
    today: datetime.date | None = None,
) -> ApplicationVersion:
    """Send the application to the city: its whole content is kept as a new version, the amount
    asked is worked out again here (grants.amounts), and the state becomes "submitted". The
    representative or the contact person confirms the group's statements.

    Raises ValidationError: "cannot_submit", "not_confirmed", "not_editable", "incomplete"
    (with the list of what is missing), "after_deadline", "second_this_year",
    "not_registered", "not_combinable", "action_not_adopted".
    """
    today = today or selectors.today()
    if role_in(by, application.organisation) not in SPEAKING_ROLES:
        raise ValidationError(
            _("The group's representative or contact person sends the application."),
            code="cannot_submit",
        )
    if not confirmed:
        raise ValidationError(
            _("Confirm that what the application says about the group is true."),
            code="not_confirmed",
        )
    with transaction.atomic():
        # The group's row first: two of its drafts sent at once cannot both be "the one".
        Organisation.objects.select_for_update().filter(pk=application.organisation_id).first()
        application = locked(application)
        _require_editable(application)
        totals = selectors.totals_of(application)
        missing = selectors.missing_items(application, totals)
        if missing:
            raise ValidationError(
                [ValidationError(str(m.message), code="incomplete") for m in missing]
            )
        _check_submission(application, today)
        number = application.versions.count() + 1
        version = ApplicationVersion.objects.create(
            application=application,
            number=number,
            snapshot=_snapshot(application, totals),
            requested=totals.grant,
            submitted_by=by,
        )
        before = snapshot(application, ("state",))
        application.first_time = not (
            Application.objects.filter(
                organisation=application.organisation, versions__isnull=False
            )
            .exclude(pk=application.pk)
            .exists()
        )
        application.state = Application.State.SUBMITTED
        application.requested = totals.grant
        application.submitted_at = timezone.now()
        application.save()
        audit_record(
            actor=by,
            action="grant_application.submit",
            target=application,
            before=before,
            after={**snapshot(application, ("state", "requested")), "version": number},
        )
    return version


def _check_submission(application: Application, today: datetime.date) -> None:
    programme = application.programme
    first = not application.versions.exists()
    # The deadline is for the first sending; a correction the city asked for comes later.
    if first and application.round is not None and today > application.round.deadline:
        raise ValidationError(
            _("The deadline of round %(number)s (%(date)s) has passed.")
            % {
                "number": application.round.number,
                "date": format_wareki(application.round.deadline),
            },
            code="after_deadline",
        )
    if first and application.round is None and not selectors.is_open(programme, today):
        raise ValidationError(_not_open(programme, today), code="after_deadline")
    course = application.course
    if (course is None or not course.besides_yearly) and selectors.yearly_application(
        application.organisation, programme, excluding=application.pk
    ):
        raise _second_this_year()
    if "registered" in programme.requirements and not support_selectors.is_registered(
        application.organisation, on=today
    ):
        raise ValidationError(
            _("The group must be registered with the citizen activity centre to apply."),
            code="not_registered",
        )
    if programme.needs_plan_action:
        _check_plan_action(application)
    if not programme.combinable and _funded_elsewhere(application):
        raise ValidationError(
            _("This project already has another grant, and this one cannot be combined."),
            code="not_combinable",
        )


def _funded_elsewhere(application: Application) -> bool:
    """The same project (its proposal or its plan action) applied for under another programme."""
    others = Application.objects.filter(state__in=selectors.COUNTED_STATES).exclude(
        programme=application.programme
    )
    if application.proposal_id and others.filter(proposal_id=application.proposal_id).exists():
        return True
    return bool(
        application.plan_action_id
        and others.filter(plan_action_id=application.plan_action_id).exists()
    )


def _snapshot(application: Application, totals: selectors.Totals) -> dict[str, Any]:
    """The application as sent: its text, budget and files, JSON-safe (what the 申請書 prints)."""
    lines = application.budget_lines.select_related("category").order_by("side", "pk")
    return {
        **{name: getattr(application, name) for name in TEXT_FIELDS},
        "starts_on": application.starts_on.isoformat() if application.starts_on else None,
        "ends_on": application.ends_on.isoformat() if application.ends_on else None,
        "plan_action": str(application.plan_action) if application.plan_action_id else "",
        "course": application.course.name if application.course else "",
        "organisation": application.organisation.name,
        "lines": [
            {
                "side": line.side,
                "category": line.category.name if line.category else "",
                "eligible": bool(line.category and line.category.eligible),
                "source": line.source,
                "description": line.description,
                "amount": line.amount,
            }
            for line in lines
        ],
        "totals": {
            "expenses": totals.expenses,
            "eligible": totals.eligible,
            "other_income": totals.other_income,
            "grant": totals.grant,
        },
        "files": [
            {"name": a.name, "size": a.size, "kind": a.kind} for a in application.attachments.all()
        ],
    }


def application_withdraw(*, application: Application, by: User) -> Application:
    """The group withdraws its application before a decision. Raises "cannot_submit",
    "not_editable" (already decided or withdrawn)."""
    if role_in(by, application.organisation) not in SPEAKING_ROLES:
        raise ValidationError(
            _("The group's representative or contact person withdraws the application."),
            code="cannot_submit",
        )
    with transaction.atomic():
        application = locked(application)
        if application.state not in (
            Application.State.DRAFT,
            Application.State.SUBMITTED,
            Application.State.RETURNED,
        ):
            raise ValidationError(
                _("This application can no longer be withdrawn."), code="not_editable"
            )
        before = snapshot(application, ("state",))
        application.state = Application.State.WITHDRAWN
        application.save(update_fields=["state", "updated_at"])
        audit_record(
            actor=by,
            action="grant_application.withdraw",
            target=application,
            before=before,
            after=snapshot(application, ("state",)),
        )
    return application
