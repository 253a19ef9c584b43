"""After the decision: change requests (変更承認申請), progress notes, the results report
(実績報告) with a receipt for each cost and photos, and the confirmed amount (額の確定).

- Only an adopted project changes, reports progress or writes its results report; members of
  the group write, its representative or contact person sends a change request or the report.
- A change request waits for the city, one at a time. An approved schedule change moves the
  project's dates and the report's due date; an approved budget change never raises the grant
  and lowers it when the rules give less for the new eligible costs — the difference goes back
  to the year's budget in the same transaction, under the programme's row lock.
- The report is sent complete (what was done, participants, at least one cost with its receipt,
  at least one photo). Staff return it saying what to correct, or confirm the amount: the lower
  of the amount decided and the programme's rate × the eligible costs actually spent, rounded
  and capped (grants.amounts.confirmed); what is no longer needed goes back to the budget.

Like an application's draft, the report's text is not audited as it is written; every cost,
photo, sending, return and confirmation is.

Errors are ValidationErrors with stable codes: "not_member", "not_speaker", "not_staff",
"not_adopted", "invalid_transition", "change_pending", "dates_required", "dates_order",
"eligible_required", "already_decided", "answer_required", "category_elsewhere",
"too_many_costs", "too_many_photos", "alt_required", "report_incomplete", "reason_required"
and the upload checks' codes (file_too_large, invalid_document, name_mismatch, …)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record, snapshot
from tsunagaru.core import images
from tsunagaru.core.lists import join_list
from tsunagaru.core.pictures import delete_on_commit, stored_files
from tsunagaru.core.uploads import PHOTO_MAX_BYTES, validate_document, validate_image
from tsunagaru.grants import amounts, selectors
from tsunagaru.grants.models import (
    ActualCost,
    Application,
    ChangeRequest,
    CostCategory,
    ProgressNote,
    ResultPhoto,
    ResultsReport,
)
from tsunagaru.grants.services.applications import require_member
from tsunagaru.grants.services.common import (
    locked,
    locked_programme,
    move,
    require_speaker,
    require_staff,
    tell_group,
)

MAX_COSTS = 100
MAX_PHOTOS = 10


def _require_adopted(application: Application) -> None:
    if application.state != Application.State.ADOPTED:
        raise ValidationError(
            _("Only an adopted project that has not sent its results report can do this."),
            code="not_adopted",
        )


# Change requests -------------------------------------------------------------------------------


def change_request(*, application: Application, data: Mapping[str, Any], by: User) -> ChangeRequest:
    """The group asks the city to change its adopted project: `data` holds kind, details,
    reason, and for a schedule change new_starts_on and new_ends_on, for a budget change
    new_eligible (the eligible costs it will now spend)."""
    require_speaker(application, by)
    kind = data["kind"]
    fields: dict[str, Any] = {
        "kind": kind,
        "details": str(data.get("details", "")).strip(),
        "reason": str(data.get("reason", "")).strip(),
    }
    if not fields["reason"] or not fields["details"]:
        raise ValidationError(_("Say what changes and why."), code="reason_required")
    if kind == ChangeRequest.Kind.SCHEDULE:
        starts, ends = data.get("new_starts_on"), data.get("new_ends_on")
        if not starts or not ends:
            raise ValidationError(
                {"new_ends_on": ValidationError(_("Give the new dates."), code="dates_required")}
            )
        if ends < starts:
            raise ValidationError(
                {
                    "new_ends_on": ValidationError(
                        _("The end cannot come before the start."), code="dates_order"
                    )
                }
            )
        fields.update(new_starts_on=starts, new_ends_on=ends)
    elif kind == ChangeRequest.Kind.BUDGET:
        if data.get("new_eligible") is None:
            raise ValidationError(
                {
                    "new_eligible": ValidationError(
                        _("Give the eligible costs after the change."), code="eligible_required"
                    )
                }
            )
        fields["new_eligible"] = data["new_eligible"]
    with transaction.atomic():
        application = locked(application)
        _require_adopted(application)
        if selectors.pending_change(application) is not None:
            raise ValidationError(
                _("A change request is already waiting for the city's answer."),
                code="change_pending",
            )
        change = ChangeRequest(application=application, requested_by=by, **fields)
        change.full_clean()
        change.save()
        audit_record(
            actor=by,
            action="grant_change.request",
            target=application,
            after={"kind": kind, "details": fields["details"], "reason": fields["reason"]},
        )
    return change


def change_decide(
    *, change: ChangeRequest, approve: bool, answer: str = "", by: User
) -> ChangeRequest:
    """Staff approve or refuse a change request (a refusal says why). Approving a schedule
    change moves the dates and the report's due date; a budget change lowers the grant when
    the rules give less (never raises it), and frees the difference in the year's budget."""
    require_staff(by)
    answer = answer.strip()
    if not approve and not answer:
        raise ValidationError(
            {"answer": ValidationError(_("Say why it is not approved."), code="answer_required")}
        )
    with transaction.atomic():
        application = locked(change.application)
        change = ChangeRequest.objects.select_for_update().get(pk=change.pk)
        if change.state != ChangeRequest.State.PENDING:
            raise ValidationError(
                _("This request has already been answered."), code="already_decided"
            )
        _require_adopted(application)
        before = snapshot(application, ("starts_on", "ends_on", "decided_amount", "report_due"))
        if approve:
            _apply_change(application, change)
        change.state = ChangeRequest.State.APPROVED if approve else ChangeRequest.State.REFUSED
        change.answer = answer
        change.decided_by = by
        change.decided_at = timezone.now()
        change.save()
        audit_record(
            actor=by,
            action="grant_change.decide",
            target=application,
            before=before,
            after={
                "state": change.state,
                "answer": answer,
                **snapshot(application, ("starts_on", "ends_on", "decided_amount", "report_due")),
            },
        )
        tell_group(
            application,
            _("Your change request is approved.")
            if approve
            else _("Your change request is not approved: %(answer)s") % {"answer": answer},
        )
    return change


