"""A clerk working through the queue (issue 15, A1-A3, A5, A14): where they land, claiming from
the row or with 次のタスクを担当, the triage columns, filters and sort, the intake checklist and
the reviewer's opinion beside the decision.

Claiming from the row posts to the task's claim URL (viewflow's assign view under the flow's
lock), and 次のタスクを担当 claims through workflow.services.task_claim: both keep the role and
separation-of-duties checks, which these tests try to get round.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from approvals.models import Application
from documents.models import Attachment
from tests import factories
from tests.staff.helpers import advance, claim, task_urls
from workflow import services
from workflow.models import IntakeCheck
from workflow.services import open_task

QUEUE = reverse("staff:application:queue")
INBOX = reverse("staff:application:inbox")
NEXT = reverse("staff:application:next_task")
PROCESSES = reverse("staff:application:process_list")


def submit(application, applicant):
    return services.application_submit(
        application=application, actor=applicant, acknowledge_failures=False
    )


def submitted_many(company, applicant, n):
    return [submit(factories.make_application(company, applicant), applicant) for _ in range(n)]


def references(response) -> list[str]:
    """The references in the list's rows, in order."""
    return [row["reference"] for row in rows(response)]


def rows(response) -> list[dict]:
    html = response.content.decode()
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    found = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S):
        reference = re.search(r">(KK-\d{4}-\d{5})</a>", row)
        found.append({"reference": reference.group(1) if reference else None, "html": row})
    return found


# --- A1: where staff land, and claiming ------------------------------------------------------


@pytest.mark.django_db
def test_staff_land_on_the_queue_when_nothing_is_theirs_and_on_the_inbox_when_something_is(
    clients, staff, company, applicant
):
    (application,) = submitted_many(company, applicant, 1)
    home = clients["intake"].get(reverse("approvals:home"), follow=True)
    assert home.redirect_chain[-1][0] == QUEUE
    claim(clients["intake"], application, "intake")
    home = clients["intake"].get(reverse("approvals:home"), follow=True)
    assert home.redirect_chain[-1][0] == INBOX


@pytest.mark.django_db
def test_a_clerk_claims_a_task_from_its_row_in_the_queue(clients, staff, company, applicant):
    """The row's 担当する posts to the task's claim URL: the task is the clerk's and its page
    opens, without the separate 担当しますか page."""
    (application,) = submitted_many(company, applicant, 1)
    task = open_task(application, "intake")
    urls = task_urls(task)
    queue = clients["intake"].get(QUEUE).content.decode()
    assert f'action="{urls["assign"]}"' in queue
    assert f'担当する<span class="visually-hidden"> {application.reference}</span>' in queue
    response = clients["intake"].post(urls["assign"])
    assert response["Location"] == urls["execute"]
    task.refresh_from_db()
    assert (task.status, task.owner_id) == ("ASSIGNED", staff["intake"].pk)
    assert application.reference not in clients["intake"].get(QUEUE).content.decode()


@pytest.mark.django_db
def test_a_row_claim_someone_else_got_first_is_refused_with_the_reason(
    clients, staff, company, applicant
):
    (application,) = submitted_many(company, applicant, 1)
    other = factories.make_user("intake", username="intake-2")
    task = open_task(application, "intake")
    services.task_claim(task=task, user=other)
    page = clients["intake"].post(task_urls(task)["assign"], follow=True).content.decode()
    assert "このタスクはintake-2さんが担当しています。" in page
    task.refresh_from_db()
    assert task.owner_id == other.pk


@pytest.mark.django_db
def test_next_task_claims_the_oldest_task_of_the_clerks_role(clients, staff, company, applicant):
    first, second = submitted_many(company, applicant, 2)
    response = clients["intake"].post(NEXT)
    task = open_task(first, "intake")
    assert response["Location"] == task_urls(task)["execute"]
    assert task.owner_id == staff["intake"].pk
    assert open_task(second, "intake").owner_id is None
    # Pressed again: the next one.
    clients["intake"].post(NEXT)
    assert open_task(second, "intake").owner_id == staff["intake"].pk
    # Nothing left: back at the queue, told so.
    response = clients["intake"].post(NEXT, follow=True)
    assert response.redirect_chain[-1][0] == QUEUE
    assert "担当できるタスクはありません" in response.content.decode()


