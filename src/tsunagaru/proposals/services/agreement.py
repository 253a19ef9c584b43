"""The collaboration agreement (協働事業合意): the principles as checks, and all-party approval
of one version.

- An agreement cannot be approved while `agreement_problems` finds anything missing: purpose and
  a measurable goal (原則1 目的・目標の共有), a meeting every party attended or answered (原則2
  相互理解), a role table naming what citizens and the city each do (原則4 責任と役割分担), the
  form, domain, type, cost sharing and schedule, and what is published and what stays private
  (原則5 公開性・透明性).
- Every accepted party's representative approves the same version. A change after any approval
  is a new version: the approvals of the old one no longer count (原則3 対等な関係). Once all
  have approved, that version is in force and locked; an amendment is a new version that needs
  every approval again, and until then the approved one stays in force. So no party — the city
  included — changes what all agreed on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record
from tsunagaru.matching import services as matching
from tsunagaru.matching.models import Connection
from tsunagaru.proposals import permissions
from tsunagaru.proposals.models import (
    VERSION_FIELDS,
    Agreement,
    AgreementVersion,
    Approval,
    Goal,
    Party,
    Proposal,
    Task,
)
from tsunagaru.proposals.services._common import accepted_parties, move, tell_parties


def agreement_save(
    *,
    proposal: Proposal,
    data: dict[str, Any],
    goals: Sequence[dict[str, Any]],
    tasks: Sequence[dict[str, Any]],
    by: User,
    based_on: AgreementVersion | None = None,
) -> AgreementVersion:
    """Write the agreement's text: `data` (VERSION_FIELDS and "forms"), the goals
    (description, unit, target_value, due_on, key of the goal it amends) and the role table
    (description, responsible party, citizens_part, city_part).

    The current version is changed in place while nobody has approved it; otherwise (an
    approval, or the version in force) the text becomes a new version and every party must
    approve again. `based_on` is the version the writer saw: if another change came first,
    nothing is saved (code "stale_version")."""
    if not permissions.can_take_part(by, proposal):
        raise PermissionDenied
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(proposal=proposal)
        current = agreement.current
        if current is None:  # every agreement starts with version 1 (proposal_accept)
            raise ValidationError(_("This proposal has no agreement yet."), code="no_agreement")
        if based_on is not None and based_on.pk != current.pk:
            raise ValidationError(
                _("The agreement was changed while you were writing. Reload and check it."),
                code="stale_version",
            )
        _check_responsible(proposal, tasks)
        locked = current.pk == agreement.approved_id or current.approvals.exists()
        version = _new_version(agreement, current, by) if locked else current
        _set_text(version, data)
        _set_goals(version, goals)
        _set_tasks(version, tasks)
        if version.pk != current.pk:
            agreement.current = version
            agreement.save(update_fields=["current", "updated_at"])
        audit_record(
            actor=by,
            action="agreement.new_version" if locked else "agreement.update",
            target=proposal,
            before={"version": current.number},
            after={"version": version.number},
        )
        if locked:
            tell_parties(
                proposal,
                _("The agreement was changed (version %(number)s): every party approves again.")
                % {"number": version.number},
            )
    return version


def agreement_problems(version: AgreementVersion) -> list[ValidationError]:
    """What the version lacks before it can be approved, each with a stable code."""
    problems: list[ValidationError] = []
    for check in (_purpose_and_goals, _mutual_understanding, _roles, _form, _openness):
        problems += [ValidationError(message, code=code) for code, message in check(version)]
    return problems


def _purpose_and_goals(version: AgreementVersion) -> list[tuple[str, str]]:
    """原則1 目的・目標の共有: why, and how much by when."""
    found = []
    if not version.purpose.strip():
        found.append(("purpose", _("Write the purpose (目的).")))
    if not any(g.target_value is not None and g.due_on for g in version.goals.all()):
        found.append(("goal", _("Set at least one goal with a target value and a date.")))
    return found


def _mutual_understanding(version: AgreementVersion) -> list[tuple[str, str]]:
    """原則2 相互理解: every party answered its invitation, and a meeting every party attended
    or answered in writing."""
    proposal = version.agreement.proposal
    found = []
    if proposal.parties.filter(answer=Party.Answer.INVITED).exists():
        found.append(("pending_party", _("A party has not yet answered its invitation.")))
    if not _everyone_met(proposal, accepted_parties(proposal)):
        found.append(
            ("meeting", _("Record a meeting that every party attended or answered in writing."))
        )
    return found


def _roles(version: AgreementVersion) -> list[tuple[str, str]]:
    """原則4 責任と役割分担: every party has a task; what citizens and the city each do."""
    tasks = list(version.tasks.all())
    responsible = {t.responsible_id for t in tasks}
    parties = accepted_parties(version.agreement.proposal)
    found = []
    if not tasks or any(p.pk not in responsible for p in parties):
        found.append(("roles", _("In the role table, give every party at least one task.")))
    citizens = any(t.citizens_part.strip() for t in tasks)
    city = any(t.city_part.strip() for t in tasks)
    if not (citizens and city):
        found.append(
            (
                "roles_sides",
                _("Say in the role table what citizens can do and what the city can do."),
            )
        )
    return found


def _form(version: AgreementVersion) -> list[tuple[str, str]]:
    """The form of the collaboration, its domain and type, cost sharing and schedule."""
    found = []
    if not version.forms.exists():
        found.append(("form", _("Choose the form of collaboration.")))
    if version.domain_id is None or version.collaboration_type_id is None:
        found.append(("domain", _("Choose the domain (A–E) and the type.")))
    if not version.cost_sharing.strip():
        found.append(
            ("cost_sharing", _("Say how the costs are shared (also when there are none)."))
        )
    if version.starts_on is None or version.ends_on is None:
        found.append(("schedule", _("Set the start and end dates.")))
    elif version.ends_on < version.starts_on:
        found.append(("schedule", _("The end date is before the start date.")))
    return found


def _openness(version: AgreementVersion) -> list[tuple[str, str]]:
    """原則5 公開性・透明性: what is published, and what stays private, decided together."""
    found = []
    if not version.publication_text.strip():
        found.append(("publication", _("Write what will be published about the project.")))
    if not version.private_matters.strip():
        found.append(
            (
                "private",
                _("Say what stays private (write 'nothing' if everything may be published)."),
            )
        )
    return found


def agreement_approve(
    *, proposal: Proposal, version: AgreementVersion, party: Party, by: User
) -> AgreementVersion:
    """The party's representative approves `version`. It must be the current version (else
    code "stale_version": someone changed it meanwhile) and complete (the codes of
    agreement_problems). When every accepted party has approved it, it is in force: the
    project is agreed and its parties are recorded as connected."""
    if not permissions.can_approve(by, party) or party.proposal_id != proposal.pk:
        raise PermissionDenied
    with transaction.atomic():
        # The agreement row is the lock: an edit and an approval cannot interleave.
        agreement = Agreement.objects.select_for_update().get(proposal=proposal)
        if version.agreement_id != agreement.pk or agreement.current_id != version.pk:
            raise ValidationError(
                _("The agreement was changed before you approved it. Read the new version."),
                code="stale_version",
            )
        if agreement.approved_id == version.pk:
            raise ValidationError(_("This version is already in force."), code="in_force")
        problems = agreement_problems(version)
        if problems:
            raise ValidationError(problems)
        try:
            with transaction.atomic():
                Approval.objects.create(version=version, party=party, approved_by=by)
        except IntegrityError:
            raise ValidationError(
                _("Your group has already approved this version."), code="already_approved"
            ) from None
        audit_record(
            actor=by,
            action="agreement.approve",
            target=proposal,
            after={"version": version.number, "party": party.organisation.name},
        )
        parties = accepted_parties(proposal)
        approved = set(version.approvals.values_list("party_id", flat=True))
        if all(p.pk in approved for p in parties):
            _put_in_force(proposal, agreement, version, parties, by)
    return version


def goal_keys(version: AgreementVersion) -> dict[int, Goal]:
    return {g.key: g for g in version.goals.all()}


def _put_in_force(
    proposal: Proposal,
    agreement: Agreement,
    version: AgreementVersion,
    parties: list[Party],
    by: User,
) -> None:
    first = agreement.approved_id is None
    agreement.approved = version
    agreement.save(update_fields=["approved", "updated_at"])
    audit_record(
        actor=by, action="agreement.in_force", target=proposal, after={"version": version.number}
    )
    if first:
        move(proposal, Proposal.Status.AGREED, by=by)
        for i, one in enumerate(parties):
            for other in parties[i + 1 :]:
                matching.connection_record(
                    first=one.organisation,
                    second=other.organisation,
                    source=Connection.Source.PROPOSAL,
                    by=None,
                    by_agreement=True,
                    on=timezone.localdate(),
                    note=proposal.title,
                )
    tell_parties(
        proposal,
        _("Every party approved the agreement (version %(number)s): it is in force.")
        % {"number": version.number},
    )


def _new_version(agreement: Agreement, current: AgreementVersion, by: User) -> AgreementVersion:
    number = (agreement.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    copy = AgreementVersion.objects.create(
        agreement=agreement,
        number=number,
        created_by=by,
        **{name: getattr(current, name) for name in VERSION_FIELDS},
    )
    copy.forms.set(current.forms.all())
    for goal in current.goals.all():
        goal.pk = None
        goal.version = copy
        goal.save()
    for task in current.tasks.all():
        task.pk = None
        task.version = copy
        task.save()
    return copy


def _check_responsible(proposal: Proposal, tasks: Sequence[dict[str, Any]]) -> None:
    parties = set(
        proposal.parties.filter(answer=Party.Answer.ACCEPTED).values_list("pk", flat=True)
    )
    if any(row["responsible"].pk not in parties for row in tasks):
        raise ValidationError(_("Each task must name a party at the table."), code="not_a_party")


def _set_text(version: AgreementVersion, data: dict[str, Any]) -> None:
    for name in VERSION_FIELDS:
        if name in data:
            value = data[name]
            setattr(version, name, value.strip() if isinstance(value, str) else value)
    version.full_clean(exclude=["agreement", "created_by"])
    version.save()
    if "forms" in data:
        version.forms.set(data["forms"])


def _set_goals(version: AgreementVersion, goals: Sequence[dict[str, Any]]) -> None:
    """Replace the goals; a goal keeps its key (so reported values follow it) when the row
    names the key of the goal it amends."""
    used = {g.key for g in Goal.objects.filter(version__agreement=version.agreement)}
    next_key = max(used, default=0) + 1
    version.goals.all().delete()
    for order, row in enumerate(goals):
        key = row.get("key") or next_key
        if key == next_key:
            next_key += 1
        goal = Goal(
            version=version,
            description=row["description"].strip(),
            unit=row.get("unit", "").strip(),
            target_value=row.get("target_value"),
            due_on=row.get("due_on"),
            order=order,
            key=key,
        )
        goal.full_clean()
        goal.save()


def _set_tasks(version: AgreementVersion, tasks: Sequence[dict[str, Any]]) -> None:
    version.tasks.all().delete()
    for order, row in enumerate(tasks):
        task = Task(
            version=version,
            description=row["description"].strip(),
            responsible=row["responsible"],
            citizens_part=row.get("citizens_part", "").strip(),
            city_part=row.get("city_part", "").strip(),
            order=order,
        )
        task.full_clean()
        task.save()


def _everyone_met(proposal: Proposal, parties: list[Party]) -> bool:
    for meeting in proposal.meetings.prefetch_related("present", "replies"):
        took_part = {p.pk for p in meeting.present.all()} | {
            r.party_id for r in meeting.replies.all()
        }
        if all(p.pk in took_part for p in parties):
            return True
    return False
