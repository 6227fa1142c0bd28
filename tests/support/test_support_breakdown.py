"""Target ②'s drill-down by support organisation (`by=support`): each new-plan approval of the
year counts once, under the organisation whose delegate confirmed the plan last, else the one
delegated when the plan was last submitted, else 「支援機関の関与なし」; legacy approvals apart.
Aggregates only, for policy staff as the other breakdowns."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.models import Application, LegacyApproval
from approvals.numbering import approval_grant
from approvals.support import advice_services
from approvals.support import services as support_services
from approvals.targets.breakdown import breakdown
from tests import factories
from tests.api.conftest import client_for
from tests.support.conftest import grant, make_delegate

YEAR = 2027
ON = date(YEAR, 6, 1)


def _plan(company, *, submitted_at=None):
    application = factories.make_application(company, complete=False)
    if submitted_at is not None:
        Application.objects.filter(pk=application.pk).update(submitted_at=submitted_at)
        application.refresh_from_db()
    return application


def _approve(application, approver, *, on=ON, kind="new"):
    application.refresh_from_db()
    return approval_grant(application=application, actor=approver, approved_on=on, kind=kind)


def _counts(year=YEAR) -> dict[str, int]:
    return {row["label"]: row["count"] for row in breakdown(by="support", fiscal_year=year)}


@pytest.fixture
def world(db, shokokai, bank, delegate, company, applicant):
    """Five new-plan approvals of the year, a change approval, one of the next year and a
    legacy approval, with the support each plan had."""
    approver = factories.make_user("approver")
    banker = make_delegate(bank, "banker@example.jp")
    later = timezone.now() + timedelta(hours=1)

    # A1: confirmed by the 商工会 (and the bank delegated too): the 商工会.
    grant(company, applicant, delegate, ["view", "confirm"])
    grant(company, applicant, banker, ["view"])
    a1 = _plan(company)
    advice_services.confirmation_record(application=a1, actor=delegate)
    Application.objects.filter(pk=a1.pk).update(submitted_at=later)
    _approve(a1, approver)
    # A2: no confirmation, both delegated at submission: the latest granted, the bank.
    _approve(_plan(company, submitted_at=later), approver)

    # B: the bank delegated, revoked before the submission: none.
    b = factories.make_company(
        factories.make_user(username="firm0@example.jp"), name="乙株式会社", municipality="小田原市"
    )
    member = b.members.first()
    delegation = grant(b, member, make_delegate(bank, "banker2@example.jp"), ["view"])
    support_services.delegation_revoke(delegation=delegation, actor=member)
    _approve(_plan(b, submitted_at=later), approver)

    # C: delegated only after it was submitted: none.
    c = factories.make_company(
        factories.make_user(username="firm1@example.jp"), name="丙株式会社", municipality="川崎市"
    )
    c_plan = _plan(c, submitted_at=timezone.now() - timedelta(days=2))
    grant(c, c.members.first(), make_delegate(shokokai, "shidoin2@example.jp"), ["view"])
    _approve(c_plan, approver)

    # D: confirmed by the 商工会, never submitted through the system (an approval all the same).
    d = factories.make_company(
        factories.make_user(username="firm2@example.jp"), name="丁株式会社", municipality="横須賀市"
    )
    d_delegate = make_delegate(shokokai, "shidoin3@example.jp")
    grant(d, d.members.first(), d_delegate, ["view", "confirm"])
    d_plan = _plan(d)
    advice_services.confirmation_record(application=d_plan, actor=d_delegate)
    _approve(d_plan, approver)

    # Not in the year's new-plan figures: a change approval and next year's approval.
    _approve(_plan(company, submitted_at=later), approver, kind="change")
    _approve(_plan(company, submitted_at=later), approver, on=date(YEAR + 1, 4, 2))
    LegacyApproval.objects.create(
        approved_on=date(YEAR, 5, 1), company_name="旧藤沢製作所", theme="旧計画"
    )
    return {"approver": approver}


@pytest.mark.django_db
def test_each_approval_counts_once_under_one_organisation(world, shokokai, bank):
    counts = _counts()
    assert counts == {
        str(shokokai): 2,  # A1 (confirmed), D (confirmed)
        str(bank): 1,  # A2 (delegated at submission)
        "支援機関の関与なし": 2,  # B (revoked before), C (delegated after)
        "記録なし（移行データ）": 1,
    }
    assert sum(counts.values()) == 5 + 1  # the year's new-plan approvals and the legacy one
    next_year = _counts(YEAR + 1)
    assert next_year[str(bank)] == 1 and sum(next_year.values()) == 1


@pytest.mark.django_db
def test_an_organisation_without_approvals_is_a_zero_row(db, shokokai):
    rows = breakdown(by="support", fiscal_year=YEAR)
    assert rows[0] == {"key": str(shokokai.pk), "label": str(shokokai), "count": 0}
    assert [r["key"] for r in rows[1:]] == ["none", "legacy"]


@pytest.mark.django_db
def test_the_api_gives_it_to_policy_staff_only(world, shokokai):
    url = reverse("approvals_api:target-breakdown", args=["target-2"])
    query = {"by": "support", "fiscal_year": YEAR}
    policy = factories.make_user("policy", username="policy1")
    response = client_for(policy).get(url, query)
    assert response.status_code == 200, response.json()
    rows = {r["key"]: r["count"] for r in response.json()["rows"]}
    assert rows[str(shokokai.pk)] == 2 and rows["none"] == 2 and rows["legacy"] == 1
    assert client_for(None).get(url, query).status_code in (401, 403)
    applicant = factories.make_user("applicant", username="someone@example.jp")
    assert client_for(applicant).get(url, query).status_code == 403
    delegate = make_delegate(shokokai, "nosy@example.jp")
    assert client_for(delegate).get(url, query).status_code == 403
    assert client_for(policy).get(url, {"by": "bank", "fiscal_year": YEAR}).status_code == 400


@pytest.mark.django_db
def test_the_dashboard_shows_the_table_to_policy_staff_only(world, client, shokokai):
    url = reverse("approvals:targets") + f"?fiscal_year={YEAR}"
    policy = factories.make_user("policy", username="policy1")
    client.force_login(policy)
    page = client.get(url).content.decode()
    assert "支援機関別" in page and str(shokokai) in page
    client.logout()
    public = client.get(url).content.decode()
    assert "支援機関別" not in public and str(shokokai) not in public