def _apply_change(application: Application, change: ChangeRequest) -> None:
    if change.kind == ChangeRequest.Kind.SCHEDULE:
        application.starts_on = change.new_starts_on
        application.ends_on = change.new_ends_on
        application.report_due = selectors.report_due_of(application)
    elif change.kind == ChangeRequest.Kind.BUDGET and change.new_eligible is not None:
        decided = application.decided_amount or 0
        lower = amounts.confirmed(decided, change.new_eligible, selectors.rule_of(application))
        if lower < decided:
            programme = locked_programme(application.programme_id)
            programme.committed -= decided - lower
            programme.save(update_fields=["committed", "updated_at"])
            application.decided_amount = lower
    application.save()


# Progress --------------------------------------------------------------------------------------


def progress_add(*, application: Application, text: str, by: User) -> ProgressNote:
    """A member writes how the adopted project is going (the city reads it)."""
    require_member(application.organisation, by)
    text = text.strip()
    if not text:
        raise ValidationError({"text": ValidationError(_("Write a few words."), code="required")})
    with transaction.atomic():
        application = locked(application)
        _require_adopted(application)
        note = ProgressNote.objects.create(application=application, text=text, written_by=by)
        audit_record(actor=by, action="grant_progress.add", target=application)
    return note


# The results report ----------------------------------------------------------------------------


def _report_for(application: Application) -> ResultsReport:
    report, _created = ResultsReport.objects.get_or_create(application=application)
    return report


def report_save(*, application: Application, data: Mapping[str, Any], by: User) -> ResultsReport:
    """Save the report's text (done, participants, outcome, other_income) as it is written."""
    require_member(application.organisation, by)
    with transaction.atomic():
        application = locked(application)
        _require_adopted(application)
        report = _report_for(application)
        for name in ("done", "participants", "outcome", "other_income"):
            if name in data:
                value = data[name]
                setattr(report, name, value.strip() if isinstance(value, str) else value)
        if report.other_income is None:
            report.other_income = 0
        report.full_clean()
        report.save()
    return report


def cost_add(
    *,
    application: Application,
    category: CostCategory,
    description: str,
    amount: int,
    receipt: UploadedFile,
    by: User,
) -> ActualCost:
    """A cost actually spent, kept only with its receipt once the server has checked what the
    file really is."""
    require_member(application.organisation, by)
    if category.programme_id != application.programme_id:
        raise ValidationError(
            {
                "category": ValidationError(
                    _("Choose a category of this grant."), code="category_elsewhere"
                )
            }
        )
    content_type = validate_document(receipt)
    with transaction.atomic():
        application = locked(application)
        _require_adopted(application)
        report = _report_for(application)
        if report.costs.count() >= MAX_COSTS:
            raise ValidationError(
                _("A report has at most %(count)s costs.") % {"count": MAX_COSTS},
                code="too_many_costs",
            )
        cost = ActualCost(
            report=report,
            category=category,
            description=description.strip(),
            amount=amount,
            receipt=receipt,
            receipt_name=(receipt.name or "").replace("\\", "/").rsplit("/", 1)[-1][:200],
            receipt_size=receipt.size or 0,
            receipt_type=content_type,
        )
        cost.full_clean(exclude=["receipt"])
        cost.save()
        audit_record(
            actor=by,
            action="grant_report.cost_add",
            target=application,
            after={"cost": cost.description, "amount": amount, "receipt": cost.receipt_name},
        )
    return cost


def cost_remove(*, cost: ActualCost, by: User) -> None:
    application = cost.report.application
    require_member(application.organisation, by)
    with transaction.atomic():
        application = locked(application)
        _require_adopted(application)
        stored = cost.receipt
        ActualCost.objects.filter(pk=cost.pk).delete()
        audit_record(
            actor=by,
            action="grant_report.cost_remove",
            target=application,
            before={"cost": cost.description, "amount": cost.amount},
        )
        transaction.on_commit(lambda: stored.delete(save=False))


