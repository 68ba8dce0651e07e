"""What kind of document an upload really is: read from its bytes, not from its name (pure; no storage)."""

from dataclasses import dataclass
from pathlib import Path

import filetype

# Accepted kinds: the content type the bytes must show, and the extensions that may carry it.
ACCEPTED = {
    "application/pdf": ("PDF", {".pdf"}),
    "application/msword": ("Word", {".doc"}),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("Word", {".docx"}),
    "application/vnd.ms-excel": ("Excel", {".xls"}),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("Excel", {".xlsx"}),
    "application/vnd.ms-powerpoint": ("PowerPoint", {".ppt"}),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ("PowerPoint", {".pptx"}),
    "text/plain": ("plain text", {".txt", ".csv"}),
}
# Word, Excel and PowerPoint 97-2003 files share one container format; the bytes alone may not tell them apart.
OLE_FAMILY = {"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE_EXTENSIONS = {
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
}
ALLOWED_HINT = "PDF, Word, Excel, PowerPoint or plain text"


class Refused(ValueError):
    """An upload that may not be stored, with the message to show by the field."""


@dataclass(frozen=True)
class Checked:
    content_type: str
    kind: str


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        if error.start < len(head) - 3:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


def check(name: str, head: bytes, size: int, max_bytes: int) -> Checked:
    """Accept or refuse an upload from its name, its first bytes and its size."""
    if size == 0 or not head:
        raise Refused("The selected file is empty")
    if size > max_bytes:
        raise Refused(f"The selected file must be smaller than {max_bytes // (1024 * 1024)} MB")
    extension = Path(name).suffix.lower()
    guessed = filetype.guess(head)
    content_type = guessed.mime if guessed else ("text/plain" if _looks_like_text(head) else "")
    if (content_type in OLE_FAMILY or head.startswith(OLE_MAGIC)) and extension in OLE_EXTENSIONS:
        content_type = OLE_EXTENSIONS[extension]
    if content_type not in ACCEPTED:
        raise Refused(f"The selected file must be a {ALLOWED_HINT} document")
    kind, extensions = ACCEPTED[content_type]
    if extension not in extensions:
        raise Refused(f"The content of the selected file is {kind}, but its name ends in {extension or 'nothing'}")
    return Checked(content_type=content_type, kind=kind)
