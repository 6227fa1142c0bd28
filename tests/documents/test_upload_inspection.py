"""Attachments are read the way a viewer would read them before they are kept: active PDFs,
encrypted PDFs, images that do not decode and files with another file riding on them are
refused with a reason, and nothing is stored (documents.attachments.inspection)."""

import io
import os
import socket
import tempfile
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from documents.attachments.services import attachment_add
from documents.errors import AttachmentRefused
from documents.models import Attachment
from tests.factories import MINIMAL_PDF, image_bytes

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def written(build) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    build(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def scripted(writer):
    writer.add_open_action(JavaScript("app.alert('x');"))


def launching(writer):
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")}
    )


def attach(draft, content: bytes, name="書類.pdf"):
    return attachment_add(
        application=draft,
        kind="articles",
        upload=SimpleUploadedFile(name, content),
        actor=draft.created_by,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param(written(scripted), "JavaScript", id="js"),
        pytest.param(written(launching), "JavaScript", id="launch"),
        pytest.param(written(lambda w: w.add_attachment("a.exe", b"MZ")), "埋め込み", id="embed"),
        pytest.param(written(lambda w: w.encrypt("secret")), "暗号化", id="encrypted"),
        pytest.param(MINIMAL_PDF + b"PK\x03\x04" + b"\x00" * 64, "別のデータ", id="polyglot"),
        pytest.param(b"%PDF-1.4\n" + EICAR, "読み取れません", id="eicar-as-pdf"),
        pytest.param(
            image_bytes("PNG") + b"<script>alert(1)</script>", "別のデータ", id="png+html"
        ),
        pytest.param(image_bytes("PNG")[:40], "画像として読み取れません", id="png-truncated"),
        pytest.param(image_bytes("JPEG")[:60], "画像として読み取れません", id="jpeg-truncated"),
        pytest.param(EICAR, "PDF・PNG・JPEG 以外", id="eicar"),
    ],
)
def test_a_file_that_does_more_than_it_shows_is_refused(draft, content, reason):
    before = Attachment.objects.count()
    with pytest.raises(AttachmentRefused) as refused:
        attach(draft, content)
    assert reason in refused.value.message
    assert Attachment.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [MINIMAL_PDF, written(lambda w: None), image_bytes("PNG"), image_bytes("JPEG")],
    ids=["demo-pdf", "pypdf-pdf", "png", "jpeg"],
)
def test_ordinary_documents_and_images_are_kept(draft, content):
    assert attach(draft, content).sha256


class FakeClamd:
    """A clamd on a Unix socket that answers INSTREAM as clamd does: FOUND for EICAR."""

    def __init__(self):
        self.path = os.path.join(tempfile.mkdtemp(), "clamd.sock")
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(self.path)
        self.server.listen(4)
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                data = b""
                while not data.endswith(b"\0\0\0\0"):
                    part = conn.recv(65536)
                    if not part:
                        break
                    data += part
                verdict = (
                    b"stream: Eicar-Test-Signature FOUND" if b"EICAR" in data else b"stream: OK"
                )
                conn.sendall(verdict + b"\0")

    def close(self):
        self.server.close()


@pytest.fixture
def clamd(settings):
    fake = FakeClamd()
    settings.CLAMAV_SOCKET = fake.path
    yield fake
    fake.close()


@pytest.mark.django_db
def test_clamd_finds_what_the_checks_cannot_see(draft, clamd):
    """A valid PDF carrying the EICAR test string in its text passes every check but clamd's."""
    infected = written(lambda w: w.add_metadata({"/Subject": EICAR.decode()}))
    with pytest.raises(AttachmentRefused, match="ウイルス対策の検査で問題"):
        attach(draft, infected)
    assert attach(draft, MINIMAL_PDF).sha256


@pytest.mark.django_db
def test_an_unreachable_clamd_refuses_rather_than_lets_through(draft, settings):
    settings.CLAMAV_SOCKET = "/nonexistent/clamd.sock"
    before = Attachment.objects.count()
    with pytest.raises(AttachmentRefused, match="検査ができない"):
        attach(draft, MINIMAL_PDF)
    assert Attachment.objects.count() == before
