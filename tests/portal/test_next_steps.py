"""What happens next, as the applicant reads it: the processing period and whom to ask, the
confirmation e-mail, the outcome's next steps, the copy of a refused or withdrawn plan, one
status label, the start page, and the words explained where they appear."""

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from approvals import terms
from approvals.constants import ApplicationKind, Status
from approvals.errors import InvalidTransition, NotPermitted
from approvals.models import Application, Authority, Mail
from approvals.presenters import next_steps
from approvals.services import application_copy
from tests import factories
from workflow import services
from workflow.services import open_task

CONTACT = {
    "contact_department": "産業労働局 中小企業支援課（テスト）",
    "contact_phone": "045-000-1234",
    "contact_email": "kakushin-test@pref.example.jp",
    "contact_hours": "平日 9時〜17時（テスト）",
    "standard_processing_days": 35,
}


@pytest.fixture
def authority(db):
    authority = Authority.current()
    for name, value in CONTACT.items():
        setattr(authority, name, value)
    authority.save()
    return authority


@pytest.fixture
def staff(db):
    return {r: factories.make_user(r, username=r) for r in ("intake", "reviewer", "approver")}


def _step(application, step, user, decision, comment="", **extra):
    services.task_complete(
        task=open_task(application, step), user=user, decision=decision, comment=comment, **extra
    )
    return Application.objects.get(pk=application.pk)


def _page(client, application) -> str:
    return client.get(
        reverse("approvals:application-detail", args=[application.pk])
    ).content.decode()


def _submit(application, actor):
    services.application_submit(application=application, actor=actor, acknowledge_failures=False)
    return Application.objects.get(pk=application.pk)


def _refused(application, applicant, staff):
    app = _step(_submit(application, applicant), "intake", staff["intake"], "accept")
    app = _step(app, "review", staff["reviewer"], "recommend_refusal", "内部メモ")
    return _step(app, "decision", staff["approver"], "refuse", "新規性が認められないため。")


def _assert_contact(page):
    for name in ("contact_department", "contact_phone", "contact_email", "contact_hours"):
        assert CONTACT[name] in page, name
    assert "標準処理期間：35開庁日（補正の期間を除く）" in page


# --- C4: the processing period and the contact, on submitted, under review and correction ---


@pytest.mark.django_db
def test_the_submitted_page_says_how_long_and_whom_to_ask(client, draft, applicant, authority):
    client.force_login(applicant)
    response = client.post(reverse("workflow:application-submit", args=[draft.pk]), follow=True)
    page = response.content.decode()
    assert "提出が完了しました" in page
    _assert_contact(page)
    assert f"tel:{CONTACT['contact_phone'].replace('-', '')}" in page
    # X10: the panel says it; no flash message repeats it.
    assert "申請を提出しました。" not in page


@pytest.mark.django_db
def test_under_review_and_correction_pages_show_the_contact(
    client, draft, applicant, authority, staff
):
    client.force_login(applicant)
    returned = _step(_submit(draft, applicant), "intake", staff["intake"], "return", "根拠を。")
    page = _page(client, returned)
    _assert_contact(page)
    assert str(next_steps.GLOSSARY["correction"]) in page  # 補正 explained where it is asked
    app = _step(_submit(returned, applicant), "intake", staff["intake"], "accept")
    assert app.status == Status.UNDER_REVIEW
    _assert_contact(_page(client, app))


@pytest.mark.django_db
def test_a_draft_shows_no_processing_period(client, draft, applicant, authority):
    client.force_login(applicant)
    page = _page(client, draft)
    assert "標準処理期間" not in page and CONTACT["contact_phone"] not in page


# --- C4: the confirmation e-mail, queued with the submission ---


@pytest.mark.django_db
def test_the_confirmation_mail_goes_once_with_the_submission(
    client, draft, applicant, authority, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("workflow:application-submit", args=[draft.pk]), follow=True)
    [row] = Mail.objects.filter(application=draft)
    assert (row.template, row.context, row.state) == ("submitted", {"version": 1}, "sent")
    [message] = mail.outbox
    assert sorted(message.to) == ["applicant-a@example.jp", "info@example.jp"]
    assert draft.reference in message.subject and "提出を確認しました" in message.subject
    assert "標準処理期間：35開庁日（補正の期間を除く）" in message.body
    assert CONTACT["contact_phone"] in message.body
    page = response.content.decode()
    assert "提出の確認メールを applicant-a@example.jp、info@example.jp にお送りしました。" in page


