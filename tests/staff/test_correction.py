"""補正 as a conversation, through the pages and the API as people use them: the clerk's two
boxes (to the applicant / internal memo), the sections and deadline of the request, the
applicant's task list and pages, the e-mail, the reply with the resubmission."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from approvals.models import Authority, HistoryEntry
from tests.api.conftest import client_for
from tests.api.task_support import complete, task_id
from tests.factories import MINIMAL_PDF
from tests.staff.helpers import advance, claim, decide, task_urls
from workflow import services

REQUEST = "2年目の売上高の根拠が不明です。"
MEMO = "社内限り: この会社は前回も根拠が弱かった"
REPLY = "2年目の売上高は、A社からの受注見込みを根拠に見直しました。"


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _detail(client, application) -> str:
    return _text(client.get(reverse("approvals:application-detail", args=[application.pk])))


def _submit_page(client, application) -> str:
    return _text(client.get(reverse("workflow:application-submit", args=[application.pk])))


def _status_cell(page: str, key: str) -> str:
    return page.split(f'id="task-{key}-status"', 1)[1].split("</div>", 1)[0]


@pytest.fixture
def returned(clients, draft, applicant, staff, django_capture_on_commit_callbacks):
    """Submitted, then returned on the intake page: message, memo, 経営指標 and 添付書類, a
    deadline in ten days."""
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    due = timezone.localdate() + timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        decide(
            clients["intake"],
            draft,
            "intake",
            "return",
            REQUEST,
            memo=MEMO,
            sections=["figures", "attachments"],
            due_on=due.isoformat(),
        )
    draft.refresh_from_db()
    draft.due = due
    return draft


@pytest.mark.django_db
def test_the_task_page_has_one_box_for_the_applicant_and_one_internal(clients, draft, applicant):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    task = claim(clients["intake"], draft, "intake")
    page = _text(clients["intake"].get(task_urls(task)["execute"]))
    assert "申請者への連絡" in page and "この欄は申請者に送られます" in page
    assert "内部メモ（申請者には表示されません）" in page
    assert 'name="memo"' in page and 'name="comment"' in page
    # The correction's own fields, with the authority's default deadline filled in.
    default = timezone.localdate() + timedelta(days=Authority.current().correction_days)
    assert f'value="{default.isoformat()}"' in page
    assert 'value="figures"' in page and 'value="attachments"' in page
    assert "決算書が2期分ありません" in page  # a ready-made reason to insert


@pytest.mark.django_db
def test_the_confirmation_says_what_reaches_the_applicant(clients, draft, applicant):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    task = claim(clients["intake"], draft, "intake")
    due = (timezone.localdate() + timedelta(days=20)).isoformat()
    page = _text(
        clients["intake"].post(
            task_urls(task)["execute"],
            {"decision": "return", "comment": REQUEST, "memo": MEMO, "sections": ["figures"]}
            | {"due_on": due},
        )
    )
    assert "よろしいですか" in page
    assert "申請者に送られます" in page and REQUEST in page and MEMO in page
    assert "経営指標" in page
    assert f'name="due_on" value="{due}"' in page and 'name="sections" value="figures"' in page


@pytest.mark.django_db
def test_the_request_names_sections_and_deadline_and_the_memo_never_reaches_the_applicant(
    returned, clients, applicant
):
    entry = HistoryEntry.objects.get(application=returned, action="return")
    assert (entry.comment, entry.memo) == (REQUEST, MEMO)
    assert entry.sections == ["figures", "attachments"] and entry.due_on == returned.due

    page = _detail(clients["applicant"], returned)
    assert REQUEST in page and MEMO not in page
    assert "補正期限" in page and f"{returned.due.year}年{returned.due.month}月" in page
    figures_url = reverse("approvals:application-figures", args=[returned.pk])
    attachments_url = reverse("documents:attachment-list", args=[returned.pk])
    assert f'href="{figures_url}">経営指標を修正する' in page
    assert f'href="{attachments_url}">添付書類を修正する' in page
    assert "修正が必要" in _status_cell(page, "figures")
    assert "修正が必要" in _status_cell(page, "attachments")
    assert "修正が必要" not in _status_cell(page, "overview")

    submit_page = _submit_page(clients["applicant"], returned)
    assert REQUEST in submit_page and MEMO not in submit_page and "補正期限" in submit_page

    # The e-mail: the request, the deadline and the sections; never the memo.
    body = mail.outbox[-1].body
    assert REQUEST in body and MEMO not in body
    assert "補正期限" in body and "経営指標、添付書類" in body

    # The API: the request with its sections and deadline, no memo field at all.
    rows = client_for(applicant).get(f"/api/v1/applications/{returned.pk}/history/").json()
    request = next(r for r in rows["results"] if r["action"] == "return")
    assert request["comment"] == REQUEST and "memo" not in request
    assert request["sections"] == ["figures", "attachments"]
    assert request["due_on"] == returned.due.isoformat()
    assert MEMO not in str(rows)


@pytest.mark.django_db
def test_staff_read_the_memo(returned, clients, staff):
    rows = client_for(staff["approver"]).get(f"/api/v1/applications/{returned.pk}/history/")
    assert MEMO in [r.get("memo") for r in rows.json()["results"]]


@pytest.mark.django_db
def test_during_correction_the_count_and_the_submit_row_agree(returned, clients):
    """The task list said 「4 of 5 complete」 beside 「提出できます」: 企業情報 showed 入力中 for a
    company the submission accepted. Now both follow one rule."""
    page = _detail(clients["applicant"], returned)
    assert "必須の5項目のうち、5項目が完了しています。" in page
    assert "完了" in _status_cell(page, "company")
    assert "提出できます" in _status_cell(page, "submit")


@pytest.mark.django_db
def test_a_company_missing_its_corporate_number_blocks_as_the_task_list_says(
    clients, draft, company
):
    company.corporate_number = ""
    company.save()
    page = _detail(clients["applicant"], draft)
    assert "入力中" in _status_cell(page, "company")
    assert "提出できます" not in _status_cell(page, "submit")
    submit_page = _submit_page(clients["applicant"], draft)
    assert "企業情報の法人番号（13桁）を入力してください。" in submit_page
    assert f'href="{reverse("approvals:company")}"' in submit_page


@pytest.mark.django_db
def test_the_reply_and_the_own_changes_reach_the_clerk(returned, clients, staff):
    figures = returned.figures.get(year=2)
    figures.sales += 1000
    figures.save()
    page = _submit_page(clients["applicant"], returned)
    # The applicant sees their own change before sending it, as the clerk will.
    assert "前回からの変更点（第1版 → 第2版）" in page
    assert "2年目 売上高" in page and "<del>" in page and "<ins>" in page
    assert "補正の内容（担当者への回答）" in page

    url = reverse("workflow:application-submit", args=[returned.pk])
    response = clients["applicant"].post(url, {"reply": REPLY})
    assert response.status_code == 302
    returned.refresh_from_db()
    assert (returned.status, returned.version) == ("submitted", 2)
    assert returned.versions.get(number=2).reply == REPLY

    task = claim(clients["intake"], returned, "intake")
    task_page = _text(clients["intake"].get(task_urls(task)["execute"]))
    changes = task_page.split('id="changes"', 1)[1]
    reply = changes.split('id="correction-reply"', 1)[1]
    assert REPLY in reply.split("</div>", 1)[0]
    assert REQUEST in changes and "2年目 売上高" in changes
    # The applicant reads their own reply in the history.
    assert REPLY in _detail(clients["applicant"], returned)


@pytest.mark.django_db
def test_a_replaced_attachment_reaches_the_clerks_change_list(returned, clients, staff):
    """During 補正 the applicant withdraws a file of version 1 and attaches its replacement;
    both show, with the file name and kind, on their own change list and on the clerk's."""
    applicant = clients["applicant"]
    old = returned.attachments.get(kind="registry")
    delete = reverse("documents:attachment-delete", args=[returned.pk, old.pk])
    page = _text(applicant.post(delete, follow=True))
    assert "「registry-1.pdf」を第2版から取り下げました（提出済みの第1版には残ります）。" in page
    attachments = reverse("documents:attachment-list", args=[returned.pk])
    upload = SimpleUploadedFile("登記_最新.pdf", MINIMAL_PDF)
    assert applicant.post(attachments, {"files-registry": [upload]}).status_code == 302

    def attachment_rows(page):
        table = page.split('id="changes"', 1)[1] if 'id="changes"' in page else page
        section = table.split("添付書類</th></tr>", 1)[1].split("</tbody>", 1)[0]
        return section

    rows = attachment_rows(_submit_page(applicant, returned))
    assert "履歴事項全部証明書" in rows
    assert "<del>registry-1.pdf</del>" in rows and "<ins>（削除）</ins>" in rows
    assert "<del>（なし）</del>" in rows and "<ins>登記_最新.pdf</ins>" in rows

    url = reverse("workflow:application-submit", args=[returned.pk])
    assert applicant.post(url, {"reply": REPLY}).status_code == 302
    task = claim(clients["intake"], returned, "intake")
    rows = attachment_rows(_text(clients["intake"].get(task_urls(task)["execute"])))
    assert "履歴事項全部証明書" in rows
    assert "<del>registry-1.pdf</del>" in rows and "<ins>登記_最新.pdf</ins>" in rows
    # Version 1 keeps the withdrawn file: the clerk still downloads it.
    old.refresh_from_db()
    assert (old.frozen_in_version, old.withdrawn_in_version) == (1, 2)
    download = reverse("documents:attachment-download", args=[old.pk])
    assert clients["intake"].get(download).status_code == 200


