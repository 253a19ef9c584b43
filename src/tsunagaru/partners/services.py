"""Every change to the partner registry goes through this module."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from tsunagaru.accounts.kana import kana_key
from tsunagaru.accounts.models import Role, User
from tsunagaru.accounts.permissions import has_role
from tsunagaru.audit.services import audit_record, audit_record_many, snapshot
from tsunagaru.core import images
from tsunagaru.core.inputs import require_single_line, validate_single_line
from tsunagaru.core.mail import mail_subject
from tsunagaru.matching import services as matching
from tsunagaru.notices.services import notice_send
from tsunagaru.partners import permissions
from tsunagaru.partners.models import (
    Invitation,
    Membership,
    Need,
    Offer,
    Organisation,
    VolunteerProfile,
)
from tsunagaru.partners.validators import normalise_corporate_number, validate_logo
from tsunagaru.search import services as search

PROFILE_FIELDS = (
    "kind",
    "parent",
    "name",
    "name_kana",
    "area",
    "district",
    "description",
    "corporate_number",
    "founded_year",
    "member_count",
    "website",
    "sns_links",
    "logo",
    "logo_alt",
    "contact_email",
    "show_contact_email",
    "postcode",
    "address_prefecture",
    "address_city",
    "address_town",
    "address_rest",
    "show_address",
    "resources_people",
    "resources_goods",
    "resources_money",
)
# What a coordinator checked when verifying a group: changing one of these sends a listed
# group back to review (a renamed group could pose as another, e.g. as a city department).
IDENTITY_FIELDS = ("name", "kind_id", "parent_id")
INVITATION_DAYS = 14
WRONG_ADDRESS = gettext_lazy(
    "This invitation was sent to another e-mail address. Sign in with the account of that "
    "address, or ask the group to invite yours."
)


def organisation_register(
    *, data: dict[str, Any], by: User, as_representative: bool = True
) -> Organisation:
    """Register a group. It waits for a coordinator's verification before it is listed.

    A person registering their own group becomes its representative (代表者) and a partner
    member; staff registering on a group's behalf pass as_representative=False.
    """
    organisation = Organisation(created_by=by, status=Organisation.Status.PENDING)
    fields = _assign(organisation, data)
    _guard_city_department(organisation, by=by, kind_before=None, parent_before=None)
    with transaction.atomic():
        _clean(organisation)
        organisation.save()
        if "activity_fields" in data:
            organisation.activity_fields.set(data["activity_fields"])
        if as_representative:
            Membership.objects.create(
                organisation=organisation, user=by, role=Membership.Role.REPRESENTATIVE
            )
            _make_partner_member(by)
        audit_record(
            actor=by,
            action="organisation.register",
            target=organisation,
            after={**snapshot(organisation, ("name", "status")), "fields": sorted(fields)},
        )
        reindex(organisation)
    return organisation


def organisation_update(
    *, organisation: Organisation, data: dict[str, Any], by: User
) -> Organisation:
    """Change a group's profile. Raises ValidationError for invalid values (nothing is saved).

    Only city staff make a group a city department (市の部署) or place it under one (code
    "city_department_staff_only"). A listed group whose name, kind or parent changes goes back
    to review, unless the support staff made the change; coordinators are told.
    """
    names = [f for f in PROFILE_FIELDS if f in data]
    # Compare with the stored row: a ModelForm has already changed `organisation` in memory.
    stored = Organisation.objects.get(pk=organisation.pk)
    before = snapshot(stored, names)
    before_fields = sorted(f.pk for f in stored.activity_fields.all())
    identity = [getattr(stored, f) for f in IDENTITY_FIELDS]
    _assign(organisation, data)
    _guard_city_department(organisation, by=by, kind_before=identity[1], parent_before=identity[2])
    with transaction.atomic():
        _clean(organisation)
        organisation.save()
        after_fields = before_fields
        if "activity_fields" in data:
            organisation.activity_fields.set(data["activity_fields"])
            after_fields = sorted(f.pk for f in data["activity_fields"])
        after = snapshot(organisation, names)
        changed = {k: v for k, v in after.items() if before.get(k) != v}
        if after_fields != before_fields:
            changed["activity_fields"] = after_fields
        if changed:
            audit_record(
                actor=by,
                action="organisation.update",
                target=organisation,
                before={k: {**before, "activity_fields": before_fields}[k] for k in changed},
                after=changed,
            )
        if identity != [getattr(organisation, f) for f in IDENTITY_FIELDS]:
            _review_again(organisation, by=by)
        reindex(organisation)
        old_logo = stored.logo.name
        if old_logo and old_logo != organisation.logo.name:
            # A replaced or removed logo's file goes once the change is saved for good.
            storage = stored.logo.storage
            transaction.on_commit(lambda: storage.delete(old_logo))
    return organisation


def _guard_city_department(
    organisation: Organisation, *, by: User, kind_before: int | None, parent_before: int | None
) -> None:
    """A city department is trusted at the proposal table as a responsible department, so only
    city staff make a group one, or attach a group under one."""
    if permissions.can_set_city_department(by):
        return
    errors: dict[str, ValidationError] = {}
    if organisation.kind_id != kind_before and permissions.is_city_department(organisation):
        errors["kind"] = ValidationError(
            _("Only city staff can make a group a city department."),
            code="city_department_staff_only",
        )
    parent = organisation.parent
    if (
        organisation.parent_id != parent_before
        and parent is not None
        and permissions.is_city_department(parent)
    ):
        errors["parent"] = ValidationError(
            _("Only city staff can place a group under a city department."),
            code="city_department_staff_only",
        )
    if errors:
        raise ValidationError(errors)


def _review_again(organisation: Organisation, *, by: User) -> None:
    """A listed group changed what was verified: unlisted until a coordinator checks again."""
    if not organisation.is_listed or has_role(by, *permissions.SUPPORT_ROLES):
        return
    _move(
        organisation,
        Organisation.Status.PENDING,
        by=by,
        source=Organisation.Status.VERIFIED,
        action="review_again",
    )
    notice_send(
        users=User.objects.filter(role=Role.COORDINATOR, is_active=True),
        subject=_("%(name)s waits for verification again") % {"name": organisation.name},
        message=_(
            "%(name)s changed its name, kind or parent group and waits for verification again."
        )
        % {"name": organisation.name},
        url=reverse("partners:review"),
    )


def organisation_verify(*, organisation: Organisation, by: User) -> Organisation:
    """A coordinator confirms the group is real: it is listed from now on."""
    with transaction.atomic():
        _move(
            organisation,
            Organisation.Status.VERIFIED,
            by=by,
            source=Organisation.Status.PENDING,
            verified_at=timezone.now(),
            status_reason="",
        )
    return organisation


def organisation_reject(*, organisation: Organisation, reason: str, by: User) -> Organisation:
    """Not verified, with a reason the group sees; it may correct its profile and resubmit."""
    _require_reason(reason)
    with transaction.atomic():
        _move(organisation, Organisation.Status.REJECTED, by=by, status_reason=reason)
    return organisation


def organisation_resubmit(*, organisation: Organisation, by: User) -> Organisation:
    with transaction.atomic():
        _move(
            organisation,
            Organisation.Status.PENDING,
            by=by,
            source=Organisation.Status.REJECTED,
        )
    return organisation


def organisation_suspend(*, organisation: Organisation, reason: str, by: User) -> Organisation:
    """Staff take a listing down, with a reason the group sees."""
    _require_reason(reason)
    with transaction.atomic():
        _move(organisation, Organisation.Status.SUSPENDED, by=by, status_reason=reason)
    return organisation


def organisation_reinstate(*, organisation: Organisation, by: User) -> Organisation:
    with transaction.atomic():
        _move(
            organisation,
            Organisation.Status.VERIFIED,
            by=by,
            source=Organisation.Status.SUSPENDED,
            status_reason="",
        )
    return organisation


def offer_save(*, offer: Offer, data: dict[str, Any], by: User) -> Offer:
    """Add or change one of the group's offers (強み・スキル・ノウハウ・設備・場所)."""
    _save_item(offer, data, by=by, names=("category", "title", "description", "is_active"))
    return offer


