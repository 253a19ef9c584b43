"""Audit entries for two-factor changes made through allauth's own views."""

from __future__ import annotations

from typing import Any

from allauth.mfa import signals

from tsunagaru.audit.services import audit_record


def _added(sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    audit_record(actor=user, action="user.mfa_add", target=user, after={"type": authenticator.type})


def _removed(sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    audit_record(
        actor=user, action="user.mfa_remove", target=user, before={"type": authenticator.type}
    )


def connect() -> None:
    signals.authenticator_added.connect(_added, dispatch_uid="audit_mfa_added")
    signals.authenticator_removed.connect(_removed, dispatch_uid="audit_mfa_removed")
