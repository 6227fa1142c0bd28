"""One date style per language on every page: 2026年12月2日 5時46分, 2 December 2026, 05:46."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import translation

WHEN = datetime(2026, 12, 2, 5, 46, tzinfo=ZoneInfo("Asia/Tokyo"))


def render(source: str, language: str) -> str:
    with translation.override(language):
        return Template(source).render(Context({"when": WHEN, "day": date(2026, 12, 2)}))


def test_japanese_pages_write_dates_the_digital_agency_way():
    assert render('{{ when|date:"SHORT_DATETIME_FORMAT" }}', "ja") == "2026年12月2日 5時46分"
    assert render('{{ when|date:"DATETIME_FORMAT" }}', "ja") == "2026年12月2日 5時46分"
    assert render('{{ day|date:"DATE_FORMAT" }}', "ja") == "2026年12月2日"
    assert render("{{ day }}", "ja") == "2026年12月2日"


def test_english_pages_write_the_day_before_the_month_never_12_02():
    assert render('{{ when|date:"SHORT_DATETIME_FORMAT" }}', "en") == "2 December 2026, 05:46"
    assert render('{{ day|date:"SHORT_DATE_FORMAT" }}', "en") == "2 December 2026"
