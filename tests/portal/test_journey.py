"""The whole draft → submit journey through the portal's pages, as an applicant clicks it."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from approvals.models import Application, HistoryEntry
from tests.factories import passing_figures, pdf_upload
from tests.portal.helpers import company_data, figures_data, formset_data, overview_data


@pytest.mark.django_db
def test_sign_up_draft_every_section_and_submit(client):
    """A new applicant signs up, fills in the company and every section, and submits; the list
    then shows 提出済, a version is frozen and an intake task waits in the flow."""
    client.post(
        reverse("account_signup"),
        {
            "email": "owner@minato.example.jp",
            "password1": "tsubame-2026-kanagawa",
            "password2": "tsubame-2026-kanagawa",
            "accept_terms": "on",
        },
    )
    confirm = re.search(r"https?://[^\s]+", mail.outbox[-1].body)[0]
    response = client.post(confirm)
    assert response["Location"] == reverse("approvals:company")

    response = client.post(reverse("approvals:company"), company_data(), follow=True)
    assert "企業情報を保存しました" in response.content.decode()

    response = client.post(reverse("approvals:application-create"))
    application = Application.objects.get()
    assert response["Location"] == reverse("approvals:application-detail", args=[application.pk])
    page = client.get(response["Location"]).content.decode()
    assert "計画の概要" in page and "未着手" in page

    pk = application.pk
    steps = [
        ("approvals:application-overview", overview_data()),
        ("approvals:application-figures", figures_data(passing_figures(3))),
        (
            "approvals:application-schedule",
            formset_data(
                "schedule",
                [
                    {"item": "5軸加工機の導入", "start": "1-1", "end": "1-2"},
                    {"item": "試作と販路開拓", "start": "1-3", "end": "3-4"},
                ],
            ),
        ),
        (
            "approvals:application-funding",
            formset_data(
                "funding",
                [
                    {"source": "private_loan", "amount": "４，０００"},
                ],
            ),
        ),
        ("approvals:application-support", {"bodies": ["jfc", "credit_guarantee"]}),
    ]
    for name, data in steps:
        response = client.post(reverse(name, args=[pk]), data)
        assert response.status_code == 302, (name, response.content.decode()[:2000])
        assert response["Location"] == reverse("approvals:application-detail", args=[pk])

    page = client.get(reverse("approvals:application-detail", args=[pk])).content.decode()
    assert "添付書類" in page and "提出できます" not in page

    # Every required attachment in one form, several files for one kind.
    response = client.post(
        reverse("documents:attachment-list", args=[pk]),
        {
            "files-articles": [pdf_upload("定款.pdf")],
            "files-financials": [
                pdf_upload("決算書_令和6年度.pdf"),
                pdf_upload("決算書_令和5年度.pdf"),
            ],
            "files-registry": [pdf_upload("履歴事項全部証明書.pdf")],
        },
    )
    assert response["Location"] == reverse("documents:attachment-list", args=[pk])

    page = client.get(reverse("approvals:application-detail", args=[pk])).content.decode()
    assert "提出できます" in page

    check = client.get(reverse("workflow:application-submit", args=[pk])).content.decode()
    assert "提出する前に" not in check
    assert "達成" in check
    assert "5軸加工機の導入" in check  # every section's answers are shown

    response = client.post(reverse("workflow:application-submit", args=[pk]))
    assert response["Location"] == reverse("workflow:application-submitted", args=[pk])
    confirmation = client.get(response["Location"]).content.decode()
    assert application.reference in confirmation
    assert "提出済（受付待ち）" in confirmation

    listing = client.get(reverse("approvals:application-list")).content.decode()
    assert "提出済（受付待ち）" in listing

    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.version == 1
    assert application.versions.get().number == 1
    assert application.funding.get().amount == 4000
    assert HistoryEntry.objects.filter(application=application, action="submit").exists()
    tasks = Task.objects.filter(
        process__applicationprocess__application=application, flow_task_type="HUMAN"
    ).exclude(status__in=[STATUS.DONE, STATUS.CANCELED])
    assert tasks.count() == 1
