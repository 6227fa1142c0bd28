"""Where the portal, the staff pages and the API once said one thing in two ways, they now say it
alike: each case here was a disagreement between two copies of one rule or label."""

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.api.conftest import client_for
from tests.api.task_support import complete, make_staff, task_id
from workflow import services


@pytest.fixture
def staff(db):
    return make_staff()


@pytest.fixture
def submitted(draft, applicant):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    return draft


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_an_applicant_never_learns_the_reviews_recommendation(submitted, applicant, staff):
    """The portal shows a review only as 審査完了; the API used to hand the applicant its code
    (recommend_refusal). Staff still read the recommendation."""
    complete(client_for(staff["intake"]), task_id(submitted, "intake"), "accept")
    complete(client_for(staff["reviewer"]), task_id(submitted, "review"), "recommend_refusal", "x")
    url = f"/api/v1/applications/{submitted.pk}/history/"

    mine = [row["action"] for row in client_for(applicant).get(url).json()["results"]]
    assert "recommend" in mine
    assert not {"recommend_refusal", "recommend_approval"} & set(mine)
    page = signed_in(applicant).get(reverse("approvals:application-detail", args=[submitted.pk]))
    assert "審査完了" in page.content.decode() and "不承認が適当" not in page.content.decode()

    theirs = [row["action"] for row in client_for(staff["approver"]).get(url).json()["results"]]
    assert "recommend_refusal" in theirs


@pytest.mark.django_db
def test_the_api_names_colleagues_as_the_portal_does(submitted, applicant):
    """An applicant's colleague is named by their name in the API's history, as on the page
    (the API used to give the login name)."""
    applicant.display_name = "横須賀 一郎"
    applicant.save(update_fields=["display_name"])
    rows = client_for(applicant).get(f"/api/v1/applications/{submitted.pk}/history/").json()
    assert {row["actor"] for row in rows["results"]} == {"横須賀 一郎"}
    page = signed_in(applicant).get(reverse("approvals:application-detail", args=[submitted.pk]))
    assert "横須賀 一郎" in page.content.decode()


@pytest.mark.django_db
def test_a_missing_correction_request_reads_alike_on_the_page_and_in_the_api(submitted, staff):
    """One rule, one message: the staff form and the API refuse a return without a comment
    in the same words (the API used to say 「…をコメントに書いてください。」)."""
    response = complete(client_for(staff["intake"]), task_id(submitted, "intake"), "return", " ")
    assert response.json()["errors"]["comment"] == ["補正を依頼する内容を書いてください。"]

    from tests.staff.helpers import claim, task_urls

    clerk = signed_in(staff["intake"])
    task = claim(clerk, submitted, "intake")
    page = clerk.post(task_urls(task)["execute"], {"decision": "return", "comment": " "})
    assert "補正を依頼する内容を書いてください。" in page.content.decode()


@pytest.mark.django_db
def test_staff_read_the_threshold_as_the_applicant_does(company, applicant, staff):
    """A four-year plan under the 2020 rules needs 6 % salary growth: the staff's frozen check
    said 6.0%, the applicant's live check 6%. Both now read 6.00%, as every rate on the pages
    has two decimals."""
    draft = factories.make_application(company, applicant, period_years=4)
    live = signed_in(applicant).get(reverse("approvals:application-figures", args=[draft.pk]))
    assert "6.00%" in live.content.decode() and "6.0%" not in live.content.decode()

    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    task = services.open_task(draft, "intake")
    clerk = signed_in(staff["intake"])
    page = clerk.get(task.flow_task.reverse("detail", args=[task.process_id, task.pk]))
    assert "6.00%" in page.content.decode() and "6.0%" not in page.content.decode()


@pytest.mark.django_db
def test_the_applicant_checks_every_answer_staff_will_read(draft, applicant):
    """確認と提出 shows the same fields as the submitted version staff judge, from the same
    summary: the 電話番号 and 設立（開業）年月日 were missing from the applicant's."""
    page = signed_in(applicant).get(reverse("workflow:application-submit", args=[draft.pk]))
    html = page.content.decode()
    assert "046-000-0000" in html
    assert "2001年4月1日" in html
    # The schedule in the plan's months (and quarters), not "1-1".
    start = draft.plan_start
    assert f"{start.year}年{start.month}月〜" in html
    assert "（1年目 第1〜第2四半期）" in html


@pytest.mark.django_db
def test_staff_and_the_form_pdf_read_the_schedule_in_months(company, applicant, staff):
    """The intake task page shows the submitted schedule in the plan's months, as the
    applicant's check-your-answers page did."""
    draft = factories.make_application(company, applicant)
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    task = services.open_task(draft, "intake")
    clerk = signed_in(staff["intake"])
    page = clerk.get(task.flow_task.reverse("detail", args=[task.process_id, task.pk]))
    start = draft.plan_start
    assert f"{start.year}年{start.month}月〜9月（1年目 第1〜第2四半期）" in page.content.decode()
