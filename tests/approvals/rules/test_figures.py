"""The plan's figures (別表3, DOMAIN.md §4): derived rows, missing inputs, per-employee display."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from approvals.rules import Figures, derived


def test_derived_rows():
    """Derived rows follow §4; 経常利益 leaves non-operating income out."""
    figures = Figures(
        0,
        sales=10_000,
        cost_of_sales=6_000,
        sga=2_500,
        non_operating_expenses=300,
        personnel_cost=1_800,
        depreciation=400,
        employees=7,
    )
    assert derived(figures) == {
        "gross_profit": 4_000,
        "operating_profit": 1_500,
        "ordinary_profit": 1_200,
        "value_added": 3_700,
        "value_added_per_employee": Decimal("528.6"),  # 3700 / 7 = 528.571…
    }
    assert figures.value_added == 3_700
    assert figures.ordinary_profit == 1_200


ALL_FROM_SALES = {"gross_profit", "operating_profit", "ordinary_profit", "value_added"}
PER_EMPLOYEE = "value_added_per_employee"


@pytest.mark.parametrize(
    ("missing", "none_rows"),
    [
        ("sales", ALL_FROM_SALES | {PER_EMPLOYEE}),
        ("cost_of_sales", ALL_FROM_SALES | {PER_EMPLOYEE}),
        ("sga", {"operating_profit", "ordinary_profit", "value_added", PER_EMPLOYEE}),
        ("non_operating_expenses", {"ordinary_profit"}),
        ("personnel_cost", {"value_added", PER_EMPLOYEE}),
        ("depreciation", {"value_added", PER_EMPLOYEE}),
        ("employees", {PER_EMPLOYEE}),
    ],
)
def test_derived_rows_are_none_when_an_input_is_missing(missing, none_rows):
    """A derived row is None when one of its inputs is not entered, never a guess."""
    figures = Figures(
        0,
        **{
            "sales": 10_000,
            "cost_of_sales": 6_000,
            "sga": 2_500,
            "non_operating_expenses": 300,
            "personnel_cost": 1_800,
            "depreciation": 400,
            "employees": 7,
        }
        | {missing: None},
    )
    assert {name for name, value in derived(figures).items() if value is None} == none_rows


@pytest.mark.parametrize(
    ("value_added", "employees", "per_employee"),
    [
        (1_001, 20, Decimal("50.1")),  # 50.05 rounds half up
        (-1_001, 20, Decimal("-50.1")),
        (1_000, 3, Decimal("333.3")),
        (2_000, 3, Decimal("666.7")),
        (1_000, 0, None),  # no employees: no ratio
        (1_000, None, None),
    ],
)
def test_value_added_per_employee_display(value_added, employees, per_employee):
    """Per employee is shown to 0.1 千円, half up; any object with the attributes will do."""
    duck = SimpleNamespace(
        sales=value_added,
        cost_of_sales=0,
        sga=0,
        non_operating_expenses=0,
        personnel_cost=0,
        depreciation=0,
        employees=employees,
    )
    assert derived(duck)["value_added_per_employee"] == per_employee


def test_the_years_of_the_table():
    from approvals.rules.figures import table_years

    assert table_years(None) == []
    assert table_years(3) == [-2, -1, 0, 1, 2, 3]
    assert table_years(7) == [-2, -1, 0, 1, 2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize(
    ("on", "first", "last"),
    [
        (date(2026, 4, 15), date(2025, 4, 1), date(2028, 4, 1)),
        (date(2026, 1, 1), date(2025, 1, 1), date(2028, 1, 1)),
        (date(2026, 12, 31), date(2025, 12, 1), date(2028, 12, 1)),
    ],
)
def test_a_plan_starts_from_a_year_before_to_two_years_after(on, first, last):
    from approvals.rules.figures import plan_start_problem, plan_start_window

    assert plan_start_window(on) == (first, last)
    assert plan_start_problem(None, on=on) is None
    assert plan_start_problem(first, on=on) is None
    assert plan_start_problem(last.replace(day=28), on=on) is None
    message = (
        f"計画開始年月は{first.year}年{first.month}月から{last.year}年{last.month}月までの"
        "間で入力してください（申請日の1年前から2年後まで）。"
    )
    before = date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)
    after = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    assert plan_start_problem(before, on=on) == message
    assert plan_start_problem(after, on=on) == message
