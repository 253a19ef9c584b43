"""The 後援 an event has: ``{% load sponsorship %}{% event_sponsors event as sponsors %}``."""

from __future__ import annotations

from django import template

from tsunagaru.info.models import Event
from tsunagaru.info.sponsorship_selectors import event_sponsors as _event_sponsors

register = template.Library()


@register.simple_tag
def event_sponsors(event: Event) -> list[str]:
    """Who lends its name to `event` (奥州市, …), from approved requests linked to it."""
    return _event_sponsors(event)