@pytest.mark.django_db
def test_a_rolled_back_submission_queues_no_mail(
    draft, applicant, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _submit(draft, applicant)
        raise RuntimeError("the request failed after the submission")
    assert not Mail.objects.exists() and callbacks == [] and mail.outbox == []
    assert Application.objects.get(pk=draft.pk).status == Status.DRAFT


@pytest.mark.django_db
def test_a_resubmission_is_confirmed_as_such(draft, applicant, staff):
    returned = _step(_submit(draft, applicant), "intake", staff["intake"], "return", "根拠を。")
    _submit(returned, applicant)
    contexts = list(
        Mail.objects.filter(application=draft, template="submitted").values_list(
            "context", flat=True
        )
    )
    assert contexts == [{"version": 1}, {"version": 2}]


@pytest.mark.django_db
def test_no_mail_no_claim(client, draft, applicant):
    client.force_login(applicant)
    client.post(reverse("workflow:application-submit", args=[draft.pk]))
    Mail.objects.filter(application=draft).delete()
    page = client.get(reverse("workflow:application-submitted", args=[draft.pk])).content
    assert "確認メール" not in page.decode()


# --- C15: outcome pages ---


@pytest.mark.django_db
def test_an_approval_lists_support_measures_and_duties(client, draft, applicant, staff):
    client.force_login(applicant)
    app = _step(_submit(draft, applicant), "intake", staff["intake"], "accept")
    app = _step(app, "review", staff["reviewer"], "recommend_approval")
    app = _step(app, "decision", staff["approver"], "approve")
    page = _page(client, app)
    assert "利用できる主な支援措置" in page
    for measure in (*next_steps.SUPPORT_MEASURES, *next_steps.DUTIES):
        assert str(measure) in page
    assert "変更承認申請" in page and "フォローアップ調査" in page
    assert "それぞれの機関" in page  # each body examines separately
    assert "この内容をコピー" not in page  # an approved plan is changed, not copied
    assert "stages-approved" in page


@pytest.mark.django_db
def test_the_approval_notice_is_the_main_button_once_issued(
    client, draft, applicant, staff, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    app = _step(_submit(draft, applicant), "intake", staff["intake"], "accept")
    app = _step(app, "review", staff["reviewer"], "recommend_approval")
    with django_capture_on_commit_callbacks(execute=True):
        app = _step(app, "decision", staff["approver"], "approve")
    page = _page(client, app)
    url = reverse("documents:notice-download", args=[app.pk])
    assert f'class="button notice-download" href="{url}"' in page
    assert "承認通知書をダウンロード（PDF）" in page


@pytest.mark.django_db
def test_a_refusal_offers_help_and_a_copy_and_no_green_bar(
    client, draft, applicant, staff, authority
):
    client.force_login(applicant)
    page = _page(client, _refused(draft, applicant, staff))
    assert "相談窓口" in page and CONTACT["contact_phone"] in page
    assert "この内容をコピーして新しい計画を作成" in page
    assert "stages-refused" in page and "stage-refused" in page
    assert "利用できる主な支援措置" not in page


@pytest.mark.django_db
def test_a_withdrawal_offers_the_copy(client, draft, applicant):
    client.force_login(applicant)
    app = _submit(draft, applicant)
    services.application_withdraw(application=app, actor=applicant)
    assert "この内容をコピーして新しい計画を作成" in _page(client, app)


@pytest.mark.django_db
def test_a_plan_in_the_procedure_offers_no_copy(client, draft, applicant):
    client.force_login(applicant)
    assert "この内容をコピー" not in _page(client, _submit(draft, applicant))


# --- C15: the copy ---


def _content(application) -> dict:
    return {
        "columns": [
            getattr(application, name)
            for name in ("theme", "existing_business", "content", "novelty", "plan_start")
        ]
        + [application.period_years, application.rd_years],
        "activities": application.activity_codes(),
        "figures": [
            [row.year, *(getattr(row, f) for f in terms.INPUT_FIGURES)]
            for row in application.figures.order_by("year")
        ],
        "schedule": list(application.schedule.values_list("position", "item", "start", "end")),
        "funding": sorted(application.funding.values_list("source", "amount")),
        "contacts": sorted(application.support_contacts.values_list("body", flat=True)),
    }


@pytest.mark.django_db
def test_the_copy_takes_the_content_not_the_state(client, draft, applicant, staff):
    refused = _refused(draft, applicant, staff)
    client.force_login(applicant)
    response = client.post(reverse("approvals:application-copy", args=[refused.pk]))
    copy = Application.objects.exclude(pk=refused.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("approvals:application-detail", args=[copy.pk])
    assert _content(copy) == _content(refused) and _content(copy)["figures"]
    assert copy.company == refused.company and copy.created_by == applicant
    assert (copy.status, copy.version, copy.rule_set) == (Status.DRAFT, 0, "")
    assert copy.submitted_at is None and not copy.acknowledged_failures
    assert copy.reference and copy.reference != refused.reference
    assert not copy.attachments.exists() and refused.attachments.exists()
    assert not copy.versions.exists() and not hasattr(copy, "refusal")
    [created] = copy.history.all()
    assert refused.reference in created.comment
    page = client.get(response["Location"]).content.decode()
    assert "添付書類はコピーしていません" in page
    assert f"管理番号 {copy.reference}" in page  # not yet received: not a 受付番号
    # The source is untouched.
    assert Application.objects.get(pk=refused.pk).status == Status.REFUSED


@pytest.mark.django_db
def test_a_firm_never_copies_another_firms_application(
    client, draft, applicant, staff, other_applicant, other_company
):
    refused = _refused(draft, applicant, staff)
    client.force_login(other_applicant)
    response = client.post(reverse("approvals:application-copy", args=[refused.pk]))
    assert response.status_code == 404
    assert Application.objects.count() == 1
    with pytest.raises(NotPermitted):
        application_copy(application=refused, actor=other_applicant)
    assert Application.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["draft", "submitted", "approved"])
def test_only_a_refused_or_withdrawn_plan_is_copied(client, draft, applicant, status):
    Application.objects.filter(pk=draft.pk).update(status=status)
    client.force_login(applicant)
    response = client.post(reverse("approvals:application-copy", args=[draft.pk]), follow=True)
    assert "の申請はコピーできません" in response.content.decode()
    assert Application.objects.count() == 1
    with pytest.raises(InvalidTransition):
        application_copy(application=draft, actor=applicant)


@pytest.mark.django_db
def test_the_copy_is_post_only(client, draft, applicant):
    Application.objects.filter(pk=draft.pk).update(status="withdrawn")
    client.force_login(applicant)
    assert client.get(reverse("approvals:application-copy", args=[draft.pk])).status_code == 405
    assert Application.objects.count() == 1


# --- C11, C9: one status label, shown once; the words explained; 管理番号 until submitted ---


@pytest.mark.django_db
def test_the_status_is_shown_once_with_its_one_label(client, draft, applicant, staff):
    client.force_login(applicant)
    app = _submit(draft, applicant)
    page = _page(client, app)
    assert page.count(str(Status.SUBMITTED.label)) == 1
    assert "受付待ち</strong>" not in page  # the status box's old label of its own
    returned = _step(app, "intake", staff["intake"], "return", "根拠を。")
    resubmitted = _submit(returned, applicant)
    page = _page(client, resubmitted)
    assert page.count(str(Status.SUBMITTED.label)) == 1
    assert "第2版（補正後の再提出）" in page
    assert str(next_steps.GLOSSARY["version"]) in page
    assert str(next_steps.GLOSSARY["decision"]) in page


@pytest.mark.django_db
def test_a_draft_has_a_management_number(client, draft, applicant):
    client.force_login(applicant)
    page = _page(client, draft)
    assert f"管理番号 {draft.reference}" in page and "受付番号" not in page
    page = _page(client, _submit(draft, applicant))
    assert f"受付番号 {draft.reference}" in page


@pytest.mark.django_db
def test_english_has_one_label_too(client, draft, applicant):
    client.force_login(applicant)
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    page = _page(client, _submit(draft, applicant))
    assert page.count("Submitted (awaiting intake)") == 1
    assert "Awaiting intake" not in page


# --- C20, C19, C12, C13, X9: the start page, one rule, one sentence, the next button ---


@pytest.mark.django_db
def test_the_start_page_says_who_what_how_long_and_where(client, authority):
    page = client.get("/").content.decode()
    for text in (
        "申請できる方",
        "神奈川県内に本店",
        terms.FISCAL_YEARS_RULE,
        "あらかじめご用意いただくもの",
        "決算書",
        "定款",
        "履歴事項全部証明書",
        "法人番号",
        "標準処理期間：35開庁日（補正の期間を除く）",
        "商工会・商工会議所",
        str(next_steps.SAVING),
        CONTACT["contact_phone"],
    ):
        assert text in page, text
    assert "開発者向け情報" in page


@pytest.mark.django_db
def test_the_empty_list_says_the_same_about_saving(client, company, applicant):
    client.force_login(applicant)
    page = client.get(reverse("approvals:application-list")).content.decode()
    assert "まだ計画はありません" in page and str(next_steps.SAVING) in page
    assert "項目ごとに保存" not in page


@pytest.mark.django_db
def test_the_fiscal_years_rule_is_said_alike_on_company_and_attachments(client, draft, applicant):
    client.force_login(applicant)
    company_page = client.get(reverse("approvals:company")).content.decode()
    attachments = client.get(reverse("documents:attachment-list", args=[draft.pk]))
    assert terms.FISCAL_YEARS_RULE in company_page
    assert terms.FISCAL_YEARS_RULE in attachments.content.decode()


@pytest.mark.django_db
def test_after_saving_the_company_the_next_step_is_a_button(client, company, applicant):
    client.force_login(applicant)
    page = client.get(reverse("approvals:company")).content.decode()
    create = reverse("approvals:application-create")
    assert f'action="{create}"' in page and "申請書の作成に進む" in page
    factories.make_application(company, applicant, complete=False)
    page = client.get(reverse("approvals:company")).content.decode()
    assert "申請書の作成に進む" not in page and "申請一覧に進む" in page


# --- issue 17: the period of the application's own procedure (new plan or change) ---


@pytest.mark.django_db
def test_the_period_is_the_procedures_own(authority):
    authority.standard_processing_days_change = 20
    authority.save()
    new = next_steps.processing_period(authority, ApplicationKind.NEW)
    change = next_steps.processing_period(authority, ApplicationKind.CHANGE)
    assert new == next_steps.processing_period(authority)
    assert new == "標準処理期間：35開庁日（補正の期間を除く）"
    assert change == "標準処理期間（変更承認申請）：20開庁日（補正の期間を除く）"


@pytest.mark.django_db
def test_a_change_application_shows_the_change_period(
    client, draft, applicant, staff, authority, django_capture_on_commit_callbacks
):
    from approvals.change import change_create
    from tests.documents.conftest import decide

    authority.standard_processing_days_change = 20
    authority.save()
    approved = decide(draft, applicant, staff)
    change = change_create(application=approved, actor=applicant, reason="理由", items=["other"])
    factories.attach_required(change, applicant)
    mail.outbox.clear()
    client.force_login(applicant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("workflow:application-submit", args=[change.pk]), follow=True
        )
    wanted = "標準処理期間（変更承認申請）：20開庁日（補正の期間を除く）"
    submitted_page = response.content.decode()
    assert wanted in submitted_page and "35開庁日" not in submitted_page
    detail = _page(client, Application.objects.get(pk=change.pk))
    assert wanted in detail and "35開庁日" not in detail
    [message] = [m for m in mail.outbox if "提出を確認しました" in m.subject]
    assert wanted in message.body and "35開庁日" not in message.body
    # The approved plan's own page is not the change's.
    assert wanted not in _page(client, approved)
