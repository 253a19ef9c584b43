"""Demo records of the info app (run by core.demo after the groups' and proposals' demos)."""

from __future__ import annotations

from typing import Any

from tsunagaru.info import sponsorship_demo


def load(report: Any) -> None:
    sponsorship_demo.load(report)
