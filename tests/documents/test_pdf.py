"""The PDF renderer: PDF/A-3b with subset fonts and metadata, and a fetcher that reaches
nothing but the asset folder and data: URLs."""

import os
import re
import urllib.request

import pytest

from documents import fetcher, pdf
from documents.errors import RefusedURL
from tests.documents import pdfcheck
from tests.documents.httpspy import spy_server

TINY_PNG = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4"
    "DwABBAEAwS2OUAAAAABJRU5ErkJggg=="
)


def _html(body: str, title: str = "テスト文書") -> str:
    return (
        '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">'
        f'<title>{title}</title><meta name="author" content="神奈川県知事">'
        f'<meta name="description" content="件名"></head><body>{body}</body></html>'
    )


@pytest.fixture(scope="module")
def simple_pdf():
    return pdf.html_to_pdf(_html("<p>令和8年11月24日 𠮷田 一郎</p>"), stylesheets=["document.css"])


def test_pdf_is_pdfa_3b_with_title_author_and_subject(simple_pdf):
    assert simple_pdf.startswith(b"%PDF-1.7")
    xmp = pdfcheck.xmp(simple_pdf)
    assert re.search(r"pdfaid:part(>|=\")3", xmp), xmp
    assert re.search(r"pdfaid:conformance(>|=\")B", xmp), xmp
    metadata = pdfcheck.reader(simple_pdf).metadata
    assert (metadata.title, metadata.author, metadata.subject) == (
        "テスト文書",
        "神奈川県知事",
        "件名",
    )


def test_fonts_are_embedded_subsets_with_ipamj_for_what_ipaex_lacks(simple_pdf):
    fonts = pdfcheck.fonts(simple_pdf)
    assert fonts, "no fonts"
    assert all(f["family"] and f["file2"] for f in fonts.values()), fonts
    assert {f["family"] for f in fonts.values()} == {"IPAexMincho", "IPAmjMincho"}
    assert "𠮷田 一郎" in pdfcheck.text(simple_pdf)


def test_emoji_are_drawn_from_the_emoji_font_and_digits_stay_text():
    """Noto Color Emoji has keycap digits: given the whole font Pango would draw 2027 as four
    pictures. Only emoji code points come from it."""
    data = pdf.html_to_pdf(
        _html("<p>令和9年（2027年）🍣12月 ☆ No.1</p>"), stylesheets=["document.css"]
    )
    assert len(pdfcheck.image_xobjects(data)) == 1
    assert "令和9年（2027年）🍣12月 ☆ No.1" in pdfcheck.text(data)
    plain = pdf.html_to_pdf(_html("<p>2027年12月31日 No.1 #3 *</p>"), stylesheets=["document.css"])
    assert pdfcheck.image_xobjects(plain) == []
    assert {f["family"] for f in pdfcheck.fonts(plain).values()} == {"IPAexMincho"}


def test_one_page_has_no_page_number_and_longer_documents_are_numbered(simple_pdf):
    assert "1 / 1" not in pdfcheck.text(simple_pdf)
    long = pdf.html_to_pdf(_html("<p>段落</p>" * 120), stylesheets=["document.css"])
    pages = pdfcheck.reader(long).pages
    assert len(pages) > 1
    assert f"1 / {len(pages)}" in pages[0].extract_text()
    assert f"{len(pages)} / {len(pages)}" in pages[-1].extract_text()


def test_raw_html_cannot_fetch_or_embed_anything_even_unescaped(tmp_path):
    """Defence in depth: applicant text is escaped, but even markup that got through fetches
    nothing from the network or the file system and embeds nothing."""
    with spy_server() as (base, requests):
        body = (
            '<img src="file:///etc/hostname">'
            f'<img src="{base}image.png">'
            f'<link rel="stylesheet" href="{base}style.css">'
            '<link rel="attachment" href="file:///etc/passwd">'
            f'<link rel="attachment" href="{base}attachment.bin">'
            '<img src="../../../../../../etc/hostname">'
            "<p>本文</p>"
        )
        data = pdf.html_to_pdf(_html(body))
    assert requests == []
    assert pdfcheck.image_xobjects(data) == []
    assert pdfcheck.embedded_files(data) == []
    assert not [o for o in pdfcheck.objects(data) if o.get("/Type") == "/EmbeddedFile"]


def test_the_fetcher_serves_assets_and_data_urls_only():
    css = (fetcher.ASSETS_DIR / "document.css").as_uri()
    assert b"A4" in fetcher.AssetURLFetcher().fetch(css).read()
    assert fetcher.AssetURLFetcher().fetch(TINY_PNG).read().startswith(b"\x89PNG")
    refused = [
        "file:///etc/hostname",
        (fetcher.ASSETS_DIR / ".." / "models.py").as_uri(),
        css.replace("/assets/", "/assets/../assets/../"),
        "file://example.org/etc/hostname",
        "ftp://127.0.0.1/x",
        "https://example.org/x.png",
    ]
    for url in refused:
        with pytest.raises(ValueError):
            fetcher.AssetURLFetcher().fetch(url)


def test_the_fetcher_does_not_follow_a_symlink_out_of_the_asset_folder(tmp_path):
    root = tmp_path / "assets"
    root.mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    os.symlink(tmp_path / "secret.txt", root / "innocent.css")
    (root / "real.css").write_text("p {}")
    assert fetcher.asset_path((root / "real.css").as_uri(), root) == str(root / "real.css")
    with pytest.raises(RefusedURL):
        fetcher.asset_path((root / "innocent.css").as_uri(), root)


def test_the_fetcher_never_opens_a_network_connection():
    with spy_server() as (base, requests):
        with pytest.raises(ValueError):
            fetcher.AssetURLFetcher().fetch(base)
        urllib.request.urlopen(base).close()  # the spy itself works
    assert requests == ["/"]


def test_one_font_configuration_per_process():
    first = pdf._engine()[1]
    pdf.html_to_pdf(_html("<p>一</p>"))
    assert pdf._engine()[1] is first