def photo_add(
    *, application: Application, image: UploadedFile, alt_text: str, by: User
) -> ResultPhoto:
    """A photo of the project: a real picture, kept only as a copy without its metadata (a
    phone's photo carries where it was taken)."""
    require_member(application.organisation, by)
    alt_text = alt_text.strip()
    if not alt_text:
        raise ValidationError(
            {
                "alt_text": ValidationError(
                    _("Describe what the photo shows, for people who cannot see it."),
                    code="alt_required",
                )
            }
        )
    validate_image(image, max_bytes=PHOTO_MAX_BYTES)
    display, thumbnail = images.copies(image, images.DISPLAY_LONG_SIDE, images.THUMBNAIL_LONG_SIDE)
    with transaction.atomic():
        application = locked(application)
        _require_adopted(application)
        report = _report_for(application)
        if report.photos.count() >= MAX_PHOTOS:
            raise ValidationError(
                _("A report has at most %(count)s photos.") % {"count": MAX_PHOTOS},
                code="too_many_photos",
            )
        photo = ResultPhoto.objects.create(
            report=report, alt_text=alt_text[:300], **images.picture_fields(display, thumbnail)
        )
        audit_record(
            actor=by, action="grant_report.photo_add", target=application, after={"photo": alt_text}
        )
    return photo


def photo_remove(*, photo: ResultPhoto, by: User) -> None:
    application = photo.report.application
    require_member(application.organisation, by)
    with transaction.atomic():
        application = locked(application)
        _require_adopted(application)
        files = stored_files(photo)
        ResultPhoto.objects.filter(pk=photo.pk).delete()
        audit_record(
            actor=by,
            action="grant_report.photo_remove",
            target=application,
            before={"photo": photo.alt_text},
        )
        delete_on_commit(files)


def report_submit(*, application: Application, by: User) -> ResultsReport:
    """The representative or contact person sends the complete report to the city."""
    require_speaker(application, by)
    with transaction.atomic():
        application = locked(application)
        report = selectors.report_of(application)
        missing = selectors.report_missing(report)
        if missing or report is None:
            raise ValidationError(
                _("The report still needs: %(missing)s.") % {"missing": join_list(missing)},
                code="report_incomplete",
            )
        before = snapshot(application, ("state",))
        move(application, Application.State.REPORTED)
        application.save(update_fields=["state", "updated_at"])
        report.submitted_at = timezone.now()
        report.return_reason = ""
        report.save(update_fields=["submitted_at", "return_reason", "updated_at"])
        actuals = selectors.actuals_of(application, report)
        audit_record(
            actor=by,
            action="grant_report.submit",
            target=application,
            before=before,
            after={
                "state": application.state,
                "expenses": actuals.expenses,
                "eligible": actuals.eligible,
            },
        )
    return report


def report_return(*, application: Application, reason: str, by: User) -> ResultsReport:
    """Staff return the results report, saying what to correct."""
    require_staff(by)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("Say what the group should correct."), code="reason_required"
                )
            }
        )
    with transaction.atomic():
        application = locked(application)
        before = snapshot(application, ("state",))
        move(application, Application.State.ADOPTED)
        application.save(update_fields=["state", "updated_at"])
        report = _report_for(application)
        report.return_reason = reason
        report.save(update_fields=["return_reason", "updated_at"])
        audit_record(
            actor=by,
            action="grant_report.return",
            target=application,
            before=before,
            after={"state": application.state, "reason": reason},
        )
        tell_group(
            application,
            _("The city asks you to correct your results report: %(reason)s") % {"reason": reason},
        )
    return report


def report_confirm(*, application: Application, by: User) -> Application:
    """Staff confirm the amount from the report: the lower of the amount decided and the rules
    applied to the eligible costs actually spent. What is no longer needed goes back to the
    year's budget; an application already paid exactly that much is settled."""
    require_staff(by)
    with transaction.atomic():
        application = locked(application)
        before = snapshot(application, ("state", "decided_amount"))
        move(application, Application.State.CONFIRMED)
        report = _report_for(application)
        actuals = selectors.actuals_of(application, report)
        decided = application.decided_amount or 0
        if actuals.confirmed < decided:
            programme = locked_programme(application.programme_id)
            programme.committed -= decided - actuals.confirmed
            programme.save(update_fields=["committed", "updated_at"])
        application.confirmed_amount = actuals.confirmed
        application.confirmed_at = timezone.now()
        if application.paid_amount == actuals.confirmed and actuals.confirmed > 0:
            move(application, Application.State.PAID)
        application.save()
        audit_record(
            actor=by,
            action="grant_report.confirm",
            target=application,
            before=before,
            after={
                "state": application.state,
                "confirmed_amount": actuals.confirmed,
                "eligible": actuals.eligible,
            },
        )
        tell_group(
            application,
            _("The amount of your grant is confirmed: ¥%(amount)s.")
            % {"amount": f"{actuals.confirmed:,}"},
        )
    return application
