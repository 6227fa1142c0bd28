"""What tests read out of a PDF with pypdf: text, fonts, XMP, embedded files and images."""

import io
import re

from pypdf import PdfReader
from pypdf.generic import IndirectObject

SUBSET_NAME = re.compile(r"^[A-Z]{6}\+(.+)$")


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def text(data: bytes) -> str:
    """All pages' text with line breaks removed: Japanese sentences wrap anywhere."""
    pages = reader(data).pages
    return "".join(page.extract_text() for page in pages).replace("\n", "")


def _resolve(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def fonts(data: bytes) -> dict[str, dict]:
    """Base font name → {"subset": family, "file2": bool} for every font used on a page."""
    found = {}
    for page in reader(data).pages:
        for font in _resolve(page["/Resources"]).get("/Font", {}).values():
            font = _resolve(font)
            descendants = [_resolve(d) for d in font.get("/DescendantFonts", [])] or [font]
            for descendant in descendants:
                descriptor = _resolve(descendant.get("/FontDescriptor"))
                name = str(font["/BaseFont"]).lstrip("/")
                found[name] = {
                    "file2": descriptor is not None and "/FontFile2" in descriptor,
                    "family": (SUBSET_NAME.match(name) or [None, None])[1],
                }
    return found


def xmp(data: bytes) -> str:
    metadata = reader(data).trailer["/Root"]["/Metadata"].get_object()
    return metadata.get_data().decode("utf-8")


def objects(data: bytes) -> list[dict]:
    """Every dictionary reachable from the trailer (pages, resources, names, annotations)."""
    pdf = reader(data)
    seen, found, stack = set(), [], [pdf.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        if isinstance(obj, dict):
            found.append(obj)
            stack.extend(value for key, value in obj.items() if key != "/Parent")
        elif isinstance(obj, list):
            stack.extend(obj)
    return found


def image_xobjects(data: bytes) -> list:
    images = []
    for page in reader(data).pages:
        xobjects = _resolve(_resolve(page["/Resources"]).get("/XObject", {}))
        for xobject in xobjects.values():
            if _resolve(xobject).get("/Subtype") == "/Image":
                images.append(xobject)
    return images


def embedded_files(data: bytes) -> list:
    root = reader(data).trailer["/Root"]
    names = _resolve(root.get("/Names", {}))
    return list(_resolve(names.get("/EmbeddedFiles", {})).get("/Names", []))
