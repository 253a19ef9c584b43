from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from stdnum.jp import cn

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_TYPES = {"PNG", "JPEG", "GIF", "WEBP"}


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
    """A logo is a real PNG, JPEG, GIF or WebP image of at most 2 MB."""
    from PIL import Image, UnidentifiedImageError

    if file.size is not None and file.size > LOGO_MAX_BYTES:
        raise ValidationError(_("The logo must be 2 MB or smaller."), code="file_too_large")
    try:
        position = file.tell()
        with Image.open(file) as image:
            kind = image.format
            image.verify()
        file.seek(position)
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise ValidationError(
            _("The logo must be a PNG, JPEG, GIF or WebP image."), code="invalid_image"
        ) from None
    if kind not in LOGO_TYPES:
        raise ValidationError(
            _("The logo must be a PNG, JPEG, GIF or WebP image."), code="invalid_image"
        )
