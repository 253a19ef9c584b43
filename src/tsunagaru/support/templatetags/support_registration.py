"""The registration panel on a group's page: `{% load support_registration %}`
`{% centre_registration organisation %}`. Shown to the group's members and the centre's staff
only; nothing for anyone else."""

from __future__ import annotations

from typing import Any

from django import template

from tsunagaru.partners.models import Organisation
from tsunagaru.partners.permissions import is_city_department
from tsunagaru.support import permissions, selectors

register = template.Library()


@register.inclusion_tag("support/_registration_panel.html", takes_context=True)
def centre_registration(context: template.Context, organisation: Organisation) -> dict[str, Any]:
    user = context["request"].user
    if is_city_department(organisation) or not permissions.can_view_registration(
        user, organisation
    ):
        return {"hidden": True}
    state = selectors.registration_state(organisation)
    return {
        "organisation": organisation,
        "state": state,
        "can_apply": permissions.can_apply_registration(user, organisation, waiting=state.waiting),
        "can_log": permissions.can_log(user) and organisation.is_listed,
    }
