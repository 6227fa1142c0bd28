"""The plan's figures (別表3, DOMAIN.md §4): derived rows, missing inputs, per-employee display."""

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
