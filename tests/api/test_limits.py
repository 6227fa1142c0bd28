"""Bad or outsized input gets a clear 4xx and changes nothing, with the same limits in the API as
in the portal (approvals.constants, approvals.rules), and the API answers errors as JSON."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.constants import MAX_ROWS
from approvals.models import Application, Company
from tests.portal.helpers import company_data, overview_data, valid_corporate_number


def rows(n):
    return [{"item": f"項目{i}", "start": "1-1", "end": "1-2"} for i in range(n)]


@pytest.mark.django_db
def test_as_many_schedule_rows_as_the_portal_and_no_more(client_a, draft, browser_for):
    """50 rows are saved through the API; 51 are refused (400) and nothing is saved, as the
    portal's formset refuses a 51st row."""
    url = f"/api/v1/applications/{draft.pk}/"
    assert client_a.patch(url, {"schedule": rows(MAX_ROWS)}, format="json").status_code == 200
    before = list(draft.schedule.values_list("item", flat=True))
    response = client_a.patch(url, {"schedule": rows(MAX_ROWS + 1)}, format="json")
    assert response.status_code == 400
    assert "schedule" in response.json()["errors"]
    assert list(draft.schedule.values_list("item", flat=True)) == before

    portal = browser_for(draft.created_by)
    data = {
        "schedule-TOTAL_FORMS": str(MAX_ROWS + 1),
        "schedule-INITIAL_FORMS": "0",
        **{
            f"schedule-{i}-{k}": v
            for i, row in enumerate(rows(MAX_ROWS + 1))
            for k, v in row.items()
        },
    }
    page = portal.post(reverse("approvals:application-schedule", args=[draft.pk]), data)
    assert page.status_code == 200  # shown again with the error, not saved
    assert list(draft.schedule.values_list("item", flat=True)) == before


@pytest.mark.django_db
def test_a_deeply_nested_body_is_a_400_with_a_reason(client_a, draft):
    response = client_a.generic(
        "PATCH",
        f"/api/v1/applications/{draft.pk}/",
        "[" * 5000 + "]" * 5000,
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "リクエストの本文の入れ子が深すぎます。"
    nested = {"theme": "x", "schedule": [[[[[[[[[[[[[[[[[["1-1"]]]]]]]]]]]]]]]]]]}
    assert (
        client_a.patch(f"/api/v1/applications/{draft.pk}/", nested, format="json").status_code
        == 400
    )


@pytest.mark.django_db
def test_options_describes_an_endpoint_without_failing(client_a):
    response = client_a.options("/api/v1/company/")
    assert response.status_code == 200
    assert response.json()["name"] == "Company"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/v1/applications/abc/", "/api/v1/tasks/1x/claim/", "/api/v1/nothing-here/"]
)
def test_not_found_in_the_api_is_json(client_a, path):
    response = client_a.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "見つかりません。", "errors": {}}


@pytest.mark.django_db
def test_a_version_that_is_no_number_is_not_found_on_the_portal(browser_for, submitted):
    """「²」 is a digit to Python's str.isdigit: it used to reach int() and give a 500."""
    url = reverse("documents:form-download", args=[submitted.pk]) + "?version=²"
    assert browser_for(submitted.created_by).get(url).status_code == 404


@pytest.mark.django_db
def test_the_prefecture_comes_from_the_list_in_the_api_as_on_the_page(client_a, browser_for):
    """A prefecture that does not exist is refused by both (the API took free text)."""
    user = Company.objects.get().members.first()
    response = client_a.put("/api/v1/company/", {"prefecture": "ほげ県"}, format="json")
    assert response.status_code == 400 and "prefecture" in response.json()["errors"]
    page = browser_for(user).post(reverse("approvals:company"), company_data(prefecture="ほげ県"))
    assert page.status_code == 200 and "prefecture" in page.context["form"].errors
    assert Company.objects.get().prefecture == "神奈川県"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("founded_on", "accepted"),
    [
        (date(1867, 12, 31), False),
        (date(1868, 1, 1), True),
        ("today", True),
        ("tomorrow", False),
    ],
)
def test_a_founding_date_between_1868_and_today(client_a, browser_for, founded_on, accepted):
    today = timezone.localdate()
    founded_on = {"today": today, "tomorrow": date.fromordinal(today.toordinal() + 1)}.get(
        founded_on, founded_on
    )
    company = Company.objects.get()
    profile = client_a.get("/api/v1/company/").json()
    profile["founded_on"] = founded_on.isoformat()
    profile["corporate_number"] = valid_corporate_number()
    response = client_a.put("/api/v1/company/", profile, format="json")
    assert (response.status_code == 200) is accepted, response.json()
    page = browser_for(company.members.first()).post(
        reverse("approvals:company"), company_data(founded_on=founded_on.isoformat())
    )
    assert (page.status_code == 302) is accepted
    assert (Company.objects.get().founded_on == founded_on) is accepted


def months_from_now(n: int) -> date:
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("months", "accepted"), [(-13, False), (-12, True), (24, True), (25, False)]
)
def test_a_plan_starts_within_a_year_before_and_two_years_after(
    client_a, browser_for, draft, months, accepted
):
    """The same window in the API, the portal's form and the submission check."""
    start = months_from_now(months)
    response = client_a.patch(
        f"/api/v1/applications/{draft.pk}/",
        {"plan_start": start.strftime("%Y-%m")},
        format="json",
    )
    assert (response.status_code == 200) is accepted, response.json()
    page = browser_for(draft.created_by).post(
        reverse("approvals:application-overview", args=[draft.pk]),
        overview_data(plan_start=start.strftime("%Y-%m")),
    )
    assert (page.status_code == 302) is accepted
    Application.objects.filter(pk=draft.pk).update(plan_start=start)
    check = client_a.post(f"/api/v1/applications/{draft.pk}/submit/", {}, format="json")
    blocked = "計画開始年月は" in str(check.json())
    assert blocked is not accepted


@pytest.mark.django_db
def test_a_body_too_large_is_a_json_400(client_a, draft):
    """Over DATA_UPLOAD_MAX_MEMORY_SIZE, Django refuses before any view: still JSON here."""
    body = '{"theme": "' + "x" * 3_000_000 + '"}'
    response = client_a.generic(
        "PATCH", f"/api/v1/applications/{draft.pk}/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("リクエストが大きすぎる")
    assert Application.objects.get(pk=draft.pk).theme == draft.theme