@pytest.mark.django_db
def test_next_task_never_gives_a_task_of_another_role(clients, staff, company, applicant):
    """An intake task waits; the reviewer's 次のタスクを担当 finds nothing for them."""
    (application,) = submitted_many(company, applicant, 1)
    response = clients["reviewer"].post(NEXT, follow=True)
    assert "担当できるタスクはありません" in response.content.decode()
    assert open_task(application, "intake").owner_id is None


@pytest.mark.django_db
def test_next_task_skips_an_application_the_separation_of_duties_bars(
    clients, staff, company, applicant
):
    """A clerk with the intake and reviewer roles accepted the older application: its review
    is not theirs to take, so 次のタスクを担当 gives them the newer one's review."""
    staff["intake"].groups.add(Group.objects.get(name="reviewer"))
    older, newer = submitted_many(company, applicant, 2)
    advance(older, "intake", staff["intake"], "accept")
    advance(newer, "intake", factories.make_user("intake", username="intake-2"), "accept")
    clients["intake"].post(NEXT)
    assert open_task(older, "review").owner_id is None
    assert open_task(newer, "review").owner_id == staff["intake"].pk


@pytest.mark.django_db
def test_next_task_is_for_staff_only(clients, company, applicant):
    submitted_many(company, applicant, 1)
    assert clients["applicant"].post(NEXT).status_code == 403
    assert clients["intake"].get(NEXT).status_code == 405


# --- A2: columns, filters, sort, paging, queries -------------------------------------------


@pytest.mark.django_db
def test_the_queue_shows_days_waiting_resubmissions_and_the_failed_self_check(
    clients, staff, company, applicant
):
    from django.utils import timezone

    plain, returned = submitted_many(company, applicant, 2)
    advance(returned, "intake", staff["intake"], "return", "根拠を補ってください")
    submit(Application.objects.get(pk=returned.pk), applicant)
    Application.objects.filter(pk=plain.pk).update(acknowledged_failures=True)
    task = open_task(plain, "intake")
    type(task).objects.filter(pk=task.pk).update(created=timezone.now() - timezone.timedelta(3))
    shown = {row["reference"]: row["html"] for row in rows(clients["intake"].get(QUEUE))}
    assert "3日" in shown[plain.reference]
    assert "未達あり" in shown[plain.reference]
    assert "再提出 " not in shown[plain.reference]  # no 「再提出 N回」 tag (the card label stays)
    assert "再提出 1回" in shown[returned.reference]
    assert "未達あり" not in shown[returned.reference]
    assert "0日" in shown[returned.reference]


@pytest.mark.django_db
def test_queue_filters_by_region_step_and_status(clients, staff, company, applicant, db):
    (yokosuka,) = submitted_many(company, applicant, 1)  # 横須賀市: 横須賀三浦
    other_owner = factories.make_user("applicant", username="owner-b@example.jp")
    odawara = factories.make_company(other_owner, municipality="小田原市")
    (in_kensei,) = submitted_many(odawara, other_owner, 1)
    staff["intake"].groups.add(Group.objects.get(name="reviewer"))
    advance(in_kensei, "intake", factories.make_user("intake", username="intake-2"), "accept")
    client = clients["intake"]
    assert set(references(client.get(QUEUE))) == {yokosuka.reference, in_kensei.reference}
    assert references(client.get(QUEUE, {"region": "県西"})) == [in_kensei.reference]
    assert references(client.get(QUEUE, {"region": "横須賀三浦"})) == [yokosuka.reference]
    assert references(client.get(QUEUE, {"step": "intake"})) == [yokosuka.reference]
    assert references(client.get(QUEUE, {"status": "under_review"})) == [in_kensei.reference]
    empty = client.get(QUEUE, {"region": "川崎"}).content.decode()
    assert "条件に合うタスクはありません" in empty
    # A made-up value is ignored, never an error page.
    assert client.get(QUEUE, {"region": "<x>", "sort": "nonsense"}).status_code == 200


