"""The live preview recomputes derived rows and verdicts from typed, unsaved figures."""

import pytest
from django.urls import reverse

from tests.portal.helpers import figures_data, stored_figures


def _rows(final_value_added: int) -> dict[int, dict]:
    """A 3-year plan whose value added goes from 10,000 to the given value (千円)."""
    base = {
        "cost_of_sales": 0,
        "sga": 0,
        "non_operating_expenses": 0,
        "personnel_cost": 0,
        "depreciation": 0,
        "employees": 1,
        "total_salary": 1000,
    }
    return {
        0: {**base, "sales": 10_000},
        1: {**base, "sales": 10_300},
        2: {**base, "sales": 10_600},
        3: {**base, "sales": final_value_added, "total_salary": 1045},
    }


def _criterion(page: str, code: str) -> str:
    return page.split(f'id="criterion-{code}"', 1)[1].split("</tr>", 1)[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("final", "growth", "verdict"),
    [
        (10_900, "9.00%", "達成"),
        (10_899, "8.99%", "未達"),
    ],
)
def test_preview_judges_the_typed_figures_without_saving(
    client, draft, applicant, final, growth, verdict
):
    client.force_login(applicant)
    before = stored_figures(draft)
    url = reverse("approvals:application-figures-preview", args=[draft.pk])
    response = client.post(url, figures_data(_rows(final)), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = response.content.decode()
    row = _criterion(page, "value_added")
    assert growth in row and verdict in row
    # The derived rows come back out of band for the table.
    assert f'id="derived-3-value_added" class="derived-value" hx-swap-oob="true">{final:,}' in page
    assert stored_figures(draft) == before


@pytest.mark.django_db
def test_preview_lists_failures_first_and_names_unreadable_cells(client, draft, applicant):
    client.force_login(applicant)
    data = figures_data(_rows(10_900))  # value added passes …
    data["y3-total_salary"] = "1000"  # … but salaries do not grow: the plan fails
    data["y1-sales"] = "abc"
    url = reverse("approvals:application-figures-preview", args=[draft.pk])
    page = client.post(url, data, HTTP_HX_REQUEST="true").content.decode()
    assert page.index('id="criterion-total_salary"') < page.index('id="criterion-value_added"')
    assert "空欄として計算しています" in page
    assert "売上高（1年目）" in page


@pytest.mark.django_db
def test_the_figures_page_wires_the_preview_and_shows_the_saved_check(client, draft, applicant):
    client.force_login(applicant)
    page = client.get(reverse("approvals:application-figures", args=[draft.pk])).content.decode()
    assert 'hx-trigger="input changed delay:500ms"' in page
    assert reverse("approvals:application-figures-preview", args=[draft.pk]) in page
    assert 'name="y0-sales"' in page and 'name="y-2-sales"' in page and 'name="y3-sales"' in page
    assert 'name="y4-sales"' not in page
    assert 'inputmode="numeric"' in page
    assert "達成" in page
