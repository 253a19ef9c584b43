"""Every write of a community plan (地区コミュニティ計画). The guideline's rules live here:
the plan belongs to its 地区振興会 — only its members draft it, only its representative adopts
it, with the date of the general meeting (総会) that decided — and a plan's period holds its
actions' and indicators' years. Each change is audited with the plan as its target.

Errors are ValidationErrors with stable codes: "not_member", "not_representative",
"not_district_association", "no_district", "year_out_of_range", "period_order",
"period_too_long", "period_overlaps", "action_outside_period", "indicator_outside_period",
"years_order", "goal_elsewhere", "link_elsewhere", "progress_outside_years",
"action_has_progress", "no_vision", "no_goal", "no_action", "meeting_in_future",
"meeting_before_last", "changes_required", "nothing_changed", "action_not_adopted",
"year_outside_action", "year_not_started"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record, snapshot
from tsunagaru.community import plan_selectors as selectors
from tsunagaru.community.plan_models import (
    FIRST_YEAR,
    LAST_YEAR,
    ActionProgress,
    CommunityPlan,
    PlanAction,
    PlanGoal,
    PlanIndicator,
    PlanIssue,
    PlanVersion,
)
from tsunagaru.core.dates import fiscal_year
from tsunagaru.partners.models import Membership, Organisation
from tsunagaru.partners.permissions import role_in

LONGEST_PERIOD = 10  # years; the guideline's plans run five
PLAN_FIELDS = ("title", "first_year", "last_year", "vision")
ACTION_FIELDS = (
    "goal",
    "title",
    "first_year",
    "last_year",
    "lead",
    "partners",
    "city_role",
    "cost",
    "proposal",
    "event",
    "need",
)
INDICATOR_FIELDS = ("name", "unit", "baseline", "target", "target_year")


def require_member(organisation: Organisation, by: User) -> None:
    if role_in(by, organisation) is None:
        raise ValidationError(
            _("Only members of the association can write its plan."), code="not_member"
        )


def _changed(plan: CommunityPlan) -> None:
    if not plan.has_changes:
        plan.has_changes = True
        plan.save(update_fields=["has_changes", "updated_at"])


def plan_create(*, organisation: Organisation, data: Mapping[str, Any], by: User) -> CommunityPlan:
    """Begin a plan of a 地区振興会 for a period. The caller must be a member.

    Raises ValidationError: "not_member", "not_district_association", "no_district", the
    period's codes (see _check_period) and field errors.
    """
    require_member(organisation, by)
    if not selectors.is_district_association(organisation):
        raise ValidationError(
            _("Community plans are made by district associations (地区振興会)."),
            code="not_district_association",
        )
    if organisation.district_id is None:
        raise ValidationError(
            _("Give the association's district in its profile first."), code="no_district"
        )
    plan = CommunityPlan(
        organisation=organisation, district_id=organisation.district_id, created_by=by
    )
    with transaction.atomic():
        _set_plan_fields(plan, data)
        plan.save()
        audit_record(actor=by, action="plan.create", target=plan, after=snapshot(plan, PLAN_FIELDS))
    return plan


def plan_update(*, plan: CommunityPlan, data: Mapping[str, Any], by: User) -> CommunityPlan:
    """Change the plan's title, period or vision. The caller must be a member.

    Raises ValidationError as plan_create, and "action_outside_period" or
    "indicator_outside_period" when the new period would leave out an action's or a target's
    year.
    """
    require_member(plan.organisation, by)
    with transaction.atomic():
        plan = CommunityPlan.objects.select_for_update().get(pk=plan.pk)
        before = snapshot(plan, PLAN_FIELDS)
        _set_plan_fields(plan, data)
        outside = Q(first_year__lt=plan.first_year) | Q(last_year__gt=plan.last_year)
        if plan.actions.filter(outside).exists():
            raise ValidationError({"first_year": _period_error("action_outside_period")})
        if (
            PlanIndicator.objects.filter(goal__plan=plan)
            .exclude(target_year__range=(plan.first_year, plan.last_year))
            .exists()
        ):
            raise ValidationError({"first_year": _period_error("indicator_outside_period")})
        plan.has_changes = True
        plan.save()
        audit_record(
            actor=by,
            action="plan.update",
            target=plan,
            before=before,
            after=snapshot(plan, PLAN_FIELDS),
        )
    return plan


def _period_error(code: str) -> ValidationError:
    if code == "action_outside_period":
        message = _("An action of the plan falls outside this period: change its years first.")
    else:
        message = _("A target year of an indicator falls outside this period: change it first.")
    return ValidationError(message, code=code)


def _set_plan_fields(plan: CommunityPlan, data: Mapping[str, Any]) -> None:
    plan.title = (data.get("title") or "").strip()
    plan.vision = (data.get("vision") or "").strip()
    plan.first_year = data.get("first_year")  # type: ignore[assignment]
    plan.last_year = data.get("last_year")  # type: ignore[assignment]
    plan.full_clean(exclude=["first_year", "last_year"], validate_constraints=False)
    _check_period(plan)


def _check_period(plan: CommunityPlan) -> None:
    """Raises "year_out_of_range", "period_order", "period_too_long" or "period_overlaps"."""
    first, last = plan.first_year, plan.last_year
    for name, year in (("first_year", first), ("last_year", last)):
        if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValidationError(
                {name: ValidationError(_("Choose a year (年度)."), code="year_out_of_range")}
            )
    if last < first:
        raise ValidationError(
            {
                "last_year": ValidationError(
                    _("The last year comes before the first."), code="period_order"
                )
            }
        )
    if last - first + 1 > LONGEST_PERIOD:
        raise ValidationError(
            {
                "last_year": ValidationError(
                    _("A plan runs %(years)s years at most.") % {"years": LONGEST_PERIOD},
                    code="period_too_long",
                )
            }
        )
    others = CommunityPlan.objects.filter(
        organisation_id=plan.organisation_id, first_year__lte=last, last_year__gte=first
    ).exclude(pk=plan.pk)
    if others.exists():
        raise ValidationError(
            {
                "first_year": ValidationError(
                    _("The association already has a plan for some of these years."),
                    code="period_overlaps",
                )
            }
        )


def issue_add(*, plan: CommunityPlan, text: str, found_by: str, by: User) -> PlanIssue:
    """Add an issue of the district and how it was found. The caller must be a member."""
    require_member(plan.organisation, by)
    issue = PlanIssue(plan=plan, text=text.strip(), found_by=found_by)
    issue.full_clean()
    with transaction.atomic():
        issue.save()
        _changed(plan)
        audit_record(actor=by, action="plan.issue_add", target=plan, after={"issue": issue.text})
    return issue


def issue_remove(*, issue: PlanIssue, by: User) -> None:
    plan = issue.plan
    require_member(plan.organisation, by)
    with transaction.atomic():
        audit_record(
            actor=by, action="plan.issue_remove", target=plan, before={"issue": issue.text}
        )
        issue.delete()
        _changed(plan)


def goal_add(*, plan: CommunityPlan, text: str, by: User) -> PlanGoal:
    """Add a goal. The caller must be a member."""
    require_member(plan.organisation, by)
    goal = PlanGoal(plan=plan, text=text.strip())
    goal.full_clean()
    with transaction.atomic():
        goal.save()
        _changed(plan)
        audit_record(actor=by, action="plan.goal_add", target=plan, after={"goal": goal.text})
    return goal


def goal_remove(*, goal: PlanGoal, by: User) -> None:
    """Remove a goal with its indicators; its actions stay, under no goal."""
    plan = goal.plan
    require_member(plan.organisation, by)
    with transaction.atomic():
        audit_record(actor=by, action="plan.goal_remove", target=plan, before={"goal": goal.text})
        goal.delete()
        _changed(plan)


def indicator_add(*, goal: PlanGoal, data: Mapping[str, Any], by: User) -> PlanIndicator:
    """Add an indicator to a goal; its target year lies in the plan's period
    ("indicator_outside_period")."""
    plan = goal.plan
    require_member(plan.organisation, by)
    indicator = PlanIndicator(goal=goal)
    for name in INDICATOR_FIELDS:
        setattr(indicator, name, data.get(name))
    indicator.name, indicator.unit = indicator.name.strip(), indicator.unit.strip()
    indicator.full_clean()
    if not plan.contains(indicator.target_year):
        raise ValidationError({"target_year": _period_error("indicator_outside_period")})
    with transaction.atomic():
        indicator.save()
        _changed(plan)
        audit_record(
            actor=by,
            action="plan.indicator_add",
            target=indicator,
            after=snapshot(indicator, INDICATOR_FIELDS),
        )
    return indicator


def indicator_remove(*, indicator: PlanIndicator, by: User) -> None:
    plan = indicator.goal.plan
    require_member(plan.organisation, by)
    with transaction.atomic():
        audit_record(
            actor=by,
            action="plan.indicator_remove",
            target=indicator,
            before=snapshot(indicator, INDICATOR_FIELDS),
        )
        indicator.delete()
        _changed(plan)


def action_save(
    *, plan: CommunityPlan, data: Mapping[str, Any], action: PlanAction | None = None, by: User
) -> PlanAction:
    """Add an action to the plan, or change one of its actions. The caller must be a member.

    Raises ValidationError: "years_order", "action_outside_period", "goal_elsewhere",
    "link_elsewhere" (a proposal, event or need of another group), "progress_outside_years"
    (progress is recorded for a year the change would leave out) and field errors.
    """
    require_member(plan.organisation, by)
    with transaction.atomic():
        if action is None:
            action, before = PlanAction(plan=plan), None
        else:
            action = PlanAction.objects.select_for_update().get(pk=action.pk, plan=plan)
            before = snapshot(action, ACTION_FIELDS)
        for name in ACTION_FIELDS:
            value = data.get(name)
            setattr(action, name, value.strip() if isinstance(value, str) else value)
        action.full_clean(validate_constraints=False)
        _check_action(plan, action)
        action.save()
        _changed(plan)
        audit_record(
            actor=by,
            action="plan.action_add" if before is None else "plan.action_update",
            target=action,
            before=before,
            after=snapshot(action, ACTION_FIELDS),
        )
    return action


def _check_action(plan: CommunityPlan, action: PlanAction) -> None:
    if action.last_year < action.first_year:
        raise ValidationError(
            {
                "last_year": ValidationError(
                    _("The last year comes before the first."), code="years_order"
                )
            }
        )
    if not (plan.contains(action.first_year) and plan.contains(action.last_year)):
        raise ValidationError(
            {
                "first_year": ValidationError(
                    _("Choose years within the plan's period."), code="action_outside_period"
                )
            }
        )
    if action.goal is not None and action.goal.plan_id != plan.pk:
        raise ValidationError(
            {"goal": ValidationError(_("Choose a goal of this plan."), code="goal_elsewhere")}
        )
    for name in ("proposal", "event", "need"):
        linked = getattr(action, name)
        if linked is not None and not _belongs(linked, plan.organisation_id):
            raise ValidationError(
                {
                    name: ValidationError(
                        _("Choose one of the association's own."), code="link_elsewhere"
                    )
                }
            )
    if (
        action.pk
        and action.progress.exclude(year__range=(action.first_year, action.last_year)).exists()
    ):
        raise ValidationError(
            {
                "first_year": ValidationError(
                    _("Progress is recorded for a year these years leave out."),
                    code="progress_outside_years",
                )
            }
        )


def _belongs(linked: Any, organisation_id: int) -> bool:
    """A proposal the association made or takes part in, an event it (co-)organises, its need."""
    from tsunagaru.info.models import Event
    from tsunagaru.proposals.models import Proposal

    if isinstance(linked, Proposal):
        return (
            linked.proposer_id == organisation_id
            or linked.parties.filter(organisation_id=organisation_id).exists()
        )
    if isinstance(linked, Event):
        return (
            linked.organiser_id == organisation_id
            or linked.co_organisers.filter(pk=organisation_id).exists()
        )
    return bool(linked.organisation_id == organisation_id)


def action_remove(*, action: PlanAction, by: User) -> None:
    """Remove an action with no recorded progress ("action_has_progress": its history stays)."""
    plan = action.plan
    require_member(plan.organisation, by)
    if action.progress.exists():
        raise ValidationError(
            _("Progress is recorded for this action, so it stays in the plan's history."),
            code="action_has_progress",
        )
    with transaction.atomic():
        audit_record(
            actor=by, action="plan.action_remove", target=action, before={"title": action.title}
        )
        action.delete()
        _changed(plan)


def plan_adopt(
    *, plan: CommunityPlan, general_meeting_on: Any, changes: str = "", by: User
) -> PlanVersion:
    """The representative records that the general meeting (総会) adopted the plan as it
    stands: a new version keeps it, and the public page shows it.

    Raises ValidationError: "not_representative", "no_vision", "no_goal", "no_action",
    "meeting_in_future", "meeting_before_last", "changes_required" (a revision says what
    changed and why), "nothing_changed".
    """
    if role_in(by, plan.organisation) != Membership.Role.REPRESENTATIVE:
        raise ValidationError(
            _("Only the association's representative records the adoption."),
            code="not_representative",
        )
    with transaction.atomic():
        plan = CommunityPlan.objects.select_for_update().get(pk=plan.pk)
        last = selectors.latest_version(plan)
        content = selectors.content_of(plan)
        _check_adoptable(content, general_meeting_on, changes, last)
        version = PlanVersion.objects.create(
            plan=plan,
            number=last.number + 1 if last else 1,
            general_meeting_on=general_meeting_on,
            adopted_on=timezone.localdate(),
            adopted_by=by,
            changes=changes.strip(),
            snapshot=content,
        )
        plan.status = CommunityPlan.Status.REVISED if last else CommunityPlan.Status.ADOPTED
        plan.has_changes = False
        plan.save(update_fields=["status", "has_changes", "updated_at"])
        audit_record(
            actor=by,
            action="plan.adopt",
            target=plan,
            after={
                "version": version.number,
                "general_meeting_on": general_meeting_on,
                "changes": version.changes,
            },
        )
    return version


def _check_adoptable(
    content: dict[str, Any], meeting: Any, changes: str, last: PlanVersion | None
) -> None:
    if not content["vision"]:
        raise ValidationError(_("Write the vision for the district first."), code="no_vision")
    if not content["goals"]:
        raise ValidationError(_("Add at least one goal first."), code="no_goal")
    if not content["actions"]:
        raise ValidationError(_("Add at least one action first."), code="no_action")
    if meeting > timezone.localdate():
        raise ValidationError(
            {
                "general_meeting_on": ValidationError(
                    _("This day has not come yet."), code="meeting_in_future"
                )
            }
        )
    if last is None:
        return
    if meeting < last.general_meeting_on:
        raise ValidationError(
            {
                "general_meeting_on": ValidationError(
                    _("This is before the meeting that adopted the previous version."),
                    code="meeting_before_last",
                )
            }
        )
    if selectors.same_content(content, last.snapshot):
        raise ValidationError(
            _("Nothing has changed since the last adoption."), code="nothing_changed"
        )
    if not changes.strip():
        raise ValidationError(
            {"changes": ValidationError(_("Say what changed and why."), code="changes_required")}
        )


def progress_record(
    *, action: PlanAction, year: int, data: Mapping[str, Any], by: User
) -> ActionProgress:
    """Record how an adopted action went in one 年度 (a second record for the year replaces
    the first). The caller must be a member.

    Raises ValidationError: "action_not_adopted", "year_outside_action", "year_not_started"
    and field errors.
    """
    plan = action.plan
    require_member(plan.organisation, by)
    if action.pk not in selectors.adopted_action_ids(plan):
        raise ValidationError(
            _("Progress is recorded for actions of the adopted plan."), code="action_not_adopted"
        )
    if not action.first_year <= year <= action.last_year:
        raise ValidationError(
            {
                "year": ValidationError(
                    _("The action is not planned for this year."), code="year_outside_action"
                )
            }
        )
    if year > fiscal_year(timezone.localdate()):
        raise ValidationError(
            {"year": ValidationError(_("This year has not begun yet."), code="year_not_started")}
        )
    fields = ("result", "note", "figure")
    with transaction.atomic():
        progress = ActionProgress.objects.select_for_update().filter(
            action=action, year=year
        ).first() or ActionProgress(action=action, year=year, recorded_by=by)
        before = None if progress.pk is None else snapshot(progress, fields)
        progress.result = data.get("result")  # type: ignore[assignment]
        progress.note = (data.get("note") or "").strip()
        progress.figure = data.get("figure")
        progress.recorded_by = by
        progress.full_clean(validate_constraints=False)
        progress.save()
        audit_record(
            actor=by,
            action="plan.progress",
            target=progress,
            before=before,
            after={"year": year, **snapshot(progress, fields)},
        )
    return progress
