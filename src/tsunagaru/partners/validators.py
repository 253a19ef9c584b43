from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from stdnum.jp import cn

from tsunagaru.core.uploads import LOGO_MAX_BYTES, LOGO_MAX_PIXELS, validate_image


def normalise_corporate_number(value: str) -> str:
    return unicodedata.normalize("NFKC", value).replace("-", "").replace(" ", "").strip()


def validate_corporate_number(value: str) -> None:
    """法人番号: 13 digits whose first is the check digit (python-stdnum's stdnum.jp.cn)."""
    if not cn.is_valid(normalise_corporate_number(value)):
        raise ValidationError(
            _("Enter the 13-digit corporate number (法人番号); its check digit does not match."),
            code="invalid_corporate_number",
        )


def validate_logo(file: UploadedFile) -> None:
    """A logo is a real PNG, JPEG, GIF or WebP image of at most 2 MB and 4 million pixels
    (shown at 96 px: a 10000 × 10000 logo would cost each visitor's browser 400 MB)."""
    validate_image(file, max_bytes=LOGO_MAX_BYTES, max_pixels=LOGO_MAX_PIXELS)
