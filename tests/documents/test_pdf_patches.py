"""WeasyPrint's speed patches (documents.pdf_patches): installed for the pinned WeasyPrint, same
font subsets as plain WeasyPrint, whole fonts still right when embedded; and with
KAKUSHIN_PDF_PATCHES off, WeasyPrint as it is and the same documents."""

import io
import json
import os
import re
import subprocess
import sys
from dataclasses import replace

import pydyf
import pytest
import weasyprint
from django.conf import settings
from pypdf import PdfReader
from weasyprint.document import Document

from documents import checks, pdf, pdf_patches
from documents.issued import notices
from tests.documents import pdfcheck

HTML = (
    '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>t</title></head>'
    "<body><p>代表取締役　𠮷田 太郎　様</p></body></html>"
)
RARE = "代表取締役　𠮷田 太郎"


def _font_files(data: bytes) -> dict[str, bytes]:
    """Family → the embedded font file (decompressed)."""
    found = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            family = str(font["/BaseFont"]).split("+", 1)[1]
            found[family] = descriptor["/FontFile2"].get_object().get_data()
    return found


def _plain_weasyprint(**options) -> bytes:
    """The same document through WeasyPrint with the patch inactive."""
    _weasyprint, font_config, _fetcher = pdf._engine()
    sheet = pdf._stylesheet("document.css")
    return weasyprint.HTML(string=HTML).write_pdf(
        font_config=font_config, stylesheets=[sheet], **options
    )


def test_installed_for_the_weasyprint_and_pydyf_they_were_written_for():
    """A WeasyPrint or pydyf upgrade fails here: read WeasyPrint's pdf/fonts.py and pydyf's
    Stream again (see documents/pdf_patches.py) before raising the pins."""
    assert (weasyprint.__version__, pydyf.__version__) == (
        pdf_patches.SUPPORTED_WEASYPRINT,
        pdf_patches.SUPPORTED_PYDYF,
    )
    assert pdf_patches.install()
    assert pdf_patches.installed()
    assert pdf_patches.finisher() is pdf_patches._deflate_streams_once


def test_subsets_are_those_of_plain_weasyprint_and_faces_are_kept():
    patched = _font_files(pdf.html_to_pdf(HTML, stylesheets=["document.css"]))
    again = _font_files(pdf.html_to_pdf(HTML, stylesheets=["document.css"]))
    plain = _font_files(_plain_weasyprint())
    assert set(patched) == {"IPAexMincho", "IPAmjMincho"}
    assert patched == plain == again
    assert pdf_patches.kept_faces() >= 2
    sizes = {face.size: face.same_subsets for face in pdf_patches._faces.values()}
    # IPAex Mincho is subset from its prepared face; IPAmj Mincho (too large) is not prepared.
    assert {same for size, same in sizes.items() if size <= pdf_patches.PREPROCESS_MAX_BYTES} == {
        True
    }
    assert {same for size, same in sizes.items() if size > pdf_patches.PREPROCESS_MAX_BYTES} == {
        False
    }


def test_a_whole_font_is_the_font_file_when_it_is_embedded_unsubset():
    """`Font.file_content` is filled only when read: then it is the whole file, as before."""
    assert pdf_patches.install()
    with pdf_patches.active():
        data = _plain_weasyprint(full_fonts=True)
    files = _font_files(data)
    with open(checks.font_file("IPAmjMincho"), "rb") as ipamj:
        assert files["IPAmjMincho"] == ipamj.read()


@pytest.fixture
def seen(monkeypatch):
    """What the two devices did in the renders that follow: the finisher each `write_pdf` was
    given, and how often the font patch asked for a kept face (only ever inside `active()`)."""
    seen = {"finishers": [], "kept faces": 0}
    write_pdf, preprocessed = Document.write_pdf, pdf_patches._Face.preprocessed

    def spy_write_pdf(document, *args, finisher=None, **options):
        seen["finishers"].append(finisher)
        return write_pdf(document, *args, finisher=finisher, **options)

    def spy_preprocessed(face):
        seen["kept faces"] += 1
        return preprocessed(face)

    monkeypatch.setattr(Document, "write_pdf", spy_write_pdf)
    monkeypatch.setattr(pdf_patches._Face, "preprocessed", spy_preprocessed)
    return seen


def _notice(application, representative=None):
    with pdf.japanese():
        notice = notices.notice_for(application)
    if representative:
        notice = replace(notice, head=replace(notice.head, representative=representative))
    return notice


def test_switched_off_after_install_a_notice_renders_unpatched_and_valid(approved, settings, seen):
    """KAKUSHIN_PDF_PATCHES=False, read at each render: even with the patch installed earlier in
    the process, `write_pdf` gets no finisher and the font patch is idle (`active()` does
    nothing); the notice is still PDF/A-3b with its subset fonts and text."""
    notice = _notice(approved, RARE)
    assert pdf_patches.install()
    notices.render_notice(notice)
    assert seen["finishers"] == [pdf_patches._deflate_streams_once]
    assert seen["kept faces"] > 0
    seen["finishers"], seen["kept faces"] = [], 0

    settings.KAKUSHIN_PDF_PATCHES = False
    with pdf_patches.active():
        assert not pdf_patches._active.get()
    assert pdf_patches.finisher() is None
    data = notices.render_notice(notice)
    assert seen == {"finishers": [None], "kept faces": 0}
    assert re.search(r"pdfaid:part(>|=\")3", pdfcheck.xmp(data))
    fonts = pdfcheck.fonts(data).values()
    assert {f["family"] for f in fonts} == {"IPAexMincho", "IPAmjMincho"}
    assert all(f["file2"] for f in fonts)
    assert "代表取締役　𠮷田 太郎　様" in pdfcheck.text(data)


