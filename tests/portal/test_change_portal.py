"""The portal's change page: from the approved plan's page to a change draft."""

import pytest
from django.test import Client
from django.urls import reverse

from approvals.models import Application
from tests.documents.conftest import decide


@pytest.fixture
def browser(applicant):
    client = Client()
    client.force_login(applicant)
    return client


@pytest.mark.django_db
def test_from_the_approved_plan_to_a_change_draft(draft, applicant, staff, browser):
    approved = decide(draft, applicant, staff)
    detail_url = reverse("approvals:application-detail", args=[approved.pk])
    change_url = reverse("approvals:application-change", args=[approved.pk])
    detail = browser.get(detail_url).content.decode()
    assert "計画の変更を申請する" in detail and change_url in detail
    page = browser.get(change_url).content.decode()
    assert "手続が不要な変更" in page and "2割以内" in page
    assert "変更承認申請が必要な変更" in page and "計画期間延長" in page
    # Without a reason or an item: the form says so, nothing is created.
    empty = browser.post(change_url, {"reason": ""})
    assert empty.status_code == 200
    body = empty.content.decode()
    assert "変更理由を書いてください。" in body and "変更する事項を1つ以上選んでください。" in body
    assert not Application.objects.filter(kind="change").exists()
    created = browser.post(
        change_url, {"reason": "期間を延長する。", "items": ["period_extension"]}
    )
    change = Application.objects.get(kind="change")
    assert created.status_code == 302
    assert created["Location"] == reverse("approvals:application-detail", args=[change.pk])
    draft_page = browser.get(created["Location"]).content.decode()
    assert "変更承認申請" in draft_page and detail_url in draft_page
    plan_page = browser.get(detail_url).content.decode()
    assert f"変更承認申請 {change.reference}" in plan_page
    # A second change while this one is open: back to the plan with the reason.
    again = browser.get(change_url, follow=True).content.decode()
    assert "手続中の変更承認申請" in again


@pytest.mark.django_db
def test_no_change_link_for_a_draft(draft, browser):
    page = browser.get(reverse("approvals:application-detail", args=[draft.pk])).content.decode()
    assert "計画の変更を申請する" not in page
    response = browser.get(reverse("approvals:application-change", args=[draft.pk]), follow=True)
    assert "変更承認申請はできません" in response.content.decode()


@pytest.mark.django_db
def test_the_plan_lists_its_approved_changes(draft, applicant, staff, browser):
    from approvals.change import change_create

    approved = decide(draft, applicant, staff)
    change = change_create(application=approved, actor=applicant, reason="理由", items=["other"])
    change = decide(change, applicant, staff)
    page = browser.get(reverse("approvals:application-detail", args=[approved.pk])).content
    page = page.decode()
    assert "第1回変更" in page
    assert reverse("approvals:application-detail", args=[change.pk]) in page
    from documents.issued.notices import notice_issue

    notice_issue(application_id=change.pk)
    own = browser.get(reverse("approvals:application-detail", args=[change.pk]))
    assert own.status_code == 200
    body = own.content.decode()
    assert "変更承認申請" in body and "計画を廃止する" not in body
    from documents.templatetags.notices import notice_download_url

    url = notice_download_url(change)
    assert url and url in body
    pdf = browser.get(url)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_a_change_shows_the_approved_base_years_fixed(draft, applicant, staff, browser):
    """On a change's figures page the base year and earlier are shown but cannot be typed
    into, and what is posted for them leaves the approved values; plan years are edited."""
    from approvals.change import change_create
    from tests.portal.helpers import figures_data

    approved = decide(draft, applicant, staff)
    change = change_create(
        application=approved, actor=applicant, reason="期間を延長する。", items=["period_extension"]
    )
    url = reverse("approvals:application-figures", args=[change.pk])
    page = browser.get(url).content.decode()
    assert "基準年度とそれ以前の実績は承認された計画のまま" in page
    assert 'name="y0-sales"' in page and 'name="y1-sales"' in page
    base_input = page[page.index('name="y0-sales"') - 300 : page.index('name="y0-sales"') + 300]
    plan_input = page[page.index('name="y1-sales"') - 300 : page.index('name="y1-sales"') + 300]
    assert "disabled" in base_input and "disabled" not in plan_input
    rows = {f.year: {n: getattr(f, n) for n in f.INPUT_FIELDS} for f in change.figures.all()}
    data = figures_data(rows)
    base_sales = rows[0]["sales"]
    data["y0-sales"] = "1"
    data["y1-sales"] = str(rows[1]["sales"] + 10)
    assert browser.post(url, data).status_code == 302
    saved = {f.year: f.sales for f in change.figures.all()}
    assert saved[0] == base_sales and saved[1] == rows[1]["sales"] + 10
    # A new plan's base year stays editable.
    assert (
        "disabled"
        not in browser.get(reverse("approvals:application-figures", args=[approved.pk]))
        .content.decode()
        .split('name="y0-sales"')[0][-300:]
    )
