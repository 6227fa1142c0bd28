"""WeasyPrint's speed patches, in one place and switchable: font faces kept, streams deflated once.

`documents.pdf` asks this module to `install()` them (once per process), for the `active()`
context around its renders and for the `finisher()` it gives `write_pdf`. Both devices are off
when the KAKUSHIN_PDF_PATCHES setting is (read at each call: WeasyPrint is then never patched,
or an installed patch stays idle), and when WeasyPrint or pydyf is not the version they were
written for, SUPPORTED_WEASYPRINT and SUPPORTED_PYDYF, pinned in pyproject.toml: a warning is
then logged once and tests/documents/test_pdf_patches.py fails, to have them read again. Off,
the documents are the same, only slower to make. What each device saves is measured by
`make bench` (benchmarks/notice.py, patches on against off) and written up, with the figures,
in benchmarks/README.md.

1. Font faces kept for the process (`weasyprint.pdf.fonts`). For each font a document uses,
   WeasyPrint's `Font`, made anew on every render, copies the whole font file into a Python
   `bytes` (`get_hb_object_data(face)`), although with HarfBuzz subsetting the subset replaces
   that copy before anything reads it; and it subsets from the raw face, so HarfBuzz works
   through the whole font again on every render. Both grow with the font, and CJK fonts are
   large. While `active()` (only `documents.pdf`, under its render lock), the patch:

   a. defers that copy: `Font.file_content` becomes a property that makes the copy only if
      it is read before a subset replaced it (fontTools fallback, full embedding, a font
      without glyphs: the same bytes as before, just later);
   b. subsets from a face that `hb_subset_preprocess` made once for the process, HarfBuzz's
      own API for subsetting one font repeatedly. The first subset of each face is made both
      ways and the preprocessed face is used from then on only if the two came out byte for
      byte the same (they do for the IPA fonts: tests/documents/test_pdf_patches.py). The
      cost is memory kept for the process, so only fonts up to PREPROCESS_MAX_BYTES are
      prepared: IPAex Mincho is; IPAmj Mincho is not, since its prepared face would keep more
      memory in every process than the time it saves on the rare notice that needs it is
      worth.

   Only the faces of the process's one FontConfiguration are seen here (renders outside
   `active()` are untouched), so the few faces are kept, referenced, for the process: a kept
   face cannot be freed, so its address keys it safely.

2. Streams deflated once (pydyf's `Stream`, through WeasyPrint's finisher hook). pydyf
   deflates a stream at level 9, zlib's slowest, every time its bytes are asked for, and a
   PDF/A file identifier is an MD5 of every object, so each stream is compressed twice, most
   of the time on the embedded font subsets. The finisher deflates each stream once, at
   zlib's fastest level (DEFLATE_LEVEL), before the PDF is written; the files come out a
   little larger. It relies on pydyf's internals (`pydyf._to_bytes`, `Stream.stream`,
   `.compress`, `.extra`).
"""

import contextlib
import contextvars
import logging
import threading
import zlib

from django.conf import settings

logger = logging.getLogger(__name__)

# The versions the patches were written for (pinned in pyproject.toml); with others, neither
# device is used.
SUPPORTED_WEASYPRINT = "70.0"
SUPPORTED_PYDYF = "0.13.0"
# Fonts larger than this are subset from their own face, as WeasyPrint does (see above).
PREPROCESS_MAX_BYTES = 16 * 2**20
PREPROCESS_CDEF = "hb_face_t * hb_subset_preprocess (hb_face_t *source);"
# zlib's fastest: the subsets (long runs of empty glyph entries) shrink little more at higher
# levels, for several times the time (benchmarks/README.md).
DEFLATE_LEVEL = 1

_active = contextvars.ContextVar("documents_pdf_patches_active", default=False)
_install_lock = threading.Lock()
# None until install() first runs with the patches on, then whether the font patch is in.
_installed = None
_warned = False
# Address of a Pango font's HarfBuzz face → _Face.
_faces: dict[int, "_Face"] = {}


class _Face:
    """A Pango font's face, referenced so it outlives every render, and its preprocessed copy."""

    def __init__(self, face):
        from weasyprint.text.ffi import ffi, harfbuzz

        self.source = ffi.gc(harfbuzz.hb_face_reference(face), harfbuzz.hb_face_destroy)
        self._preprocessed = None
        blob = harfbuzz.hb_face_reference_blob(face)
        self.size = harfbuzz.hb_blob_get_length(blob)
        harfbuzz.hb_blob_destroy(blob)
        # Whether subsets of the preprocessed face are those of the source: None until seen,
        # False for a font too large to keep a prepared copy of.
        self.same_subsets = None if self.size <= PREPROCESS_MAX_BYTES else False

    def preprocessed(self):
        """The preprocessed face, made on first use; None if HarfBuzz could not make it."""
        if self._preprocessed is None and self.same_subsets is not False:
            from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset

            face = harfbuzz_subset.hb_subset_preprocess(self.source)
            if face == ffi.NULL:
                self.same_subsets = False
                return None
            self._preprocessed = ffi.gc(face, harfbuzz.hb_face_destroy)
        return self._preprocessed

    def release(self):
        self._preprocessed = None


class _Deferred:
    """Stands for the whole font file in `Font.file_content` until someone reads it."""

    __slots__ = ("face",)

    def __init__(self, face):
        self.face = face


