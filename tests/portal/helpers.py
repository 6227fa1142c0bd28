"""Form data as a browser would post it from the portal's pages."""

from approvals.identifiers import corporate_number_check_digit
from approvals.models import YearFigures
from tests.factories import PLAN_START_MONTH


def valid_corporate_number(base="700110005901") -> str:
    return f"{corporate_number_check_digit(base)}{base}"


def company_data(**overrides) -> dict:
    data = {
        "name": "株式会社みなと精機",
        "legal_form": "kabushiki",
        "corporate_number": valid_corporate_number(),
        "representative_title": "代表取締役",
        "representative_name": "港 花子",
        "postal_code": "231-0023",
        "prefecture": "神奈川県",
        "municipality": "横浜市中区",
        "address": "山下町1-1",
        "phone": "045-000-0000",
        "email": "info@minato.example.jp",
        "industry": "manufacturing",
        "capital": "10,000,000",
        "employees": "25",
        "fiscal_year_end_month": "3",
        "founded_on": "2005-04-01",
        "closed_fiscal_years": "10",
    }
    data.update(overrides)
    return data


def overview_data(**overrides) -> dict:
    data = {
        "theme": "精密切削技術を応用した医療機器部品の製造",
        "activity_types": ["new_product"],
        "existing_business": "自動車部品の切削加工",
        "content": "微細加工技術で医療機器向けの精密部品を製造する。",
        "novelty": "5軸加工と洗浄工程の組合せは同業他社にない。",
        "plan_start": PLAN_START_MONTH,
        "period_years": "3",
        "rd_years": "0",
    }
    data.update(overrides)
    return data


def figures_data(rows: dict[int, dict]) -> dict:
    """{year: {figure: value}} → the table's inputs, e.g. ``y0-sales``."""
    return {
        f"y{year}-{name}": "" if values.get(name) is None else str(values[name])
        for year, values in rows.items()
        for name in YearFigures.INPUT_FIELDS
    }


def formset_data(prefix: str, rows: list[dict], blank_rows: int = 1) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows) + blank_rows),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "50",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def stored_figures(application) -> list[tuple]:
    return list(application.figures.order_by("year").values_list("year", *YearFigures.INPUT_FIELDS))
