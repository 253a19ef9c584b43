"""Handing a stored file to a person whom the owning app's permissions allowed to have it.

Every uploaded file is served by a view of its app (the view checks who may see it) through
`file_response`: read through Django's storage API (so the files may later live in an object
store by changing STORAGES alone), typed by its content (core.uploads.sniff), never by its name.
Pictures are shown inline; everything else is a download. See docs/decisions/0008.
"""

from __future__ import annotations

import re

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

from tsunagaru.core.uploads import EXTENSIONS, OCTET_STREAM, sniff

PUBLIC_MAX_AGE = 60 * 60  # an hour: a case taken back to draft leaves shared caches soon
_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def file_response(
    stored: FieldFile, *, public: bool, inline: bool = False, title: str = ""
) -> FileResponse:
    """The stored file as a response. `public` when anyone may see it (it may then be kept in
    shared caches); otherwise `private, no-store`. Only pictures are ever shown `inline`.
    A download is named after `title` (with the extension of its real type) when given.

    Raises Http404 if the file is missing from the storage.
    """
    if not stored or not stored.name:
        raise Http404
    try:
        handle = stored.storage.open(stored.name, "rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    content_type = sniff(handle)
    if content_type not in EXTENSIONS:
        content_type = OCTET_STREAM  # a macro file or unknown content: bytes to download
    as_attachment = not (inline and content_type.startswith("image/"))
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=as_attachment,
        filename=_download_name(title, content_type) if as_attachment else "",
    )
    response["X-Content-Type-Options"] = "nosniff"
    # A file is never a page: no script, no plugin, no frame runs from it even if opened.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = (
        f"public, max-age={PUBLIC_MAX_AGE}" if public else "private, no-store"
    )
    return response


def _download_name(title: str, content_type: str) -> str:
    stem = _UNSAFE_IN_NAME.sub("_", title).strip(" ._") or "file"
    extensions = EXTENSIONS.get(content_type)
    return f"{stem[:100]}.{extensions[0]}" if extensions else stem[:100]
