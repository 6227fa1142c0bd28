"""The patch of WeasyPrint's font embedding (documents.pdf_patches): installed for the pinned
WeasyPrint, same font subsets as plain WeasyPrint, whole fonts still right when embedded."""

import io

import weasyprint
from pypdf import PdfReader

from documents import checks, pdf, pdf_patches

HTML = (
    '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>t</title></head>'
    "<body><p>代表取締役　𠮷田 太郎　様</p></body></html>"
)


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


def test_installed_for_the_weasyprint_it_was_written_for():
    """A WeasyPrint upgrade fails here: read its pdf/fonts.py again before raising the pin."""
    pdf._engine()
    assert weasyprint.__version__ == pdf_patches.SUPPORTED_WEASYPRINT
    assert pdf_patches.installed()


def test_subsets_are_those_of_plain_weasyprint_and_faces_are_kept():
    patched = _font_files(pdf.html_to_pdf(HTML, stylesheets=["document.css"]))
    again = _font_files(pdf.html_to_pdf(HTML, stylesheets=["document.css"]))
    plain = _font_files(_plain_weasyprint())
    assert set(patched) == {"IPAexMincho", "IPAmjMincho"}
    assert patched == plain == again
    assert pdf_patches.kept_faces() >= 2
    sizes = {face.size: face.same_subsets for face in pdf_patches._faces.values()}
    # IPAex Mincho is subset from its prepared face; IPAmj Mincho (46 MB) is not prepared.
    assert {same for size, same in sizes.items() if size <= pdf_patches.PREPROCESS_MAX_BYTES} == {
        True
    }
    assert {same for size, same in sizes.items() if size > pdf_patches.PREPROCESS_MAX_BYTES} == {
        False
    }


def test_a_whole_font_is_the_font_file_when_it_is_embedded_unsubset():
    """`Font.file_content` is filled only when read: then it is the whole file, as before."""
    with pdf_patches.active():
        data = _plain_weasyprint(full_fonts=True)
    files = _font_files(data)
    with open(checks.font_file("IPAmjMincho"), "rb") as ipamj:
        assert files["IPAmjMincho"] == ipamj.read()