def need_save(*, need: Need, data: dict[str, Any], by: User) -> Need:
    """Add or change one of the group's needs (地域課題・やりたいこと・困っていること)."""
    _save_item(need, data, by=by, names=("category", "title", "description"))
    return need


def need_set_status(*, need: Need, status: str, by: User) -> Need:
    """Close a need that has been met (or no longer matters), or open it again."""
    if status not in Need.Status.values:
        raise ValidationError(_("Choose open or closed."), code="invalid_status")
    if need.status == status:
        return need
    before = need.status
    need.status = status
    need.closed_at = timezone.now() if status == Need.Status.CLOSED else None
    with transaction.atomic():
        need.save(update_fields=["status", "closed_at", "updated_at"])
        audit_record(
            actor=by,
            action=f"need.{status}",
            target=need,
            before={"status": before},
            after={"status": status},
        )
        reindex(need.organisation)
    return need


def invitation_create(*, organisation: Organisation, email: str, role: str, by: User) -> Invitation:
    """Invite someone by e-mail to join the group; the mail carries a link that expires."""
    email = User.objects.normalize_email(email).lower()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError(_("This person is already a member."), code="already_member")
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        token=secrets.token_urlsafe(32),
        invited_by=by,
        expires_at=timezone.now() + datetime.timedelta(days=INVITATION_DAYS),
    )
    with transaction.atomic():
        invitation.full_clean()
        invitation.save()
        audit_record(
            actor=by,
            action="membership.invite",
            target=organisation,
            after={"email": email, "role": role},
        )
        transaction.on_commit(lambda: _send_invitation(invitation))
    return invitation


