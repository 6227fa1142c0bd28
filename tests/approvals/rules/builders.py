"""Builders shared by the rule tests: a 別表3 row from the indicators, a firm's facts."""

from approvals.rules import CompanyFacts, Figures

KANAGAWA = "神奈川県"
PERSONNEL, DEPRECIATION, COST, SGA = 400, 100, 2_000, 500


def row(year, value_added=10_000, *, ordinary_profit=None, employees=10, total_salary=1_000):
    """A 別表3 row built backwards from the indicators a test is about."""
    operating_profit = value_added - PERSONNEL - DEPRECIATION
    if ordinary_profit is None:
        ordinary_profit = operating_profit
    return Figures(
        year,
        sales=operating_profit + COST + SGA,
        cost_of_sales=COST,
        sga=SGA,
        non_operating_expenses=operating_profit - ordinary_profit,
        personnel_cost=PERSONNEL,
        depreciation=DEPRECIATION,
        employees=employees,
        total_salary=total_salary,
    )


def company(**overrides):
    facts = {
        "prefecture": KANAGAWA,
        "legal_form": "kabushiki",
        "industry": "manufacturing",
        "capital": 10_000_000,
        "employees": 20,
        "closed_fiscal_years": 2,
    }
    return CompanyFacts(**(facts | overrides))
