"""What the site accepts as an uploaded document (event material, files shared in groups)."""

from __future__ import annotations

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

# Office and open formats, plain text and pictures; nothing a browser would run (no HTML, SVG or scripts).
DOCUMENT_EXTENSIONS = frozenset({"pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "txt", "md", "csv", "png", "jpg", "jpeg"})
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


def document_upload_validate(file, *, field: str = "file") -> None:
    """Refuse a file of another type or above the size limit, naming the field and what is allowed."""
    extension = PurePath(file.name or "").suffix.lower().lstrip(".")
    if extension not in DOCUMENT_EXTENSIONS:
        raise ValidationError({field: _("Dateien vom Typ „%(extension)s“ können nicht hochgeladen werden. Erlaubt sind: %(allowed)s.")
                               % {"extension": extension or "?", "allowed": ", ".join(sorted(DOCUMENT_EXTENSIONS))}})
    if file.size > DOCUMENT_MAX_BYTES:
        raise ValidationError({field: _("Die Datei ist größer als %(megabytes)s MB.") % {"megabytes": DOCUMENT_MAX_BYTES // (1024 * 1024)}})


def document_upload_help() -> str:
    """The help text of a document file field, in the language of the request (so build it when the form is made)."""
    return _("Höchstens 20 MB; erlaubt sind: %(allowed)s") % {"allowed": ", ".join(sorted(DOCUMENT_EXTENSIONS))}


def file_store_once(field_file, name: str, data: bytes) -> None:
    """Demo files: point the field at `name` when the storage already holds these very bytes (loaded before into another
    database), else store them there; so repeated loads never pile up copies."""
    storage = field_file.storage
    if storage.exists(name):
        with storage.open(name) as handle:
            if handle.read() == data:
                field_file.name = name
                return
    field_file.save(PurePath(name).name, ContentFile(data), save=False)


def document_save(document, file=None) -> None:
    """Save a document row together with its uploaded file (if any); a row that fails to save leaves no file behind."""
    if file:
        document.file.save(PurePath(file.name).name, file, save=False)
    try:
        document.save()
    except Exception:
        # The file is written before the row; without the row nobody could ever reach (or delete) it.
        if document.file:
            document.file.storage.delete(document.file.name)
        raise
