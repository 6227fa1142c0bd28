"""Drafts through the API: create, list, edit every part, delete; all-or-nothing edits."""

import pytest

from approvals.models import Application
from tests import factories
from tests.api.conftest import figures_payload, stored_state

EVERY_PART = {
    "theme": "IoTを活用した精密部品の遠隔品質管理サービス",
    "activity_types": ["new_service", "new_production_method"],
    "existing_business": "精密部品の切削加工",
    "content": "加工機にセンサーを取り付け、品質データを顧客と共有するサービスを始める。",
    "novelty": "県内の同業者で品質データを共有する例はない。",
    "plan_start": factories.PLAN_START_MONTH,
    "period_years": 3,
    "rd_years": 0,
    "figures": figures_payload(3),
    "schedule": [
        {"item": "センサー導入", "start": "1-1", "end": "1-2"},
        {"item": "サービス開始", "start": "1-3", "end": "3-4"},
    ],
    "funding": [
        {"source": "private_loan", "amount": 4000},
        {"source": "own_funds", "amount": 1000},
    ],
    "support_contacts": ["jfc", "credit_guarantee"],
}


def url(application, suffix=""):
    return f"/api/v1/applications/{application.pk}/{suffix}"


@pytest.mark.django_db
def test_post_creates_a_draft_for_the_applicants_company(client_a, company):
    response = client_a.post("/api/v1/applications/", {"theme": "新商品"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft"
    assert body["company"] == company.pk
    assert body["theme"] == "新商品"
    assert body["reference"].startswith("KK-")
    assert body["rule_set"] == "2020"  # the rule set in force today
    assert body["version"] == 0
    assert body["approval"] is None
    assert body["figures"] == [] and body["schedule"] == []
    assert Application.objects.get(pk=body["id"]).created_by.username == "applicant-a@example.jp"


@pytest.mark.django_db
def test_post_without_a_company_says_to_register_it_first(api):
    user = factories.make_user("applicant")
    response = api(user).post("/api/v1/applications/", {}, format="json")
    assert response.status_code == 409
    assert "企業情報" in response.json()["detail"]
    assert "company" in response.json()["errors"]
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_staff_may_not_create_edit_or_delete(api, intake_clerk, submitted):
    client = api(intake_clerk)
    assert client.post("/api/v1/applications/", {}, format="json").status_code == 403
    assert client.patch(url(submitted), {"theme": "x"}, format="json").status_code == 403
    assert client.delete(url(submitted)).status_code == 403


@pytest.mark.django_db
def test_list_is_paginated_and_staff_see_submitted_ones_only(api, client_a, intake_clerk, draft):
    other_draft = factories.make_application(draft.company, complete=False)
    body = client_a.get("/api/v1/applications/").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert {a["id"] for a in body["results"]} == {draft.pk, other_draft.pk}

    assert api(intake_clerk).get("/api/v1/applications/").json()["count"] == 0
    from workflow import services

    services.application_submit(
        application=draft, actor=draft.created_by, acknowledge_failures=False
    )
    staff_view = api(intake_clerk).get("/api/v1/applications/").json()
    assert [a["id"] for a in staff_view["results"]] == [draft.pk]


@pytest.mark.django_db
def test_patch_writes_every_part_and_reads_back_the_same(client_a, company):
    draft = factories.make_application(company, complete=False)
    response = client_a.patch(url(draft), EVERY_PART, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    for field in ("theme", "existing_business", "content", "novelty"):
        assert body[field] == EVERY_PART[field]
    # Ticked kinds come back in the form's order, not the order they were sent in.
    assert body["activity_types"] == ["new_service", "new_production_method"]
    assert body["plan_start"] == factories.PLAN_START_MONTH
    assert Application.objects.get(pk=draft.pk).plan_start == factories.PLAN_START
    assert body["schedule"] == EVERY_PART["schedule"]
    assert body["funding"] == EVERY_PART["funding"]
    assert body["support_contacts"] == ["jfc", "credit_guarantee"]
    assert [f["year"] for f in body["figures"]] == [0, 1, 2, 3]
    base = body["figures"][0]
    assert base["sales"] == 100_000
    # Derived rows are computed: 100,000 − 60,000 − 30,000 = 10,000 operating profit.
    assert base["operating_profit"] == 10_000
    assert base["ordinary_profit"] == 9_500
    assert base["value_added"] == 33_000
    assert base["value_added_per_employee"] == "1650.0"
    assert client_a.get(url(draft)).json() == body


@pytest.mark.django_db
def test_patched_figures_replace_only_the_listed_years(client_a, draft):
    response = client_a.patch(
        url(draft),
        {
            "figures": [
                {"year": 3, "sales": 130_000, "cost_of_sales": 70_000, "gross_profit": 1},
                {"year": -1, "sales": 90},
            ]
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    rows = {f.year: f for f in draft.figures.all()}
    assert rows[3].sales == 130_000
    assert rows[3].sga is None  # a listed year is replaced as a whole row
    assert rows[2].sales == 110_000  # an unlisted year is kept
    assert rows[-1].sales == 90
    assert response.json()["figures"][-1]["gross_profit"] == 60_000  # derived, not typed in


@pytest.mark.django_db
def test_full_width_and_comma_amounts_are_read_as_numbers(client_a, draft):
    response = client_a.patch(
        url(draft), {"figures": [{"year": 0, "sales": "１２０，０００"}]}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert draft.figures.get(year=0).sales == 120_000


BAD_INPUT = [
    pytest.param({"theme": "あ" * 50_000}, "theme", id="50000-char-theme"),
    pytest.param({"period_years": 6}, "period_years", id="6-year-plan"),
    pytest.param({"period_years": 2}, "period_years", id="2-year-plan"),
    pytest.param({"rd_years": 6}, "rd_years", id="rd-6-years"),
    pytest.param({"plan_start": "2027/04"}, "plan_start", id="plan-start-format"),
    pytest.param({"plan_start": "2027-13"}, "plan_start", id="plan-start-month"),
    pytest.param({"activity_types": ["time_travel"]}, "activity_types", id="activity-type"),
    pytest.param({"activity_types": "new_product"}, "activity_types", id="activity-not-list"),
    pytest.param({"support_contacts": ["yakuza"]}, "support_contacts", id="support-body"),
    pytest.param({"figures": [{"year": 1, "sales": "たくさん"}]}, "figures", id="text-in-figure"),
    pytest.param({"figures": [{"year": 1, "sales": 1.5}]}, "figures", id="fraction-in-figure"),
    pytest.param({"figures": [{"year": 4, "sales": 1}]}, "figures", id="year-after-plan"),
    pytest.param({"figures": [{"year": -3, "sales": 1}]}, "figures", id="year-before-2"),
    pytest.param({"figures": [{"sales": 1}]}, "figures", id="figure-without-year"),
    pytest.param({"figures": [{"year": 1}, {"year": 1}]}, "figures", id="duplicate-year"),
    pytest.param({"figures": [{"year": 1, "employees": -1}]}, "figures", id="negative-staff"),
    pytest.param({"figures": [{"year": 1, "sales": 10**30}]}, "figures", id="huge-amount"),
    pytest.param({"figures": {"year": 1}}, "figures", id="figures-not-list"),
    pytest.param(
        {"schedule": [{"item": "x", "start": "1-5", "end": "2-1"}]}, "schedule", id="bad-quarter"
    ),
    pytest.param(
        {"schedule": [{"item": "x", "start": "2-1", "end": "1-1"}]}, "schedule", id="end-first"
    ),
    pytest.param(
        {"schedule": [{"item": "x", "start": "1-1", "end": "4-1"}]}, "schedule", id="after-plan"
    ),
    pytest.param(
        {"funding": [{"source": "own_funds", "amount": -5}]}, "funding", id="negative-funding"
    ),
    pytest.param({"funding": [{"source": "lottery", "amount": 5}]}, "funding", id="funding-src"),
    pytest.param(
        {
            "funding": [
                {"source": "private_loan", "amount": 3_000},
                {"source": "private_loan", "amount": 1_000},
            ]
        },
        "funding",
        id="funding-source-twice",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("payload", "field"), BAD_INPUT)
def test_bad_input_is_400_with_the_field_and_nothing_is_saved(client_a, draft, payload, field):
    before = stored_state(draft)
    # A valid part next to the bad one must not be saved either: all or nothing.
    response = client_a.patch(url(draft), {"novelty": "changed", **payload}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert list(body["errors"]) == [field], body
    assert all(isinstance(m, str) and m for m in body["errors"][field])
    assert stored_state(draft) == before


@pytest.mark.django_db
def test_nested_errors_say_where_they_are(client_a, draft):
    response = client_a.patch(
        url(draft), {"figures": [{"year": 0}, {"year": 1, "sales": "abc"}]}, format="json"
    )
    [message] = response.json()["errors"]["figures"]
    assert message.startswith("figures[1].sales: ")


@pytest.mark.django_db
def test_a_failure_while_writing_leaves_nothing_half_saved(client_a, draft, monkeypatch):
    from approvals import services

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "application_set_funding", broken)
    before = stored_state(draft)
    client_a.raise_request_exception = False
    response = client_a.patch(
        url(draft),
        {"theme": "新テーマ", "figures": [{"year": 0, "sales": 1}], "funding": []},
        format="json",
    )
    assert response.status_code == 500
    assert stored_state(draft) == before


@pytest.mark.django_db
def test_period_and_figures_in_one_patch_are_judged_together(client_a, draft):
    response = client_a.patch(
        url(draft),
        {"period_years": 5, "figures": [{"year": 5, "sales": 1}]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["period_years"] == 5


@pytest.mark.django_db
def test_patch_after_submission_is_409_and_changes_nothing(client_a, submitted):
    before = stored_state(submitted)
    response = client_a.patch(url(submitted), {"theme": "後から変更"}, format="json")
    assert response.status_code == 409
    assert "編集できません" in response.json()["detail"]
    assert stored_state(submitted) == before


@pytest.mark.django_db
def test_delete_a_draft(client_a, draft):
    assert client_a.delete(url(draft)).status_code == 204
    assert not Application.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
def test_delete_of_a_submitted_application_is_409(client_a, submitted):
    response = client_a.delete(url(submitted))
    assert response.status_code == 409
    assert Application.objects.filter(pk=submitted.pk, status="submitted").exists()


@pytest.mark.django_db
def test_post_with_every_part_creates_a_complete_draft(client_a):
    response = client_a.post("/api/v1/applications/", EVERY_PART, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["theme"] == EVERY_PART["theme"]
    assert len(body["figures"]) == 4 and len(body["schedule"]) == 2
    assert client_a.get(url(Application.objects.get()) + "check/").json()["passed"] is True


@pytest.mark.django_db
def test_post_with_bad_input_creates_nothing(client_a):
    response = client_a.post(
        "/api/v1/applications/", {"theme": "ok", "period_years": 6}, format="json"
    )
    assert response.status_code == 400
    assert "period_years" in response.json()["errors"]
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_a_returned_application_can_be_edited_but_not_deleted(client_a, submitted):
    Application.objects.filter(pk=submitted.pk).update(status="returned")
    response = client_a.patch(url(submitted), {"theme": "補正後のテーマ"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["theme"] == "補正後のテーマ"
    assert response.json()["rule_set"] == "2020"  # the one stored at submission
    assert client_a.delete(url(submitted)).status_code == 409


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_for_one_or_many(
    client_a, company, draft, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12) as one:
        client_a.get("/api/v1/applications/")
    for _ in range(4):
        factories.make_application(company)
    with django_assert_max_num_queries(len(one.captured_queries)):
        body = client_a.get("/api/v1/applications/").json()
    assert body["count"] == 5


@pytest.mark.django_db
def test_session_authentication_works_for_the_browser(applicant, company):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(applicant)
    assert client.get("/api/v1/me/").json()["company"] == company.pk
    # A write without the CSRF token is refused, as for any session-authenticated form.
    assert client.post("/api/v1/applications/", {}, format="json").status_code == 403
