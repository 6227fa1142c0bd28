"""System checks: the PDF notices need HarfBuzz subsetting, the IPA fonts and an emoji font.

Without libharfbuzz-subset0 WeasyPrint silently subsets fonts with fontTools, many times slower
on CJK fonts; without a font, fontconfig silently substitutes another typeface, and a notice
prints in the wrong face or loses a character of a name. Both fail `manage.py check` (and so
runserver, migrate and deployment) instead. `scripts/bootstrap.sh` installs what is missing.
"""

from django.core.checks import Error, register

# Family → the Debian package that provides it.
REQUIRED_FONTS = {
    "IPAexMincho": "fonts-ipaexfont-mincho",
    "IPAmjMincho": "fonts-ipamj-mincho",
    # Emoji an applicant typed into the plan (a theme, a schedule item) print as themselves.
    "Noto Color Emoji": "fonts-noto-color-emoji",
}


def harfbuzz_subset_available() -> bool:
    from weasyprint.text import ffi

    return ffi.harfbuzz_subset is not None


def font_file(family: str) -> str | None:
    """The file fontconfig uses for `family`, or None when it would substitute another face."""
    from weasyprint.text.ffi import ffi, fontconfig

    config = ffi.gc(fontconfig.FcInitLoadConfigAndFonts(), fontconfig.FcConfigDestroy)
    pattern = ffi.gc(fontconfig.FcPatternCreate(), fontconfig.FcPatternDestroy)
    fontconfig.FcPatternAddString(pattern, b"family", family.encode())
    fontconfig.FcConfigSubstitute(config, pattern, fontconfig.FcMatchPattern)
    fontconfig.FcDefaultSubstitute(pattern)
    result = ffi.new("FcResult *")
    match = fontconfig.FcFontMatch(config, pattern, result)
    if match == ffi.NULL:
        return None
    match = ffi.gc(match, fontconfig.FcPatternDestroy)
    families, index, value = set(), 0, ffi.new("FcChar8 **")
    while fontconfig.FcPatternGetString(match, b"family", index, value) == 0:
        families.add(ffi.string(value[0]).decode())
        index += 1
    if family not in families:
        return None
    if fontconfig.FcPatternGetString(match, b"file", 0, value) != 0:
        return None
    return ffi.string(value[0]).decode()


@register()
def pdf_dependencies(app_configs=None, **kwargs):
    errors = []
    if not harfbuzz_subset_available():
        errors.append(
            Error(
                "HarfBuzz subsetting (libharfbuzz-subset0) is not available to WeasyPrint.",
                hint="apt-get install libharfbuzz-subset0 (scripts/bootstrap.sh installs it); "
                "without it fonts are subset by fontTools, many times slower.",
                id="documents.E001",
            )
        )
    for family, package in REQUIRED_FONTS.items():
        if font_file(family) is None:
            errors.append(
                Error(
                    f"The font {family} is not installed (fontconfig would substitute another).",
                    hint=f"apt-get install {package} (scripts/bootstrap.sh installs it).",
                    id="documents.E002",
                )
            )
    return errors
