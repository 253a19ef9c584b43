"""What /healthz reports beside the database: each app registers its own reports here.

core knows no app (decision 0011): an app's `AppConfig.ready()` calls `register`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_reports: dict[str, Callable[[], dict[str, Any]]] = {}


def register(name: str, report: Callable[[], dict[str, Any]]) -> None:
    """Add `report()` to /healthz under `name` (an empty dict is shown as null)."""
    _reports[name] = report


def reports() -> dict[str, dict[str, Any] | None]:
    return {name: report() or None for name, report in sorted(_reports.items())}
