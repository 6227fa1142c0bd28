"""The Japanese web font the site serves (static/fonts/): it is found by the static files, the
style sheet loads it without blocking text, the Content-Security-Policy allows it, and it has
every Japanese character the interface itself writes."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from fontTools.ttLib import TTFont

ROOT = Path(settings.BASE_DIR)
FONT = "fonts/noto-sans-jp-regular.woff2"
JAPANESE = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")


def _font_face() -> str:
    css = (ROOT / "static/css/site.css").read_text()
    (block,) = re.findall(r"@font-face\s*{[^}]*}", css)
    return block


def test_the_style_sheet_loads_the_served_font_without_hiding_text():
    block = _font_face()
    assert "font-display: swap" in block
    (url,) = re.findall(r'url\("\.\./([^"]+)"\)', block)
    assert url == FONT
    assert finders.find(FONT), "the font is not among the static files"
    family = re.search(r'font-family:\s*("[^"]+")', block).group(1)
    body = re.search(
        r"body\s*{[^}]*font-family:([^;]+);", (ROOT / "static/css/site.css").read_text()
    )
    stack = body.group(1)
    assert family in stack and stack.strip().endswith("sans-serif"), stack


def test_the_content_security_policy_allows_fonts_from_the_site():
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["font-src"] == ["'self'"]


def test_the_font_has_every_japanese_character_of_the_interface():
    """Templates and the Python code (labels, messages, explanations): none of their
    characters falls out of the subset into another face."""
    cmap = TTFont(finders.find(FONT)).getBestCmap()
    used = set()
    sources = list((ROOT / "templates").rglob("*.html"))
    for app in ("accounts", "approvals", "workflow", "documents", "config"):
        sources += [p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]
    for path in sources:
        used |= set(JAPANESE.findall(path.read_text(encoding="utf-8")))
    missing = sorted(c for c in used if ord(c) not in cmap)
    assert missing == [], f"not in {FONT}: {''.join(missing)}"


def test_the_licence_sits_next_to_the_font():
    licence = (ROOT / "static/fonts/OFL.txt").read_text()
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
