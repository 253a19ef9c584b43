"""全国地方公共団体コード (local government code): five digits and a check digit."""

from __future__ import annotations

import unicodedata

_WEIGHTS = (6, 5, 4, 3, 2)


def check_digit(base: str) -> int:
    """The check digit of a five-digit code (総務省's rule: weights 6..2, modulus 11).

    S = 6a + 5b + 4c + 3d + 2e, r = S mod 11, check = (11 - r) mod 10.
    """
    if len(base) != 5 or not base.isascii() or not base.isdigit():
        raise ValueError("a local government code has five digits before its check digit")
    total = sum(int(digit) * weight for digit, weight in zip(base, _WEIGHTS, strict=True))
    return (11 - total % 11) % 10


def normalise(code: str) -> str:
    """Half-width digits without spaces or hyphens, as people type codes in many ways."""
    return unicodedata.normalize("NFKC", code).replace("-", "").replace(" ", "").strip()


def is_valid(code: str) -> bool:
    """True for a six-digit code whose last digit is the right check digit."""
    code = normalise(code)
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return False
    return check_digit(code[:5]) == int(code[5])
