"""Response headers shared by the apps' views."""

from __future__ import annotations

from typing import TypeVar

from django.http import HttpResponseBase
from django.utils.cache import patch_cache_control, patch_vary_headers

R = TypeVar("R", bound=HttpResponseBase)


def private_download(response: R) -> R:
    """Keep a download out of every cache: personal data (the audit log's e-mail and IP
    addresses, a member list) must not stay in a proxy or on a shared computer's disk."""
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    patch_vary_headers(response, ["Cookie"])
    return response
