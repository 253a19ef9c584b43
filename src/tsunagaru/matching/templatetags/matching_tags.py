"""Reasons for a suggestion, in words (公開性・透明性: users see why a group is suggested)."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from tsunagaru.core.lists import join_list
from tsunagaru.matching.engine import Reason

register = template.Library()


@register.filter
def reason_text(reason: Reason) -> str:
    words = join_list(reason.words)
    texts = {
        "offers": _("What they can do matches: %(words)s"),
        "spare": _("They have this to give: %(words)s"),
        "complements": _("What they are looking for: %(words)s"),
        "mutual": _("You can help each other: they are looking for %(words)s"),
        "about": _("Their introduction mentions: %(words)s"),
        "resource": _("They have what is wanted: %(words)s"),
        "resource_wanted": _("They lack what you offer: %(words)s"),
        "field": _("Works in the same fields: %(words)s"),
        "place": _("Nearby: %(words)s"),
        "kind": _("A %(words)s: such groups often help with needs like this"),
        "learned": _("They have answered similar needs before"),
    }
    return texts.get(reason.kind, "%(words)s") % {"words": words}
