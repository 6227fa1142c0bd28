"""`check/`: the self-check in the contract's shape, under the rule set of a given date."""

import pytest

from approvals import services
from tests.factories import passing_figures

CRITERION_KEYS = {"code", "base", "final", "growth_pct", "required_pct", "passed"}


def check(client, application, query=""):
    return client.get(f"/api/v1/applications/{application.pk}/check/{query}")


@pytest.mark.django_db
def test_check_has_the_contract_shape(client_a, draft):
    body = check(client_a, draft).json()
    assert set(body) >= {"rule_set", "eligible", "eligibility", "criteria", "passed", "errors"}
    assert all(set(e) >= {"code", "passed", "message"} for e in body["eligibility"])
    assert all(set(c) >= CRITERION_KEYS for c in body["criteria"])
    value_added = next(c for c in body["criteria"] if c["code"] == "value_added")
    assert value_added["growth_pct"] == "22.72"  # (40,500 − 33,000) ÷ 33,000, a string
    assert value_added["required_pct"] == "9"
    assert value_added["passed"] is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("as_of", "law", "article"),
    [
        ("2016-06-30", "中小企業の新たな事業活動の促進に関する法律", "第9条第1項"),
        ("2016-07-01", "中小企業等経営強化法", "第8条第1項"),
        ("2019-07-15", "中小企業等経営強化法", "第8条第1項"),
        ("2019-07-16", "中小企業等経営強化法", "第14条第1項"),
    ],
)
def test_legal_basis_is_the_one_in_force_on_as_of(client_a, draft, as_of, law, article):
    body = check(client_a, draft, f"?as_of={as_of}").json()
    assert body["legal_basis"] == {"law": law, "article": article}


@pytest.mark.django_db
def test_legal_basis_of_a_draft_is_todays(client_a, draft):
    assert check(client_a, draft).json()["legal_basis"] == {
        "law": "中小企業等経営強化法",
        "article": "第14条第1項",
    }


@pytest.mark.django_db
def test_as_of_chooses_the_rule_set_in_force_on_that_date(client_a, draft):
    before = check(client_a, draft, "?as_of=2020-09-30").json()
    after = check(client_a, draft, "?as_of=2020-10-01").json()
    assert before["rule_set"] == "2005"
    assert after["rule_set"] == "2020"
    assert [c["code"] for c in before["criteria"]] == [
        "value_added",
        "value_added_per_employee",
        "ordinary_profit",
    ]
    assert [c["code"] for c in after["criteria"]] == [
        "value_added",
        "value_added_per_employee",
        "total_salary",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("as_of", ["yesterday", "2020-02-30", "2020-10", "20201001"])
def test_malformed_as_of_is_400(client_a, draft, as_of):
    response = check(client_a, draft, f"?as_of={as_of}")
    assert response.status_code == 400
    assert "as_of" in response.json()["errors"]


@pytest.mark.django_db
def test_as_of_before_the_first_rule_set_is_400_with_a_clear_message(client_a, draft):
    response = check(client_a, draft, "?as_of=2005-04-12")
    assert response.status_code == 400
    [message] = response.json()["errors"]["as_of"]
    assert "2005年4月13日" in message
    assert check(client_a, draft, "?as_of=2005-04-13").json()["rule_set"] == "2005"


@pytest.mark.django_db
def test_staff_check_a_submitted_application(api, intake_clerk, submitted):
    body = check(api(intake_clerk), submitted).json()
    assert body["rule_set"] == "2020" and body["passed"] is True


@pytest.mark.django_db
def test_the_api_keeps_passed_null_and_says_missing(client_a, draft):
    services.application_set_figures(application=draft, rows={y: {} for y in range(4)})
    body = client_a.get(f"/api/v1/applications/{draft.pk}/check/").json()
    assert all(c["passed"] is None and c["missing"] is True for c in body["criteria"])
    assert body["passed"] is None


@pytest.mark.django_db
def test_the_check_api_lists_the_warnings_and_the_funding_balance(client_a, draft):
    rows = passing_figures(3)
    rows[1] = {**rows[1], "capex": 50_000_000}  # 5,000万円 typed in 円
    services.application_set_figures(application=draft, rows=rows)
    body = client_a.get(f"/api/v1/applications/{draft.pk}/check/").json()
    (yen,) = [w for w in body["warnings"] if w["code"] == "looks_like_yen"]
    assert (yen["year"], yen["figure"]) == (1, "capex")
    assert body["funding"]["state"] == "shortfall"
    assert body["funding"]["required"] == 50_000_000 + 3_000
    assert body["funding"]["raised"] == 5_000
    assert "funding_shortfall" in [w["code"] for w in body["warnings"]]
    assert body["passed"] is True  # warnings never fail the plan


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("as_of", "article"), [("2019-07-15", "第8条第1項"), ("2019-07-16", "第14条第1項")]
)
def test_the_application_gives_its_legal_basis_on_as_of(client_a, draft, as_of, article):
    body = client_a.get(f"/api/v1/applications/{draft.pk}/?as_of={as_of}").json()
    assert body["kind"] == "new" and body["changes"] is None
    assert body["legal_basis"] == {"law": "中小企業等経営強化法", "article": article}


@pytest.mark.django_db
@pytest.mark.parametrize("as_of", ["2019-02-30", "2005-04-12"])
def test_the_application_with_a_bad_as_of_is_400(client_a, draft, as_of):
    response = client_a.get(f"/api/v1/applications/{draft.pk}/?as_of={as_of}")
    assert response.status_code == 400
    assert response.json()["errors"]["as_of"]
