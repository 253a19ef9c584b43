"""Per-request facts that deep layers may need (the client address for the audit log).

A context variable, not a thread local, so it stays correct under ASGI as well as WSGI.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_ip_address: ContextVar[str | None] = ContextVar("ip_address", default=None)


def current_ip_address() -> str | None:
    return _ip_address.get()


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, for the audit log and every rate limit (the one place to ask).

    Behind our TLS proxy (BEHIND_TLS_PROXY) the last X-Forwarded-For entry is the address the
    proxy saw; any earlier entries were sent by the client and could be forged. Otherwise the
    header is ignored: anyone could send one.
    """
    if getattr(settings, "BEHIND_TLS_PROXY", False):
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _ip_address.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            _ip_address.reset(token)