@pytest.mark.django_db
def test_queue_sorts_by_a_column_and_back(clients, staff, company, applicant):
    first, second, third = submitted_many(company, applicant, 3)
    Application.objects.filter(pk=second.pk).update(version=3)
    client = clients["intake"]
    oldest_first = [first.reference, second.reference, third.reference]
    assert references(client.get(QUEUE)) == oldest_first
    assert references(client.get(QUEUE, {"sort": "-arrived"})) == oldest_first[::-1]
    assert references(client.get(QUEUE, {"sort": "resubmissions"}))[0] == second.reference
    assert references(client.get(QUEUE, {"sort": "-reference"})) == sorted(oldest_first)[::-1]
    html = client.get(QUEUE, {"sort": "reference", "region": "横須賀三浦"}).content.decode()
    # The header of the sorted column offers the other direction and keeps the filter.
    assert 'aria-sort="ascending"' in html
    assert 'href="?sort=-reference&amp;region=' in html


@pytest.mark.django_db
def test_process_list_filters_and_keeps_them_in_its_page_links(clients, staff, company, applicant):
    applications = submitted_many(company, applicant, 28)  # 26 left waiting for intake
    for application in applications[:2]:
        advance(application, "intake", staff["intake"], "accept")
    client = clients["intake"]
    reviewing = client.get(PROCESSES, {"step": "review"})
    assert set(references(reviewing)) == {a.reference for a in applications[:2]}
    assert set(references(client.get(PROCESSES, {"status": "under_review"}))) == {
        a.reference for a in applications[:2]
    }
    first_page = client.get(PROCESSES, {"status": "submitted"}).content.decode()
    assert "1 / 2 ページ" in first_page
    assert "?status=submitted&amp;page=2" in first_page
    second_page = client.get(PROCESSES, {"status": "submitted", "page": 2})
    assert len(references(second_page)) == 1
    shown = references(client.get(PROCESSES, {"status": "submitted"})) + references(second_page)
    assert sorted(shown) == sorted(a.reference for a in applications[2:])
    by_reference = references(client.get(PROCESSES, {"sort": "reference"}))
    assert by_reference == sorted(by_reference)


def _queries(client, url, params=None) -> int:
    client.get(url, params)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_the_lists_make_as_many_queries_with_5_rows_as_with_1(clients, staff, company, applicant):
    """The new columns and filters read the rows already joined: no query per row."""
    first, _waiting = submitted_many(company, applicant, 2)
    claim(clients["intake"], first, "intake")  # one row in the inbox, one in the queue
    pages = [
        (QUEUE, None),
        (QUEUE, {"region": "横須賀三浦", "step": "intake", "sort": "-resubmissions"}),
        (INBOX, {"sort": "failed"}),
        (PROCESSES, None),
        (PROCESSES, {"status": "submitted", "sort": "reference"}),
    ]
    before = [_queries(clients["intake"], url, params) for url, params in pages]
    submitted_many(company, applicant, 4)
    for application in submitted_many(company, applicant, 4):
        claim(clients["intake"], application, "intake")
    after = [_queries(clients["intake"], url, params) for url, params in pages]
    assert before == after


# --- A3: the intake checklist --------------------------------------------------------------


def _decide_intake(client, application, decision, comment="", ticked=()):
    task = claim(client, application, "intake")
    urls = task_urls(task)
    data = {"decision": decision, "comment": comment}
    data.update({f"intake-{name}": "on" for name in ticked})
    confirmation = client.post(urls["execute"], data).content.decode()
    response = client.post(urls["execute"], {**data, "confirm": "1"})
    assert response.status_code == 302
    return task, confirmation


