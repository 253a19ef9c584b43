"""{{ text|mark_japanese }}: on a page in another language, the Japanese in a text (a term
given with its Japanese name, 「Meeting halls (自治集会施設)」) marked lang="ja", so screen readers
read it in Japanese (WCAG 3.1.2) and the English page scan knows it is meant."""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

_JAPANESE = re.compile(
    r"[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
    r"[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\s]*"
)


@register.filter
def mark_japanese(text: str) -> SafeString | str:
    if (get_language() or "ja").startswith("ja"):
        return text
    escaped = str(escape(text))
    # The text is escaped first; only our own <span> is added.
    return mark_safe(_JAPANESE.sub(lambda m: f'<span lang="ja">{m.group(0)}</span>', escaped))  # noqa: S308
