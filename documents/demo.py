"""Demo attachments: small generated PDFs, so the demo drafts can be submitted as they are.

Idempotent: only the files a draft still lacks are added (``approvals.demo`` calls this for
every demo plan, new or found).
"""

from collections import Counter

from django.core.files.base import ContentFile

from documents.attachments.selectors import required_attachments
from documents.attachments.services import attachment_add
from documents.constants import AttachmentKind

DEMO_FILES = {
    AttachmentKind.ARTICLES: ("定款（デモ）.pdf", "Demo: articles of incorporation"),
    AttachmentKind.RESIDENCE: ("住民票（デモ）.pdf", "Demo: residence certificate"),
    AttachmentKind.REGISTRY: ("履歴事項全部証明書（デモ）.pdf", "Demo: certificate of registry"),
    AttachmentKind.FINANCIALS: ("決算書_%(n)d期前（デモ）.pdf", "Demo: financial statements"),
}


def demo_pdf(title: str) -> bytes:
    """A valid one-page PDF showing `title` (ASCII) in Helvetica."""
    text = f"BT /F1 20 Tf 72 760 Td ({title}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


def attach_demo_files(application, user) -> None:
    """Attach a generated PDF for every required file the editable application lacks."""
    if not application.is_editable:
        return
    have = Counter(application.attachments.current().values_list("kind", flat=True))
    for kind, needed in required_attachments(application.company).items():
        name, title = DEMO_FILES[kind]
        for n in range(have[kind] + 1, needed + 1):
            upload = ContentFile(demo_pdf(title), name=name % {"n": n})
            attachment_add(application=application, kind=kind, upload=upload, actor=user)