@pytest.mark.django_db
def test_the_intake_checklist_is_recorded_with_the_decision_and_shown_in_the_record(
    clients, staff, company, applicant
):
    (application,) = submitted_many(company, applicant, 1)
    task = claim(clients["intake"], application, "intake")
    page = clients["intake"].get(task_urls(task)["execute"])
    html = page.content.decode()
    assert "受付チェックリスト" in html
    for label in ("定款あり", "決算書2期", "履歴事項は3か月以内", "県内所在", "法人番号"):
        assert label in html
    # Released, then decided through the confirmation page with three items ticked.
    task = open_task(application, "intake")
    clients["intake"].post(task_urls(task)["unassign"])
    task, confirmation = _decide_intake(
        clients["intake"],
        application,
        "accept",
        ticked=("articles", "financials", "in_prefecture"),
    )
    assert 'name="intake-articles" value="on"' in confirmation
    assert 'name="intake-registry_recent"' not in confirmation
    check = IntakeCheck.objects.get(application=application)
    assert (check.clerk_id, check.version, check.decision) == (staff["intake"].pk, 1, "accept")
    assert (check.articles, check.financials, check.registry_recent) == (True, True, False)
    assert (check.in_prefecture, check.corporate_number) == (True, False)
    record = (
        clients["reviewer"]
        .get(reverse("staff:application:process_detail", args=[task.process_id]))
        .content.decode()
    )
    assert "受付チェックリストの記録" in record
    assert "未確認:</span> 履歴事項は3か月以内" in record


@pytest.mark.django_db
def test_a_return_records_the_checklist_too(clients, staff, company, applicant):
    (application,) = submitted_many(company, applicant, 1)
    _decide_intake(clients["intake"], application, "return", "定款がありません", ticked=())
    check = IntakeCheck.objects.get(application=application)
    assert check.decision == "return" and not check.articles


@pytest.mark.django_db
def test_the_intake_page_flags_obvious_gaps(clients, staff, company, applicant):
    """A 株式会社 whose 法人番号 was removed after submission; one 決算書 is missing."""
    (application,) = submitted_many(company, applicant, 1)
    company.corporate_number = ""
    company.save()
    Attachment.objects.filter(application=application, kind="financials").first().delete()
    task = claim(clients["intake"], application, "intake")
    page = clients["intake"].get(task_urls(task)["execute"])
    html = page.content.decode()
    assert "株式会社ですが、法人番号が入力されていません。" in html
    assert "決算書の添付が1件です" in html
    company.corporate_number = "1010001008822"
    company.save()
    other = clients["intake"].get(page.request["PATH_INFO"]).content.decode()
    assert "法人番号が入力されていません" not in other


# --- A5, A14 ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_decider_sees_the_review_opinion_with_a_button_to_quote_it(
    clients, staff, company, applicant
):
    (application,) = submitted_many(company, applicant, 1)
    advance(application, "intake", staff["intake"], "accept")
    advance(
        application, "review", staff["reviewer"], "recommend_refusal", memo="同業他社で普及している"
    )
    task = claim(clients["approver"], application, "decision")
    html = clients["approver"].get(task_urls(task)["execute"]).content.decode()
    aside = html.split('class="task-aside"', 1)[1]
    assert 'id="review-opinion">同業他社で普及している' in aside
    assert 'data-quote-from="review-opinion" data-quote-into="id_comment"' in aside
    assert "審査意見を引用" in aside
    assert "js/staff" in html


@pytest.mark.django_db
def test_history_has_one_content_column_and_a_second_only_when_it_differs(
    clients, staff, company, applicant
):
    (application,) = submitted_many(company, applicant, 1)
    advance(application, "intake", staff["intake"], "return", "根拠を補ってください")
    process = application.processes.get()
    html = (
        clients["intake"]
        .get(reverse("staff:application:process_detail", args=[process.pk]))
        .content.decode()
    )
    history = html.split('id="history"', 1)[1].split("</table>", 1)[0]
    assert '<th scope="col">内容</th>' in history
    assert '<th scope="col">操作</th>' not in history
    assert "提出</td>" in history  # 提出 提出 → 提出
    assert '受付<span class="history-action">：補正依頼' in history


@pytest.mark.django_db
def test_the_process_lists_default_order_reads_as_newest_first(clients, staff, company, applicant):
    submitted_many(company, applicant, 1)
    html = clients["intake"].get(PROCESSES).content.decode()
    started = html.split("手続の開始", 1)[0].rsplit("<th", 1)[1]
    assert 'aria-sort="descending"' in started
    assert 'href="?sort=-started"' in started
