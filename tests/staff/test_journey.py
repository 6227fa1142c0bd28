"""The whole procedure through the web pages, as the applicant and the staff click it."""

import pytest
from django.core import mail
from django.urls import reverse

from approvals.models import Application, Review
from tests.factories import passing_figures
from tests.portal.helpers import figures_data
from tests.staff.helpers import decide, submit


def _detail(client, application) -> str:
    return client.get(
        reverse("approvals:application-detail", args=[application.pk])
    ).content.decode()


@pytest.mark.django_db
def test_return_correct_resubmit_diff_accept_review_approve(
    clients, draft, django_capture_on_commit_callbacks
):
    """Submit → intake returns with a comment (portal and e-mail) → the applicant corrects a
    figure and resubmits → intake sees what changed and accepts → review recommends approval
    with the checklist → the decision approves → the applicant sees 承認 and the number."""
    applicant = clients["applicant"]
    assert submit(applicant, draft).status_code == 302

    request = "2年目の売上高の根拠が不明です。見直してください。"
    with django_capture_on_commit_callbacks(execute=True):
        decide(clients["intake"], draft, "intake", "return", request)
    app = Application.objects.get(pk=draft.pk)
    assert app.status == "returned"
    assert request in mail.outbox[-1].body

    page = _detail(applicant, app)
    assert "補正依頼中" in page and "修正して再提出してください" in page
    assert request in page
    assert "確認と再提出" in page

    rows = passing_figures(3)
    rows[2]["sales"] = 111_000
    response = applicant.post(
        reverse("approvals:application-figures", args=[app.pk]), figures_data(rows)
    )
    assert response.status_code == 302
    check = applicant.get(reverse("workflow:application-submit", args=[app.pk])).content.decode()
    assert "確認と再提出" in check and "再提出する" in check
    response = submit(applicant, app)
    assert response.status_code == 302
    app.refresh_from_db()
    assert (app.status, app.version) == ("submitted", 2)

    page, _confirm, _done = decide(clients["intake"], app, "intake", "accept")
    html = page.content.decode()
    assert "前回からの変更点（第1版 → 第2版）" in html
    assert "2年目 売上高" in html and "110,000千円" in html and "111,000千円" in html
    app.refresh_from_db()
    assert app.status == "under_review"

    checklist = {"novelty": "on", "feasibility": "on", "funding": "on", "policy": "on"}
    decide(
        clients["reviewer"], app, "review", "recommend_approval", memo="新規性あり。", **checklist
    )
    review = Review.objects.get(application=app)
    assert (review.novelty, review.feasibility, review.funding, review.policy) == (True,) * 4
    assert review.opinion == "新規性あり。"

    with django_capture_on_commit_callbacks(execute=True):
        decide(clients["approver"], app, "decision", "approve")
    app.refresh_from_db()
    assert app.status == "approved"
    page = _detail(applicant, app)
    assert "承認" in page and app.approval.number in page
    assert "新規性あり。" not in page  # the reviewer's opinion stays inside the prefecture

    # Every task of the finished procedure opens from the process page.
    process = app.processes.get()
    url = reverse("staff:application:process_detail", args=[process.pk])
    assert clients["approver"].get(url).status_code == 200
    for task in process.task_set.all():
        link = task.flow_task.reverse("index", args=[process.pk, task.pk])
        assert clients["approver"].get(link, follow=True).status_code == 200, task.flow_task
