"""The system checks fail when HarfBuzz subsetting or an IPA font is missing."""

from django.core.checks import run_checks

from documents import checks


def _ids():
    return sorted(e.id for e in run_checks() if e.id.startswith("documents."))


def test_passes_on_a_machine_with_harfbuzz_subset_and_the_fonts():
    assert checks.harfbuzz_subset_available()
    assert checks.font_file("IPAexMincho").endswith(".ttf")
    assert checks.font_file("IPAmjMincho").endswith("ipamjm.ttf")
    assert _ids() == []


def test_fails_without_harfbuzz_subset(monkeypatch):
    from weasyprint.text import ffi

    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    assert _ids() == ["documents.E001"]


def test_fails_when_a_font_is_missing(monkeypatch):
    real = checks.font_file
    monkeypatch.setattr(checks, "font_file", lambda f: None if f == "IPAmjMincho" else real(f))
    errors = [e for e in run_checks() if e.id == "documents.E002"]
    assert len(errors) == 1
    assert "IPAmjMincho" in errors[0].msg
    assert "fonts-ipamj-mincho" in errors[0].hint


def test_an_unknown_family_is_reported_missing_not_substituted():
    assert checks.font_file("NoSuchFamilyKakushin") is None