def invitation_is_for(invitation: Invitation, user: User) -> bool:
    """Whether `user` has confirmed the invited address (any case): a forwarded or leaked link
    must not let another account join the group."""
    return bool(
        EmailAddress.objects.filter(
            user=user, email__iexact=invitation.email, verified=True
        ).exists()
    )


def invitation_accept(*, token: str, user: User) -> Membership:
    """Join the group the invitation is for. Raises "invalid_invitation", "wrong_address"
    (the account has not confirmed the invited address) or "expired"."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .filter(token=token, accepted_at__isnull=True)
            .select_related("organisation")
            .first()
        )
        if invitation is None:
            raise ValidationError(
                _("This invitation is not valid any more."), code="invalid_invitation"
            )
        if not invitation_is_for(invitation, user):
            raise ValidationError(WRONG_ADDRESS, code="wrong_address")
        if invitation.expires_at < timezone.now():
            raise ValidationError(
                _("This invitation has expired. Ask for a new one."), code="expired"
            )
        membership, created = Membership.objects.get_or_create(
            organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at", "updated_at"])
        _make_partner_member(user)
        if created:
            audit_record(
                actor=user,
                action="membership.join",
                target=invitation.organisation,
                after={"user": user.email, "role": membership.role},
            )
    return membership


def membership_add(*, organisation: Organisation, user: User, role: str, by: User) -> Membership:
    """Add a person to a group directly (administrators, the demo); others join by invitation."""
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            organisation=organisation, user=user, defaults={"role": role}
        )
        if created:
            _make_partner_member(user)
            audit_record(
                actor=by,
                action="membership.add",
                target=organisation,
                after={"user": user.email, "role": role},
            )
    return membership


def membership_change_role(*, membership: Membership, role: str, by: User) -> Membership:
    """Change a member's role. A group always keeps at least one representative."""
    if role not in Membership.Role.values:
        raise ValidationError(_("Choose a valid role."), code="invalid_role")
    with transaction.atomic():
        if membership.role == Membership.Role.REPRESENTATIVE and role != membership.role:
            _keep_a_representative(membership)
        before = membership.role
        membership.role = role
        membership.save(update_fields=["role", "updated_at"])
        audit_record(
            actor=by,
            action="membership.role_change",
            target=membership.organisation,
            before={"user": membership.user.email, "role": before},
            after={"user": membership.user.email, "role": role},
        )
    return membership


