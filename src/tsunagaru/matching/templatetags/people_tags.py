"""Volunteers on matching pages: a label instead of a name, and reasons in words."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from tsunagaru.core.lists import join_list
from tsunagaru.matching.engine import Reason
from tsunagaru.partners.models import VolunteerProfile

register = template.Library()


@register.filter
def volunteer_label(volunteer: VolunteerProfile) -> str:
    """「水沢区の個人ボランティア」: who the person is to a group before they accept, without
    their name (expects area and district selected)."""
    area = volunteer.area or (volunteer.district.area if volunteer.district else None)
    if area is None:
        return _("A volunteer")
    return _("A volunteer in %(place)s") % {"place": area.name}


@register.filter
def person_reason_text(reason: Reason) -> str:
    words = join_list(reason.words)
    texts = {
        "offers": _("What they can do or would like to do matches: %(words)s"),
        "resource": _("They offer what is wanted: %(words)s"),
        "hands": _("Your need asks for helping hands, and this person offered to help"),
        "field": _("Interested in the same fields: %(words)s"),
        "place": _("Nearby: %(words)s"),
    }
    return texts.get(reason.kind, "%(words)s") % {"words": words}