@pytest.mark.django_db
def test_without_javascript_the_chosen_reason_is_appended(clients, draft, applicant):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    task = claim(clients["intake"], draft, "intake")
    page = _text(
        clients["intake"].post(
            task_urls(task)["execute"], {"decision": "return", "comment": REQUEST, "reason": "0"}
        )
    )
    assert "よろしいですか" in page
    assert f"{REQUEST}<br>決算書が2期分ありません。" in page
    # A reason alone is a request too.
    page = _text(
        clients["intake"].post(task_urls(task)["execute"], {"decision": "return", "reason": "1"})
    )
    assert "よろしいですか" in page and "履歴事項全部証明書が3か月以内" in page


@pytest.mark.django_db
def test_a_past_deadline_or_an_unknown_section_is_refused_with_a_message(clients, draft, applicant):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    task = claim(clients["intake"], draft, "intake")
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    data = {"decision": "return", "comment": REQUEST, "due_on": yesterday, "confirm": "1"}
    page = _text(clients["intake"].post(task_urls(task)["execute"], data))
    assert "補正期限には今日以降の日付を指定してください。" in page
    assert REQUEST in page  # nothing typed is lost
    data = {"decision": "return", "comment": REQUEST, "sections": ["nonsense"], "confirm": "1"}
    page = _text(clients["intake"].post(task_urls(task)["execute"], data))
    assert "error-message" in page
    draft.refresh_from_db()
    assert draft.status == "submitted"


