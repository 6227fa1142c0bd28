"""Build the web font the site serves: Noto Sans JP Regular, subset to what Japanese forms use,
as WOFF2 in static/fonts/ (about 2.2 MB).

The source is Debian's fonts-noto-cjk (Noto Sans CJK, SIL Open Font License 1.1; the JP face of
the collection is the same design as Noto Sans JP). The subset keeps ASCII and Latin-1, the
characters of Windows-31J (JIS X 0208 levels 1 and 2, the NEC and IBM extensions common in
company names: 髙, 﨑, ①, ㈱), half-width kana and a few symbols the templates use. Run it
again after a change of the character list; the output is committed, so neither a deployment
nor a test needs the Debian package or fonttools (fonttools comes with WeasyPrint).

One weight only: the font is the last of the stack (site.css), used where the machine has no
Japanese Gothic of its own, and a bold subset would double the download; the browser thickens
the regular face for headings there.

    uv run python scripts/subset_fonts.py
"""

import contextlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

SOURCE = Path("/usr/share/fonts/opentype/noto")
TARGET = Path(__file__).resolve().parent.parent / "static" / "fonts"
WEIGHTS = {"Regular": "noto-sans-jp-regular.woff2"}
EXTRA = "‐–—―‘’“”†‡•…‰′″※‹›←↑→↓⇒⇔∀∂∃∇∈∋−√∝∞∠∧∨∩∪∫∴∵≒≠≡≦≧≪≫⊂⊃⊆⊇⊥⌒─│■□▲△▼▽◆◇○◎●◯★☆♪✓✔✗✘〒〜㋿"


def characters() -> str:
    chars = {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x180)}
    for lead in list(range(0x81, 0xA0)) + list(range(0xE0, 0xFD)):
        for trail in list(range(0x40, 0x7F)) + list(range(0x80, 0xFD)):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((lead, trail)).decode("cp932"))
    chars |= {chr(c) for c in range(0xFF61, 0xFFA0)}  # half-width kana
    chars |= {chr(c) for c in range(0x3000, 0x3100)}  # CJK punctuation, hiragana, katakana
    chars |= set(EXTRA)
    return "".join(sorted(c for c in chars if c.isprintable() or c == "\u3000"))


def japanese_face(path: Path):
    for font in TTCollection(path).fonts:
        if font["name"].getDebugName(1).endswith(" JP"):
            return font
    raise SystemExit(f"{path} has no JP face")


def main() -> int:
    text = characters()
    TARGET.mkdir(parents=True, exist_ok=True)
    for weight, name in WEIGHTS.items():
        font = japanese_face(SOURCE / f"NotoSansCJK-{weight}.ttc")
        options = subset.Options()
        options.flavor = "woff2"
        options.hinting = False
        options.desubroutinize = True
        options.layout_features = ["kern", "palt", "vert", "liga", "ccmp", "locl"]
        options.name_IDs = ["*"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        out = TARGET / name
        font.flavor = "woff2"
        font.save(out)
        print(f"{out.name}: {len(text)} characters, {out.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
