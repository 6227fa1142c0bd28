"""HTML templates to PDF/A-3b with WeasyPrint: the one place the system makes PDFs.

Documents are rendered from templates under templates/documents/ fed by small presenter
dataclasses (never querysets), always in Japanese whatever the requester's language: they are
official documents. Text is set in IPAex Mincho; characters IPAex lacks (𠮷 and other rare
kanji in names) fall back to IPAmj Mincho, and emoji to Noto Color Emoji (drawn as images),
declared in the stylesheet so fontconfig never substitutes an unknown face. Fonts are
embedded as subsets (HarfBuzz; see `documents.checks`).

WeasyPrint is imported on first use (its import is slow) and one
`FontConfiguration` is kept per process: a new one per document makes memory grow without
bound. Pango is not thread-safe, so renders in one process take turns. WeasyPrint's speed
patches (kept font faces, streams deflated once) live in `documents.pdf_patches`.

A document can be a tagged PDF (`tagged=True`: WeasyPrint's `pdf_tags`, a structure tree
from the HTML and MarkInfo /Marked true, for screen readers). It stays PDF/A-3b: level A
(pdf/a-3a) would claim more accessibility than WeasyPrint's automatic tags warrant.

Resources are fetched only through `documents.fetcher` (asset files and data: URLs, no
network), and any `<link rel="attachment">` is dropped before writing: a PDF embeds nothing but
its fonts.
"""

import threading
from collections.abc import Sequence
from functools import cache

from django.template.loader import render_to_string
from django.utils import translation

from documents import pdf_patches
from documents.errors import RenderError

PDF_VARIANT = "pdf/a-3b"
FONT_FAMILIES = ("IPAexMincho", "IPAmjMincho", "KakushinEmoji")
PAGE_NUMBERS_CSS = "page-numbers.css"

_lock = threading.RLock()


@cache
def _engine():
    """(weasyprint module, the process's FontConfiguration, the fetcher module)."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    from documents import fetcher

    return weasyprint, FontConfiguration(), fetcher


@cache
def _stylesheet(name: str):
    weasyprint, font_config, fetcher = _engine()
    path = fetcher.ASSETS_DIR / name
    return weasyprint.CSS(
        string=path.read_text(encoding="utf-8"),
        base_url=path.as_uri(),
        url_fetcher=fetcher.AssetURLFetcher(),
        font_config=font_config,
    )


def japanese():
    """Documents are official and Japanese, whatever language the requester chose."""
    return translation.override("ja")


def render_html(template_name: str, context: dict) -> str:
    with japanese():
        return render_to_string(template_name, context)


def html_to_pdf(
    html: str,
    *,
    stylesheets: Sequence[str] = (),
    page_numbers: bool | None = None,
    tagged: bool = False,
) -> bytes:
    """PDF/A-3b bytes of `html` with the given asset stylesheets.

    Page numbers go on multi-page documents: `None` numbers pages only when the document
    turns out longer than one page (it is laid out again with numbers), True always.
    """
    with _lock:
        pdf_patches.install()  # once per process, if the patches are on
        with pdf_patches.active():
            weasyprint, font_config, fetcher = _engine()
            sheets = [_stylesheet(name) for name in stylesheets]
            document = _layout(weasyprint, fetcher, font_config, html, sheets, page_numbers is True)
            if page_numbers is None and len(document.pages) > 1:
                document = _layout(weasyprint, fetcher, font_config, html, sheets, True)
            # Whatever the HTML says, nothing is embedded but the fonts.
            document.metadata.attachments = []
            return document.write_pdf(
                pdf_variant=PDF_VARIANT, pdf_tags=tagged, finisher=pdf_patches.finisher()
            )


def _layout(weasyprint, fetcher, font_config, html, sheets, numbered):
    if numbered:
        sheets = [*sheets, _stylesheet(PAGE_NUMBERS_CSS)]
    source = weasyprint.HTML(
        string=html,
        base_url=fetcher.ASSETS_DIR.as_uri() + "/",
        url_fetcher=fetcher.AssetURLFetcher(),
    )
    return source.render(font_config=font_config, stylesheets=sheets, pdf_variant=PDF_VARIANT)


def render_pdf(
    template_name: str,
    context: dict,
    *,
    stylesheets: Sequence[str] = ("document.css",),
    page_numbers: bool | None = None,
    tagged: bool = False,
) -> bytes:
    """Render a template under templates/documents/ to PDF/A-3b bytes."""
    html = render_html(template_name, context)
    try:
        return html_to_pdf(html, stylesheets=stylesheets, page_numbers=page_numbers, tagged=tagged)
    except Exception as error:
        raise RenderError(f"{template_name}: {type(error).__name__}: {error}") from error
