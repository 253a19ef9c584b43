from __future__ import annotations

import time
from typing import Any

import pytest

from tsunagaru.support import antispam


@pytest.fixture
def started() -> str:
    """A form token from a minute ago: a person who took their time."""
    return antispam.form_token(now=time.time() - 60)


@pytest.fixture
def ask_data(started: str) -> dict[str, Any]:
    from tsunagaru.support.models import Topic

    return {
        "topic": Topic.objects.get(code="grants").pk,
        "subject": "補助金の申請書の書き方",
        "question": (
            "市民提案型協働支援事業補助金に初めて申請します。予算書の書き方を教えてください。"
        ),
        "name": "高橋 正",
        "email": "tadashi@example.jp",
        "phone": "",
        "started": started,
        "homepage": "",
    }
