"""What notices add to the site menu (see core.navigation)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from tsunagaru.core.navigation import MINE, Entry, register, signed_in
from tsunagaru.notices.selectors import unread_count


def _unread(user: Any) -> int:
    return unread_count(user=user)


register(Entry("notices:list", _("Notices"), MINE, 50, visible=signed_in, badge=_unread))
