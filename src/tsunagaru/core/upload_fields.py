"""Form fields for uploads, checked by core.uploads with a clear message for each refusal.

Django's forms.ImageField lets Pillow decide alone: an image over Pillow's own limit (a
"decompression bomb") or a mislabelled file gets one vague "not a valid image". These fields
accept any file and then apply our checks (content, name, bytes and pixels).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.core.files.uploadedfile import UploadedFile

from tsunagaru.core.uploads import (
    LOGO_MAX_BYTES,
    LOGO_MAX_PIXELS,
    PHOTO_MAX_BYTES,
    PHOTO_MAX_PIXELS,
    validate_image,
)

IMAGE_ACCEPT = "image/png,image/jpeg,image/gif,image/webp"


class ServedPictureInput(forms.ClearableFileInput):
    """A picture upload that shows the current picture through the view that serves it
    (`current_url`, set by the form), not through its storage path: stored files have no
    public URL (core.serving), and a path means nothing to the person editing."""

    template_name = "core/widgets/served_picture.html"
    current_url = ""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["current_url"] = self.current_url
        return context


class PictureField(forms.FileField):
    """A photo: PNG, JPEG, GIF or WebP within PHOTO_MAX_BYTES and PHOTO_MAX_PIXELS."""

    max_bytes: ClassVar[int] = PHOTO_MAX_BYTES
    max_pixels: ClassVar[int] = PHOTO_MAX_PIXELS
    widget = ServedPictureInput(attrs={"accept": IMAGE_ACCEPT})

    def clean(self, data: Any, initial: Any = None) -> Any:
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            validate_image(value, max_bytes=self.max_bytes, max_pixels=self.max_pixels)
        return value


class LogoField(PictureField):
    """A group's logo: smaller limits, as it is shown small (see core.uploads)."""

    max_bytes = LOGO_MAX_BYTES
    max_pixels = LOGO_MAX_PIXELS
