"""What every grants service shares: the application re-read under a row lock, a move checked
against the workflow, the city's-staff check, and telling the group."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import User
from tsunagaru.accounts.permissions import STAFF_ROLES, has_role
from tsunagaru.grants.models import Application, Programme
from tsunagaru.notices.services import notice_send
from tsunagaru.partners.models import Membership
from tsunagaru.partners.permissions import SPEAKING_ROLES, role_in


def locked(application: Application) -> Application:
    """The application re-read under a row lock (two people may act on it at once)."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("programme", "course", "organisation")
        .get(pk=application.pk)
    )


def locked_programme(programme_id: int) -> Programme:
    """The programme's row locked: every change of its committed or paid amounts takes it."""
    return Programme.objects.select_for_update().get(pk=programme_id)


def move(application: Application, to: str) -> None:
    if to not in Application.TRANSITIONS[application.state]:
        raise ValidationError(
            _("This cannot be done to an application that is %(state)s.")
            % {"state": application.get_state_display()},
            code="invalid_transition",
        )
    application.state = to


def require_staff(by: User) -> None:
    if not has_role(by, *STAFF_ROLES):
        raise ValidationError(_("Only the city's staff do this."), code="not_staff")


def require_speaker(application: Application, by: User) -> None:
    """The group's representative or contact person speaks for it to the city."""
    if role_in(by, application.organisation) not in SPEAKING_ROLES:
        raise ValidationError(
            _("Only the group's representative or contact person can send this."),
            code="not_speaker",
        )


def tell_group(application: Application, message: str) -> None:
    speakers = [
        m.user
        for m in Membership.objects.filter(
            organisation=application.organisation_id, role__in=SPEAKING_ROLES
        ).select_related("user")
    ]
    notice_send(
        users=speakers,
        subject=_("Grant application 「%(title)s」") % {"title": application.title},
        message=message,
        url=application.get_absolute_url(),
    )
