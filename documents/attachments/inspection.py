"""What an uploaded file holds, beyond its first bytes: an attachment is read the way a
reviewer's viewer would read it before it is kept.

- A PDF is parsed (pypdf) and refused when it is encrypted, when it carries JavaScript, launch
  actions, embedded files or rich media anywhere in its objects, or when anything but
  whitespace follows its last %%EOF (a polyglot: another file riding on the PDF).
- A PNG or JPEG is decoded in full (Pillow) and refused when it does not decode, is a
  decompression bomb, or has bytes after the image's end.
- Where `CLAMAV_SOCKET` names a clamd socket, every file is also scanned there (INSTREAM);
  a file clamd reports is refused, and a clamd that cannot be reached refuses the upload
  rather than letting it through unscanned.

Each refusal raises AttachmentRefused with a message the applicant can act on.
"""

import io
import socket
import struct
import warnings

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from documents.errors import AttachmentRefused

UNREADABLE_PDF = _(
    "PDFとして読み取れません。壊れていないか確認し、保存し直したPDFを添付してください。"
)
ENCRYPTED_PDF = _(
    "パスワードや暗号化で保護されたPDFは添付できません。保護を解除したPDFを添付してください。"
)
ACTIVE_PDF = _(
    "JavaScript・外部プログラムの起動・埋め込みファイルなどを含むPDFは添付できません。"
    "印刷用のPDF（「PDFとして保存」など）に作り直して添付してください。"
)
TRAILING_DATA = _(
    "ファイルの終わりのあとに別のデータが付いています。元のファイルを保存し直して添付してください。"
)
UNREADABLE_IMAGE = _("画像として読み取れません。壊れていないか確認してください。")
INFECTED = _("ウイルス対策の検査で問題が見つかったため、添付できません。")
SCAN_UNAVAILABLE = _(
    "ウイルス対策の検査ができないため、今は添付できません。時間をおいてお試しください。"
)

# Keys and action types that make a PDF do something when opened or clicked.
_ACTIVE_KEYS = frozenset({"/JS", "/JavaScript", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia"})
_ACTIVE_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"}
)
MAX_OBJECTS = 200_000  # far above any scanned document; a walk that long is refused


def inspect(data: bytes, content_type: str) -> None:
    """AttachmentRefused unless `data` (of the sniffed `content_type`) is safe to keep."""
    if content_type == "application/pdf":
        _inspect_pdf(data)
    else:
        _inspect_image(data, content_type)
    if getattr(settings, "CLAMAV_SOCKET", ""):
        clamd_scan(data, settings.CLAMAV_SOCKET)


def _inspect_pdf(data: bytes) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    end = data.rfind(b"%%EOF")
    if end < 0:
        raise AttachmentRefused(UNREADABLE_PDF)
    if data[end + len(b"%%EOF") :].strip():
        raise AttachmentRefused(TRAILING_DATA)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise AttachmentRefused(ENCRYPTED_PDF)
            if _is_active(reader.trailer):
                raise AttachmentRefused(ACTIVE_PDF)
            if not reader.pages:
                raise AttachmentRefused(UNREADABLE_PDF)
    except AttachmentRefused:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise AttachmentRefused(UNREADABLE_PDF) from error


def _is_active(root) -> bool:
    """Whether any object reachable from the trailer carries an active key or action."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    stack, walked = [root], 0
    while stack:
        value = stack.pop()
        walked += 1
        if walked > MAX_OBJECTS:
            return True
        if isinstance(value, IndirectObject):
            key = (value.idnum, value.generation)
            if key in seen:
                continue
            seen.add(key)
            value = value.get_object()
        if isinstance(value, DictionaryObject):
            if _ACTIVE_KEYS & set(value.keys()) or value.get("/S") in _ACTIVE_ACTIONS:
                return True
            stack.extend(value.values())
        elif isinstance(value, ArrayObject):
            stack.extend(value)
    return False


_IMAGE_ENDS = {"image/png": b"IEND\xaeB`\x82", "image/jpeg": b"\xff\xd9"}


def _inspect_image(data: bytes, content_type: str) -> None:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()  # decodes every pixel; raises on a truncated or broken file
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise AttachmentRefused(UNREADABLE_IMAGE) from error
    marker = _IMAGE_ENDS[content_type]
    end = data.rfind(marker)
    if end < 0 or data[end + len(marker) :].strip(b"\x00"):
        raise AttachmentRefused(TRAILING_DATA)


def clamd_scan(data: bytes, path: str, *, timeout: float = 30.0) -> None:
    """Scan `data` with the clamd listening on the Unix socket `path` (its INSTREAM command)."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(timeout)
            conn.connect(path)
            conn.sendall(b"zINSTREAM\0")
            for start in range(0, len(data), 64 * 1024):
                chunk = data[start : start + 64 * 1024]
                conn.sendall(struct.pack("!L", len(chunk)) + chunk)
            conn.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                part = conn.recv(4096)
                if not part:
                    break
                reply += part
    except OSError as error:
        raise AttachmentRefused(SCAN_UNAVAILABLE) from error
    answer = reply.rstrip(b"\0").decode("utf-8", "replace")
    if answer.endswith("FOUND"):
        raise AttachmentRefused(INFECTED)
    if not answer.endswith("OK"):
        raise AttachmentRefused(SCAN_UNAVAILABLE)