def membership_remove(*, membership: Membership, by: User) -> None:
    """Remove a member (or leave the group). The last representative cannot be removed."""
    with transaction.atomic():
        if membership.role == Membership.Role.REPRESENTATIVE:
            _keep_a_representative(membership)
        audit_record(
            actor=by,
            action="membership.remove",
            target=membership.organisation,
            before={"user": membership.user.email, "role": membership.role},
        )
        membership.delete()


def volunteer_profile_save(*, user: User, data: dict[str, Any]) -> VolunteerProfile:
    """Keep an individual volunteer's profile. It is shown only when `is_public` is on.

    `suggest` (True/False) gives or takes back the consent to be suggested to groups: the
    time of consent is recorded, and taking it back removes the person from every suggestion
    at once (matching.people reads only consenting profiles). Raises ValidationError (code
    "district_area") for a district outside the chosen area.
    """
    profile, _created = VolunteerProfile.objects.get_or_create(user=user)
    names = ("skills", "wishes", "area", "district", "availability", "is_public")
    before = snapshot(profile, (*names, "suggest_consented_at"))
    for name in names:
        if name in data:
            setattr(profile, name, data[name])
    if profile.district is not None and profile.area is None:
        profile.area = profile.district.area
    consent_change = _consent_change(profile, data.get("suggest"))
    with transaction.atomic():
        profile.full_clean()
        profile.save()
        if "activity_fields" in data:
            profile.activity_fields.set(data["activity_fields"])
        audit_record(
            actor=user,
            action="volunteer.update",
            target=profile,
            before=before,
            after=snapshot(profile, (*names, "suggest_consented_at")),
        )
        if consent_change:
            audit_record(
                actor=user,
                action=consent_change,
                target=profile,
                after={"suggest_consented_at": profile.suggest_consented_at},
            )
    return profile


def _consent_change(profile: VolunteerProfile, suggest: object) -> str:
    """Apply a given or withdrawn consent to be suggested; the audit action, or "" if none."""
    if suggest is None or bool(suggest) == profile.suggested:
        return ""
    if suggest:
        profile.suggest_consented_at = timezone.now()
        return "volunteer.suggest_consent"
    profile.suggest_consented_at = None
    return "volunteer.suggest_withdraw"


def contact_send(
    *, organisation: Organisation, name: str, email: str, message: str, by: User | None
) -> None:
    """Forward a message from the contact form to the group, without showing its address.

    The group replies to the sender directly (Reply-To). The message itself is not stored.
    """
    if not organisation.contact_email or not organisation.is_listed:
        raise ValidationError(_("This group cannot be contacted here."), code="no_contact")
    # Mail goes out in the site's language (Japanese), whatever page the sender was on.
    with override(settings.LANGUAGE_CODE):
        subject = mail_subject(_("A message for %(name)s") % {"name": organisation.name})
        body = render_to_string(
            "partners/email/contact.txt",
            {"organisation": organisation, "name": name, "email": email, "message": message},
        )
    EmailMessage(
        subject, body, settings.DEFAULT_FROM_EMAIL, [organisation.contact_email], reply_to=[email]
    ).send()
    audit_record(actor=by, action="organisation.contact", target=organisation)