def _address(cdata) -> int:
    from weasyprint.text.ffi import ffi

    return int(ffi.cast("uintptr_t", cdata))


def enabled() -> bool:
    """Whether the patches are used now: KAKUSHIN_PDF_PATCHES is on (read at each call) and
    WeasyPrint and pydyf are the versions they were written for."""
    return settings.KAKUSHIN_PDF_PATCHES and written_for_these_versions()


def written_for_these_versions() -> bool:
    """Whether WeasyPrint and pydyf are SUPPORTED_WEASYPRINT and SUPPORTED_PYDYF (a warning,
    once per process, if not)."""
    global _warned
    import pydyf
    import weasyprint

    if (weasyprint.__version__, pydyf.__version__) == (SUPPORTED_WEASYPRINT, SUPPORTED_PYDYF):
        return True
    if not _warned:
        _warned = True
        logger.warning(
            "documents.pdf_patches not used: written for WeasyPrint %s and pydyf %s, found %s "
            "and %s; PDFs stay correct, only slower. Check the patches, then the pins.",
            SUPPORTED_WEASYPRINT,
            SUPPORTED_PYDYF,
            weasyprint.__version__,
            pydyf.__version__,
        )
    return False


def install() -> bool:
    """Patch WeasyPrint's font embedding once per process, if the patches are on.

    Whether the font patch is installed. Off, WeasyPrint's internals are left untouched.
    """
    global _installed
    if not enabled():
        return False
    with _install_lock:
        if _installed is None:
            _installed = _install_font_patch()
    return _installed


@contextlib.contextmanager
def active():
    """Keep and reuse font faces for the renders inside (the caller serialises them).

    A no-op when the patches are off or the font patch is not installed: the installed patch
    does what WeasyPrint does everywhere but inside `active()`.
    """
    if not (_installed and enabled()):
        yield
        return
    token = _active.set(True)
    try:
        yield
    finally:
        _active.reset(token)


def finisher():
    """The finisher to give WeasyPrint's `write_pdf`: None when the patches are off."""
    return _deflate_streams_once if enabled() else None


def installed() -> bool:
    return bool(_installed)


def kept_faces() -> int:
    return len(_faces)


def _install_font_patch() -> bool:
    from weasyprint.pdf import fonts
    from weasyprint.text.ffi import ffi, harfbuzz_subset

    if harfbuzz_subset is None:
        logger.warning("documents.pdf_patches: no HarfBuzz subsetting, font patch not installed")
        return False
    try:
        harfbuzz_subset.hb_subset_preprocess  # noqa: B018 (has WeasyPrint declared it?)
    except AttributeError:
        ffi.cdef(PREPROCESS_CDEF)

    original_face = fonts.get_pango_font_hb_face
    original_data = fonts.get_hb_object_data
    original_subset = fonts.Font._harfbuzz_subset

    def get_pango_font_hb_face(pango_font):
        face = original_face(pango_font)
        if _active.get() and _address(face) not in _faces:
            _faces[_address(face)] = _Face(face)
        return face

    def get_hb_object_data(hb_object, ot_color=None, glyph=None):
        if ot_color is None and _active.get() and _address(hb_object) in _faces:
            return _Deferred(hb_object)
        return original_data(hb_object, ot_color, glyph)

    def file_content_get(font):
        content = font.__dict__["file_content"]
        if isinstance(content, _Deferred):
            content = font.__dict__["file_content"] = original_data(content.face)
        return content

    def file_content_set(font, value):
        font.__dict__["file_content"] = value

    def _harfbuzz_subset(font, to_unicode, hinting):
        face = _faces.get(_address(font.hb_face)) if _active.get() else None
        preprocessed = face and face.preprocessed()
        if preprocessed is None:
            return original_subset(font, to_unicode, hinting)
        if face.same_subsets is None:
            # First subset of this face: make it both ways, keep the usual one, and use
            # the preprocessed face from now on only if the two are the same bytes.
            before = font.__dict__["file_content"]
            original_subset(font, to_unicode, hinting)
            usual, font.__dict__["file_content"] = font.__dict__["file_content"], before
        source, font.hb_face = font.hb_face, preprocessed
        try:
            original_subset(font, to_unicode, hinting)
        finally:
            font.hb_face = source
        if face.same_subsets is None:
            face.same_subsets = font.__dict__["file_content"] == usual
            if not face.same_subsets:
                face.release()
                logger.warning("%s: preprocessed subsets differ, not used", font.family)
            font.__dict__["file_content"] = usual

    fonts.get_pango_font_hb_face = get_pango_font_hb_face
    fonts.get_hb_object_data = get_hb_object_data
    fonts.Font.file_content = property(file_content_get, file_content_set)
    fonts.Font._harfbuzz_subset = _harfbuzz_subset
    return True


def _deflate_streams_once(document, pdf) -> None:
    """WeasyPrint finisher: deflate each stream once, before the PDF is written (see above).

    The streams stay Flate-compressed; the bytes are made by pydyf's own item serialiser, as
    `Stream.data` makes them.
    """
    import pydyf

    for obj in pdf.objects:
        if not isinstance(obj, pydyf.Stream) or not obj.compress or "Filter" in obj.extra:
            continue
        raw = b"\n".join(pydyf._to_bytes(item) for item in obj.stream)
        obj.stream = [zlib.compress(raw, DEFLATE_LEVEL)]
        obj.extra["Filter"] = "/FlateDecode"
        obj.compress = False
