"""Rate limits for our own actions (allauth applies the sign-in ones), read from
settings.RATE_LIMITS, where every limit of the site is written.

Counters are lists of recent times in Django's default cache, per action and per client
address (core.request_context.client_ip, the same address the audit log records) or per key
(e.g. the group written to). A refused attempt is not counted.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from tsunagaru.core.request_context import client_ip

_PERIOD = re.compile(r"(?P<count>[0-9]*)(?P<unit>[smhd])")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    amount: int
    seconds: int
    per: str  # "ip" or "key"


def rates(action: str) -> list[Rate]:
    """The limits of `action` in settings.RATE_LIMITS ("5/h/ip,20/d/key"); none if absent."""
    result = []
    for part in str(settings.RATE_LIMITS.get(action, "")).split(","):
        if not part.strip():
            continue
        amount, period, per = part.strip().split("/")
        match = _PERIOD.fullmatch(period)
        if match is None or per not in ("ip", "key"):
            raise ValueError(f"RATE_LIMITS[{action!r}]: cannot read {part!r}")
        seconds = int(match["count"] or 1) * _SECONDS[match["unit"]]
        result.append(Rate(int(amount), seconds, per))
    return result


def rate_limit_consume(request: HttpRequest, *, action: str, key: str = "") -> bool:
    """Count one `action` from this client (and on `key`) and return True, or return False
    without counting when any of the action's limits is reached.

    The caller refuses the action with a message when this returns False.
    """
    now = time.time()
    counters = []
    for rate in rates(action):
        who = (client_ip(request) or "unknown") if rate.per == "ip" else key
        digest = hashlib.sha256(who.encode()).hexdigest()[:32]
        cache_key = f"tsunagaru:rl:{action}:{rate.per}:{rate.amount}/{rate.seconds}:{digest}"
        recent = [t for t in cache.get(cache_key, []) if t > now - rate.seconds]
        if len(recent) >= rate.amount:
            return False
        counters.append((cache_key, recent, rate.seconds))
    for cache_key, recent, seconds in counters:
        cache.set(cache_key, [*recent, now], seconds)
    return True