@pytest.mark.parametrize("representative", [None, RARE], ids=["typical", "with 𠮷"])
def test_a_notice_says_the_same_with_the_patches_on_and_off(approved, settings, representative):
    """The patches change how fast a notice is made, never what it says: the same text, pages
    and fonts with KAKUSHIN_PDF_PATCHES on and off."""
    notice = _notice(approved, representative)
    on = notices.render_notice(notice)
    settings.KAKUSHIN_PDF_PATCHES = False
    off = notices.render_notice(notice)
    assert on != off  # the finisher deflates at another level: the two were made differently
    assert pdfcheck.text(on) == pdfcheck.text(off)
    assert len(pdfcheck.reader(on).pages) == len(pdfcheck.reader(off).pages)
    assert sorted(f["family"] for f in pdfcheck.fonts(on).values()) == sorted(
        f["family"] for f in pdfcheck.fonts(off).values()
    )
    assert _font_files(on) == _font_files(off)


FRESH_PROCESS = """
import json
import django

django.setup()
import os
import weasyprint
from weasyprint.document import Document
from weasyprint.pdf import fonts

from documents import pdf, pdf_patches

def internals():
    return (
        fonts.get_pango_font_hb_face,
        fonts.get_hb_object_data,
        fonts.Font.__dict__.get("file_content"),
        fonts.Font._harfbuzz_subset,
    )

before, finishers, write_pdf = internals(), [], Document.write_pdf

def spy(document, *args, finisher=None, **options):
    finishers.append(finisher is not None)
    return write_pdf(document, *args, finisher=finisher, **options)

Document.write_pdf = spy
weasyprint.__version__ = os.environ.get("FAKE_WEASYPRINT_VERSION", weasyprint.__version__)
data = pdf.html_to_pdf(%r, stylesheets=["document.css"])
print(json.dumps({
    "untouched": internals() == before,
    "installed": pdf_patches.installed(),
    "finishers": finishers,
    "pdf": data.startswith(b"%%PDF-1.7"),
}))
"""


def _fresh_process(**environ) -> dict:
    """Render HTML in a new Python process and report what became of WeasyPrint there."""
    result = subprocess.run(
        [sys.executable, "-c", FRESH_PROCESS % HTML],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", **environ},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.splitlines()[-1])


def test_switched_off_from_the_start_weasyprint_is_never_patched():
    """A process started with KAKUSHIN_PDF_PATCHES=false renders with WeasyPrint's own
    `Font` and font functions, never replaced, and no finisher; started with the patches on
    (the default), the same render replaces them."""
    off = _fresh_process(KAKUSHIN_PDF_PATCHES="false")
    assert off == {"untouched": True, "installed": False, "finishers": [False], "pdf": True}
    on = _fresh_process(KAKUSHIN_PDF_PATCHES="true")
    assert on == {"untouched": False, "installed": True, "finishers": [True], "pdf": True}


@pytest.mark.parametrize(
    "library, version", [(weasyprint, "71.0"), (pydyf, "0.14.0")], ids=["weasyprint", "pydyf"]
)
def test_with_another_weasyprint_or_pydyf_neither_device_is_used(
    library, version, monkeypatch, caplog, seen
):
    """Another WeasyPrint or pydyf than the patches were written for: install() refuses, even
    in a process where the patch was installed before; `active()` does nothing, `write_pdf`
    gets no finisher, a warning says why (once), and the PDF is still right."""
    assert pdf_patches.install()
    monkeypatch.setattr(library, "__version__", version)
    monkeypatch.setattr(pdf_patches, "_warned", False)
    assert not pdf_patches.install()
    assert pdf_patches.finisher() is None
    with pdf_patches.active():
        assert not pdf_patches._active.get()
    first = pdf.html_to_pdf(HTML, stylesheets=["document.css"])
    pdf.html_to_pdf(HTML, stylesheets=["document.css"])
    assert seen == {"finishers": [None, None], "kept faces": 0}
    assert "代表取締役　𠮷田 太郎　様" in pdfcheck.text(first)
    warnings = [r for r in caplog.records if r.name == pdf_patches.__name__]
    assert len(warnings) == 1
    assert version in warnings[0].getMessage()


def test_another_weasyprint_in_a_fresh_process_is_never_patched():
    """Started with another WeasyPrint version, a process renders with WeasyPrint's internals
    untouched and no finisher."""
    other = _fresh_process(FAKE_WEASYPRINT_VERSION="71.0")
    assert other == {"untouched": True, "installed": False, "finishers": [False], "pdf": True}
