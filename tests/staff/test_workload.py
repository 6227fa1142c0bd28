"""The workload page (処理状況, issue 17): per step the open cases, the overdue ones and the
median elapsed working days; every open case oldest first with its due date; who may see it;
a fixed number of queries however many applications."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.staff.helpers import advance, signed_in, submit_new
from workflow import services, workload
from workflow.services import open_task
from workflow.staff import WorkloadView

URL = "/staff/application/workload/"


@pytest.fixture
def cases(company, applicant, staff, at):
    """Filed Tue 2027-06-01 (due Tue 7/13 without a pause): A waits for intake, C is in
    review (held by the reviewer), D was returned on Fri 6/4 and waits for its correction, E
    is approved. B is filed Mon 6/7 (due Tue 7/20, 7/19 is 海の日) and waits for intake."""
    at(2027, 6, 1, 10)
    a = submit_new(company, applicant)
    at(2027, 6, 1, 10, 5)
    c = submit_new(company, applicant)
    at(2027, 6, 1, 10, 10)
    d = submit_new(company, applicant)
    at(2027, 6, 1, 10, 15)
    e = submit_new(company, applicant)
    at(2027, 6, 3, 10)
    advance(c, "intake", staff["intake"], "accept")
    services.task_claim(task=open_task(c, "review"), user=staff["reviewer"])
    advance(e, "intake", staff["intake"], "accept")
    advance(e, "review", staff["reviewer"], "recommend_approval")
    advance(e, "decision", staff["approver"], "approve")
    at(2027, 6, 4, 15)
    advance(d, "intake", staff["intake"], "return", "登記事項証明書が古いものです。")
    at(2027, 6, 7, 10)
    b = submit_new(company, applicant)
    return {"a": a, "b": b, "c": c, "d": d, "e": e}


def references(html: str) -> list[str]:
    return re.findall(r'<td data-label="受付番号" class="nowrap"><a href="[^"]+">([^<]+)</a>', html)


def summary_row(html: str, label: str) -> str:
    match = re.search(rf'<th scope="row">(?:<a [^>]*>)?{label}(?:</a>)?</th>(.*?)</tr>', html, re.S)
    assert match, label
    return re.sub(r"<[^>]+>", "", match.group(1)).split()


@pytest.mark.django_db
def test_per_step_counts_overdue_and_median(cases, staff, at):
    at(2027, 7, 15, 9)
    html = signed_in(staff["intake"]).get(URL).content.decode()
    assert "<h1>処理状況</h1>" in html and "2027年7月15日現在" in html
    # 受付: A (32 working days, 2 past 7/13) and B (28, due 7/20): median 30.
    assert summary_row(html, "受付") == ["2件", "1件", "30開庁日"]
    # 補正待ち: D counted 6/2–6/4, then the clock stopped; never overdue while it waits.
    assert summary_row(html, "補正待ち") == ["1件", "0件", "3開庁日"]
    assert summary_row(html, "審査") == ["1件", "1件", "32開庁日"]
    assert summary_row(html, "決裁") == ["0件", "0件", "—"]
    # The approved E is not an open case anywhere.
    assert summary_row(html, "合計") == ["4件", "2件", "30開庁日"]


@pytest.mark.django_db
def test_the_cases_oldest_first_with_owner_and_due_date(cases, staff, at):
    at(2027, 7, 15, 9)
    html = signed_in(staff["approver"]).get(URL).content.decode()
    a, b, c, d, e = (cases[k] for k in "abcde")
    assert references(html) == [a.reference, c.reference, d.reference, b.reference]
    assert e.reference not in html
    rows = dict(zip(references(html), html.split('<td data-label="受付番号"')[1:], strict=True))
    assert "未担当" in rows[a.reference] and "期限超過 2開庁日" in rows[a.reference]
    assert 'class="tag tag-overdue"' in rows[a.reference]
    assert "2027年6月1日" in rows[a.reference] and "2027年7月13日" in rows[a.reference]
    assert "reviewer" in rows[c.reference] and "期限超過 2開庁日" in rows[c.reference]
    assert "申請者" in rows[d.reference] and "補正中（期間停止）" in rows[d.reference]
    assert "あと 2開庁日" in rows[b.reference] and "tag-overdue" not in rows[b.reference]
    # Each row opens its task; the correction (the applicant's task) opens the procedure.
    task = open_task(a, "intake")
    assert task.flow_task.reverse("index", args=[task.process_id, task.pk]) in rows[a.reference]
    process = open_task(d, "correction").process_id
    assert reverse("staff:application:process_detail", args=[process]) in rows[d.reference]


@pytest.mark.django_db
def test_one_step_and_pages(cases, staff, at, monkeypatch):
    at(2027, 7, 15, 9)
    client = signed_in(staff["reviewer"])
    only = client.get(URL, {"step": "intake"}).content.decode()
    assert references(only) == [cases["a"].reference, cases["b"].reference]
    assert "手続中の申請（受付）" in only
    assert summary_row(only, "合計")[0] == "4件"  # the counts stay the whole picture
    # An unknown step or page is the whole list, never an error.
    for query in ({"step": "nope"}, {"page": "x"}, {"page": "99"}):
        response = client.get(URL, query)
        assert response.status_code == 200, query
    assert len(references(client.get(URL, {"step": "nope"}).content.decode())) == 4
    monkeypatch.setattr(WorkloadView, "paginate_by", 3)
    first = client.get(URL).content.decode()
    second = client.get(URL, {"page": "2"}).content.decode()
    assert len(references(first)) == 3 and references(second) == [cases["b"].reference]
    assert "1 / 2 ページ" in first and "?page=2" in first


@pytest.mark.django_db
def test_staff_see_it_policy_and_applicants_get_403_visitors_sign_in(
    client, cases, staff, applicant
):
    for user in (*staff.values(), factories.make_user("admin", username="site-admin")):
        assert signed_in(user).get(URL).status_code == 200, user
    for user in (applicant, factories.make_user("policy", username="planner")):
        assert signed_in(user).get(URL).status_code == 403, user
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")


@pytest.mark.django_db
def test_the_staff_navigation_links_it(cases, staff):
    html = signed_in(staff["intake"]).get(reverse("staff:application:queue")).content.decode()
    assert f'<a href="{URL}">処理状況</a>' in html
    page = signed_in(staff["intake"]).get(URL).content.decode()
    assert f'<a href="{URL}" aria-current="page">処理状況</a>' in page


@pytest.mark.django_db
def test_in_english(cases, staff, at):
    at(2027, 7, 15, 9)
    client = signed_in(staff["intake"])
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    html = client.get(URL).content.decode()
    assert "<h1>Workload</h1>" in html and "Awaiting correction" in html
    assert "Median working days elapsed" in html and "処理状況" not in html


@pytest.mark.django_db
def test_a_fixed_number_of_queries_whatever_the_number_of_cases(
    cases, staff, company, applicant, at, django_assert_num_queries
):
    at(2027, 6, 15, 9)
    client = signed_in(staff["intake"])
    client.get(URL)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    few = len(captured)
    for _ in range(6):
        submit_new(company, applicant)
    application = submit_new(company, applicant)
    advance(application, "intake", staff["intake"], "return", "補正してください。")
    with django_assert_num_queries(few):
        html = client.get(URL).content.decode()
    assert summary_row(html, "合計")[0] == "11件"


def test_the_median_of_an_even_count_is_the_middle_of_two():
    class Clock:
        def __init__(self, elapsed):
            self.working_days_elapsed, self.overdue = elapsed, False

    class Task:
        def __init__(self, elapsed):
            self.clock = Clock(elapsed)
            self.flow_task = type("Node", (), {"step": "review"})()

    loads = {load.step: load for load in workload.step_loads([Task(3), Task(8)])}
    assert loads["review"].median_elapsed == 5.5
    assert (loads["intake"].open, loads["intake"].median_elapsed) == (0, None)
