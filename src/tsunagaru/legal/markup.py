"""A small, safe text format for the pages staff edit ("Markdown-lite").

Everything is escaped first; only these shapes become HTML:

    ## Heading            -> <h2>      (### -> <h3>)
    - item                -> <ul><li>
    1. item               -> <ol><li>
    [words](https://...)  -> <a href>  (https, http, mailto, tel or a path on this site)
    a blank line          -> a new paragraph; a single line break stays a <br>

No raw HTML passes, so a page cannot carry a script or a style, whoever typed it.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]+)\)")
_SAFE_URL = re.compile(r"^(https?://|mailto:|tel:|/(?!/))")
_ORDERED = re.compile(r"^\d{1,3}\. ")


def render(text: str) -> SafeString:
    """Render `text` as HTML; anything that is not one of the shapes above is shown as typed."""
    html: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        if block.strip():
            html.append(_block(block.strip("\n")))
    return mark_safe("\n".join(html))  # noqa: S308 — every piece was escaped by _inline


def _block(block: str) -> str:
    lines = [line.rstrip() for line in block.split("\n")]
    first, rest = lines[0], "\n".join(lines[1:])
    for mark, tag in (("### ", "h3"), ("## ", "h2")):
        if first.startswith(mark):
            # A heading may be followed directly by its text, without a blank line.
            heading = f"<{tag}>{_inline(first[len(mark) :])}</{tag}>"
            return heading + ("\n" + _block(rest) if rest.strip() else "")
    if all(line.startswith("- ") for line in lines):
        return _list("ul", [line[2:] for line in lines])
    if all(_ORDERED.match(line) for line in lines):
        return _list("ol", [_ORDERED.sub("", line, count=1) for line in lines])
    return "<p>" + "<br>\n".join(_inline(line) for line in lines) + "</p>"


def _list(tag: str, items: list[str]) -> str:
    inner = "".join(f"<li>{_inline(item)}</li>" for item in items)
    return f"<{tag}>{inner}</{tag}>"


def _inline(text: str) -> str:
    out: list[str] = []
    position = 0
    for match in _LINK.finditer(text):
        words, url = match.groups()
        out.append(escape(text[position : match.start()]))
        if _SAFE_URL.match(url):
            out.append(f'<a href="{escape(url)}">{escape(words)}</a>')
        else:
            out.append(escape(match.group(0)))
        position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)