def reindex(organisation: Organisation) -> None:
    """Put the group's profile, offers and open needs in the search and matching indexes."""
    texts: list[str] = [
        kana_key(organisation.name_kana),
        organisation.kind.name,
        organisation.district.name if organisation.district else "",
        organisation.area.name if organisation.area else "",
        organisation.description,
        *(f.name for f in organisation.activity_fields.all()),
    ]
    for offer in organisation.offers.filter(is_active=True):
        texts += [offer.title, offer.description]
    for need in organisation.needs.filter(status=Need.Status.OPEN):
        texts += [need.title, need.description]
    search.index_object(
        obj=organisation, name=organisation.name, texts=texts, is_public=organisation.is_listed
    )
    # The matcher too: every process re-reads this group before its next ranking.
    matching.index_change_record(kind="group", organisation_id=organisation.pk)


def _save_item(item: Offer | Need, data: dict[str, Any], *, by: User, names: Iterable[str]) -> None:
    names = [n for n in names if n in data]
    created = item.pk is None
    before = None if created else snapshot(item, names)
    for name in names:
        setattr(item, name, data[name])
    with transaction.atomic():
        item.full_clean()
        item.save()
        if "activity_fields" in data:
            item.activity_fields.set(data["activity_fields"])
        audit_record(
            actor=by,
            action=f"{item._meta.model_name}.{'add' if created else 'update'}",
            target=item,
            before=before,
            after=snapshot(item, names),
        )
        reindex(item.organisation)


def _assign(organisation: Organisation, data: dict[str, Any]) -> list[str]:
    fields = [f for f in PROFILE_FIELDS if f in data]
    for name in fields:
        value = data[name]
        if name == "corporate_number" and value:
            value = normalise_corporate_number(value)
        if name == "logo":
            value = _logo_copy(organisation, value)
        setattr(organisation, name, value)
    if organisation.district is not None and not organisation.area_id:
        organisation.area = organisation.district.area
    return fields


def _logo_copy(organisation: Organisation, value: Any) -> Any:
    """A newly uploaded logo is checked and kept as a re-encoded copy without metadata
    (core.images); an empty value clears the logo and its size."""
    if isinstance(value, UploadedFile):
        validate_logo(value)
        copy = images.copies(value, images.LOGO_LONG_SIDE, graphic=True)[0]
        organisation.logo_width, organisation.logo_height = copy.width, copy.height
        return copy.file
    if not value:  # cleared (False from the form's checkbox) or never set
        organisation.logo_width = organisation.logo_height = None
        return ""
    return value


def _clean(organisation: Organisation) -> None:
    require_single_line(organisation, "name", "name_kana")  # names go into mail subjects
    organisation.full_clean()
    if (
        organisation.district
        and organisation.area
        and organisation.district.area_id != organisation.area_id
    ):
        raise ValidationError(
            {"district": _("This district is not in the chosen area.")}, code="district_area"
        )
    if organisation.parent_id and organisation.parent_id == organisation.pk:
        raise ValidationError(
            {"parent": _("A group cannot be its own parent.")}, code="parent_self"
        )


def _move(
    organisation: Organisation,
    to: str,
    *,
    by: User,
    source: str | None = None,
    action: str = "",
    **fields: Any,
) -> None:
    """Change status with a compare-and-set UPDATE (two coordinators at once: one wins).

    `source`, when given, is the only status this move starts from (verify starts from
    pending, reinstate from suspended, though both end in verified).
    """
    if not organisation.can_move_to(to) or (source is not None and organisation.status != source):
        raise ValidationError(
            _("This group's status can no longer be changed this way."), code="invalid_transition"
        )
    before = organisation.status
    values = {"status": to, "updated_at": timezone.now(), **fields}
    updated = Organisation.objects.filter(pk=organisation.pk, status=before).update(**values)
    if updated != 1:
        raise ValidationError(
            _("Someone else changed this group. Reload the page and try again."), code="stale"
        )
    for name, value in values.items():
        setattr(organisation, name, value)
    action = action or ("reinstate" if before == Organisation.Status.SUSPENDED else _ACTIONS[to])
    audit_record(
        actor=by,
        action=f"organisation.{action}",
        target=organisation,
        before={"status": before},
        after={"status": to},
        note=fields.get("status_reason", ""),
    )
    reindex(organisation)