@pytest.mark.django_db
def test_the_api_returns_with_sections_deadline_and_memo(draft, applicant, staff):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    intake = client_for(staff["intake"])
    pk = task_id(draft, "intake")
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    bad = complete(intake, pk, "return", REQUEST, due_on=past)
    assert bad.status_code == 400 and "due_on" in bad.json()["errors"]
    bad = complete(intake, pk, "return", REQUEST, sections=["nonsense"])
    assert bad.status_code == 400 and "sections" in bad.json()["errors"]
    assert HistoryEntry.objects.filter(application=draft, action="return").count() == 0

    response = complete(intake, pk, "return", REQUEST, memo=MEMO, sections=["schedule"])
    assert response.status_code == 200, response.json()
    entry = HistoryEntry.objects.get(application=draft, action="return")
    default = timezone.localdate() + timedelta(days=Authority.current().correction_days)
    assert (entry.memo, entry.sections, entry.due_on) == (MEMO, ["schedule"], default)

    # The applicant resubmits through the API with a reply.
    response = client_for(applicant).post(
        f"/api/v1/applications/{draft.pk}/submit/", {"reply": REPLY}, format="json"
    )
    assert response.status_code == 200, response.json()
    versions = client_for(applicant).get(f"/api/v1/applications/{draft.pk}/versions/").json()
    rows = versions["results"] if isinstance(versions, dict) else versions
    assert [v["reply"] for v in rows] == ["", REPLY]


@pytest.mark.django_db
def test_a_memo_at_the_review_stays_internal_and_reaches_the_decider(
    clients, draft, applicant, staff
):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    advance(
        draft, "intake", staff["intake"], "accept", "受け付けました。", memo="書類は原本確認済み"
    )
    advance(draft, "review", staff["reviewer"], "recommend_approval", memo="新規性は十分")
    page = _detail(clients["applicant"], draft)
    assert "受け付けました。" in page  # the message to the applicant
    assert "書類は原本確認済み" not in page and "新規性は十分" not in page
    task = claim(clients["approver"], draft, "decision")
    decider = _text(clients["approver"].get(task_urls(task)["execute"]))
    assert "新規性は十分" in decider and "書類は原本確認済み" in decider
