"""The processing-period clock on the pages: the staff queue's due dates, days left, overdue
and the sort by due date; the task page's and the applicant's page's dates and pauses."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.staff.helpers import advance, claim, signed_in, submit_new, task_urls
from workflow.services import open_task

QUEUE = "/staff/application/queue/"


@pytest.fixture
def two_cases(company, applicant, staff, at):
    """A: filed Tue 6/1, returned Fri 6/11 after 8 working days, back Mon 6/14 (one working
    day paused): due Wed 7/14, its intake task from 6/14. B: filed Mon 6/7, due Tue 7/20
    (7/19 is 海の日), its task from 6/7. So B waits longer, but A is due first."""
    at(2027, 6, 1, 10)
    a = submit_new(company, applicant)
    at(2027, 6, 7, 10)
    b = submit_new(company, applicant)
    at(2027, 6, 11, 15)
    advance(a, "intake", staff["intake"], "return", "登記事項証明書が古いものです。")
    at(2027, 6, 14, 9)
    advance(a, "correction", applicant, "resubmit")
    return a, b


def references(html: str, *applications) -> list[str]:
    wanted = {a.reference for a in applications}
    return [ref for ref in re.findall(r">([A-Z0-9-]+)</a></td>", html) if ref in wanted]


@pytest.mark.django_db
def test_the_queue_shows_due_dates_and_sorts_by_them(two_cases, staff, at):
    a, b = two_cases
    url = reverse("staff:application:queue")
    at(2027, 7, 15, 9)
    client = signed_in(staff["intake"])
    html = client.get(url).content.decode()
    assert references(html, a, b) == [b.reference, a.reference]  # by arrival of the task
    assert "処理期限" in html
    assert "2027年7月14日" in html and "2027年7月20日" in html
    # A is a working day past its due date, highlighted; B has 7/16 and 7/20 left.
    assert '<strong class="tag tag-overdue">期限超過 1開庁日</strong>' in html
    assert "あと 2開庁日" in html

    by_due = client.get(url, {"sort": "due"}).content.decode()
    assert references(by_due, a, b) == [a.reference, b.reference]
    assert 'aria-sort="ascending"><a class="sort-link" href="?sort=-due">処理期限' in by_due
    latest = client.get(url, {"sort": "-due"}).content.decode()
    assert references(latest, a, b) == [b.reference, a.reference]


@pytest.mark.django_db
def test_the_sort_by_due_date_costs_the_same_queries_for_more_rows(
    two_cases, staff, company, applicant, at
):
    url = reverse("staff:application:queue") + "?sort=due"

    def count() -> int:
        client = signed_in(staff["intake"])
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    at(2027, 6, 15, 9)
    few = count()
    for _ in range(4):
        submit_new(company, applicant)
    assert count() == few


@pytest.mark.django_db
def test_the_task_page_and_the_applicants_page_show_the_clock(two_cases, staff, applicant, at):
    a, _b = two_cases
    at(2027, 6, 15, 9)
    task = open_task(a, "intake")
    staff_page = signed_in(staff["intake"]).get(task_urls(task)["detail"]).content.decode()
    assert "標準処理期間" in staff_page and "2027年7月14日" in staff_page

    page = signed_in(applicant).get(reverse("approvals:application-detail", args=[a.pk]))
    html = page.content.decode()
    assert "受付日" in html and "2027年6月1日" in html
    assert "決定の予定日" in html and "2027年7月14日" in html
    # What paused the clock: the one correction round, from the day after the request.
    assert "2027年6月12日〜2027年6月14日：補正依頼（受付）" in html
    assert "9開庁日" in html  # 8 before the request and 6/15


@pytest.mark.django_db
def test_while_the_correction_is_awaited_the_applicant_sees_the_clock_stopped(
    company, applicant, staff, at
):
    at(2027, 6, 1, 10)
    application = submit_new(company, applicant)
    at(2027, 6, 2, 10)
    advance(application, "intake", staff["intake"], "return", "押印がありません。")
    at(2027, 6, 8, 10)
    page = signed_in(applicant).get(reverse("approvals:application-detail", args=[application.pk]))
    html = page.content.decode()
    assert "補正中のため、期間を止めています。" in html
    assert "2027年6月3日〜（補正待ち）：補正依頼（受付）" in html


@pytest.mark.django_db
def test_the_inbox_sorts_by_due_date_too(two_cases, staff, at):
    a, b = two_cases
    at(2027, 6, 15, 9)
    client = signed_in(staff["intake"])
    claim(client, b, "intake")
    claim(client, a, "intake")
    url = reverse("staff:application:inbox")
    assert references(client.get(url).content.decode(), a, b) == [b.reference, a.reference]
    by_due = client.get(url, {"sort": "due"}).content.decode()
    assert references(by_due, a, b) == [a.reference, b.reference]
    assert "あと 21開庁日" in by_due  # A: 6/16 … 7/14