_ACTIONS: dict[str, str] = {
    Organisation.Status.VERIFIED: "verify",  # reinstate is recorded as such below
    Organisation.Status.REJECTED: "reject",
    Organisation.Status.SUSPENDED: "suspend",
    Organisation.Status.PENDING: "resubmit",
}


def _require_reason(reason: str) -> None:
    if not reason.strip():
        raise ValidationError(_("Write the reason; the group will see it."), code="reason_required")


def _keep_a_representative(membership: Membership) -> None:
    others = Membership.objects.filter(
        organisation=membership.organisation, role=Membership.Role.REPRESENTATIVE
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(
            _("A group needs a representative. Make someone else representative first."),
            code="last_representative",
        )


def _make_partner_member(user: User) -> None:
    # Joining a group makes a resident a partner member; other roles are kept.
    if user.role == Role.RESIDENT:
        from tsunagaru.accounts.services import user_set_role

        user_set_role(user=user, role=Role.PARTNER_MEMBER, by=user)


def _send_invitation(invitation: Invitation) -> None:
    link = _site_url() + reverse("partners:invitation_accept", args=[invitation.token])
    body = render_to_string(
        "partners/email/invitation.txt", {"invitation": invitation, "link": link}
    )
    subject = mail_subject(
        _("Invitation to join %(name)s") % {"name": invitation.organisation.name}
    )
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email]).send()


def _site_url() -> str:
    # Mail may be sent outside a request (a task), so links use the configured address.
    return str(settings.SITE_URL)


def organisation_import(
    *, rows: list[dict[str, Any]], by: User, list_now: bool
) -> list[Organisation]:
    """Save checked rows (importer.check with no error) as groups, all or none.

    `list_now` lists them at once: for groups already registered at the support centre, whose
    register the city imports. Otherwise they wait for verification like any new group.
    Each group gets its audit entry and search entry.
    """
    for row in rows:
        validate_single_line(row["name"])
    status = Organisation.Status.VERIFIED if list_now else Organisation.Status.PENDING
    now = timezone.now()
    with transaction.atomic():
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    created_by=by,
                    status=status,
                    verified_at=now if list_now else None,
                    # bulk_create skips save(), which keeps the sort key otherwise.
                    name_sort=kana_key(row.get("name_kana") or row["name"]),
                    **{k: v for k, v in row.items() if k != "activity_fields"},
                )
                for row in rows
            ],
            batch_size=1000,
        )
        through = Organisation.activity_fields.through
        through.objects.bulk_create(
            [
                through(organisation_id=o.pk, activityfield_id=f.pk)
                for o, row in zip(organisations, rows, strict=True)
                for f in row["activity_fields"]
            ],
            batch_size=2000,
        )
        audit_record_many(
            actor=by, action="organisation.import", targets=organisations, after={"status": status}
        )
        kinds = {o.kind_id: o.kind for o in organisations}
        search.index_many(
            model=Organisation,
            items=(
                (
                    o.pk,
                    o.name,
                    [
                        o.name_kana,
                        kinds[o.kind_id].name,
                        o.district.name if o.district else "",
                        o.area.name if o.area else "",
                        o.description,
                        *(f.name for f in row["activity_fields"]),
                    ],
                    list_now,
                )
                for o, row in zip(organisations, rows, strict=True)
            ),
        )
    return organisations


def directory_rows(organisations: Iterable[Organisation]) -> Iterable[dict[str, str]]:
    """The directory as rows for tabular.write_*: public fields only."""
    for o in organisations:
        yield {
            "name": o.name,
            "name_kana": o.name_kana,
            "kind": o.kind.name,
            "area": o.area.name if o.area else "",
            "district": o.district.name if o.district else "",
            "activity_fields": "、".join(f.name for f in o.activity_fields.all()),
            "description": o.description,
            "corporate_number": o.corporate_number,
            "founded_year": str(o.founded_year or ""),
            "member_count": str(o.member_count or ""),
            "website": o.website,
            "contact_email": o.contact_email if o.show_contact_email else "",
        }
