"""A delegate in the portal: only the firms that delegated to it, only within the scopes
(DOMAIN.md §12): 404 for everything else, 403 beyond the scopes, revocation at once."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.constants import Status
from approvals.models import Application, Delegation
from approvals.support import services as support_services
from tests import factories
from tests.portal.helpers import overview_data
from tests.support.conftest import grant
from workflow import services


@pytest.fixture
def as_delegate(client, delegate):
    client.force_login(delegate)
    return client


@pytest.fixture
def b_draft(other_company, other_applicant):
    return factories.make_application(other_company, other_applicant, theme="乙社の秘密の計画")


@pytest.mark.django_db
def test_the_home_lists_only_the_firms_that_delegated(as_delegate, delegated, draft, b_draft):
    delegated("view")
    page = as_delegate.get(reverse("approvals:application-list")).content.decode()
    assert "委任を受けている企業" in page
    assert draft.company.name in page and draft.reference in page
    assert b_draft.company.name not in page and b_draft.reference not in page


@pytest.mark.django_db
def test_without_a_delegation_a_support_user_sees_no_application(as_delegate, draft):
    assert (
        as_delegate.get(reverse("approvals:application-detail", args=[draft.pk])).status_code == 404
    )
    page = as_delegate.get(reverse("approvals:application-list")).content.decode()
    assert "現在、委任を受けている企業はありません" in page


@pytest.mark.django_db
def test_another_firms_pages_are_404(as_delegate, delegated, b_draft):
    delegated("view", "edit", "correct")
    for name in (
        "approvals:application-detail",
        "approvals:application-overview",
        "documents:attachment-list",
        "workflow:application-submit",
    ):
        assert as_delegate.get(reverse(name, args=[b_draft.pk])).status_code == 404, name


@pytest.mark.django_db
def test_a_delegate_edits_the_draft_only_with_edit(as_delegate, delegated, draft):
    url = reverse("approvals:application-overview", args=[draft.pk])
    delegation = delegated("view")
    assert as_delegate.get(url).status_code == 403
    assert as_delegate.post(url, overview_data(theme="支援機関が書いたテーマ")).status_code == 403
    assert Application.objects.get(pk=draft.pk).theme != "支援機関が書いたテーマ"
    detail = as_delegate.get(reverse("approvals:application-detail", args=[draft.pk]))
    assert detail.status_code == 200
    assert "approvals/application_detail.html" in [t.name for t in detail.templates]

    support_services.delegation_revoke(delegation=delegation, actor=draft.created_by)
    delegated("view", "edit")
    assert as_delegate.get(url).status_code == 200
    assert as_delegate.post(url, overview_data(theme="支援機関が書いたテーマ")).status_code == 302
    assert Application.objects.get(pk=draft.pk).theme == "支援機関が書いたテーマ"


@pytest.mark.django_db
def test_a_delegate_cannot_submit_without_the_scope_and_can_with_it(
    as_delegate, company, applicant, draft
):
    from approvals.models import SupportOrganisation
    from tests.support.conftest import make_delegate

    office = SupportOrganisation.objects.create(kind="gyoseishoshi", name="港行政書士事務所")
    shoshi = make_delegate(office, "shoshi@example.jp")
    as_delegate.force_login(shoshi)
    url = reverse("workflow:application-submit", args=[draft.pk])
    delegation = grant(company, applicant, shoshi, ["view", "edit"])
    assert as_delegate.get(url).status_code == 403
    assert as_delegate.post(url, {"confirm": "1"}).status_code == 403
    assert Application.objects.get(pk=draft.pk).status == Status.DRAFT
    # No 「確認と提出」 on the task list without the scope.
    tasklist = as_delegate.get(reverse("approvals:application-detail", args=[draft.pk]))
    assert url not in tasklist.content.decode()
    assert "提出は企業の方が行います" in tasklist.content.decode()

    support_services.delegation_revoke(delegation=delegation, actor=applicant)
    grant(company, applicant, shoshi, ["view", "edit", "submit"])
    assert as_delegate.get(url).status_code == 200
    response = as_delegate.post(url, {})
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert draft.company == company  # the firm is the applicant
    assert draft.versions.get().submitted_by == shoshi
    row = draft.history.get(action="submit")
    assert row.actor == shoshi and row.on_behalf_of == company
    page = as_delegate.get(reverse("approvals:application-detail", args=[draft.pk])).content
    assert f"{company.name}の委任による" in page.decode()


@pytest.mark.django_db
def test_revocation_takes_effect_on_the_next_request(as_delegate, delegated, draft, applicant):
    delegation = delegated("view", "edit")
    url = reverse("approvals:application-detail", args=[draft.pk])
    assert as_delegate.get(url).status_code == 200
    support_services.delegation_revoke(delegation=delegation, actor=applicant)
    assert as_delegate.get(url).status_code == 404
    overview = reverse("approvals:application-overview", args=[draft.pk])
    assert as_delegate.post(overview, overview_data(theme="解除後")).status_code == 404
    stored = Delegation.objects.get(pk=delegation.pk)
    assert stored.revoked_at is not None and stored.revoked_by == applicant


@pytest.mark.django_db
def test_an_expired_delegation_shows_nothing(as_delegate, delegated, draft):
    delegation = delegated("view")
    url = reverse("approvals:application-detail", args=[draft.pk])
    assert as_delegate.get(url).status_code == 200
    Delegation.objects.filter(pk=delegation.pk).update(
        valid_to=timezone.localdate() - timedelta(days=1)
    )
    assert as_delegate.get(url).status_code == 404


@pytest.mark.django_db
def test_withdrawing_deleting_and_the_company_are_the_firms_own(as_delegate, delegated, draft):
    delegated("view", "edit", "correct", "comment", "confirm")
    for name in ("approvals:application-delete", "workflow:application-withdraw"):
        url = reverse(name, args=[draft.pk])
        assert as_delegate.get(url).status_code == 403, name
        assert as_delegate.post(url, {"reason": "x"}).status_code == 403, name
    assert as_delegate.get(reverse("approvals:company")).status_code == 403
    assert as_delegate.post(reverse("approvals:application-create")).status_code == 403
    assert Application.objects.filter(pk=draft.pk, status=Status.DRAFT).exists()


@pytest.mark.django_db
def test_a_returned_plan_is_answered_only_with_correct(
    as_delegate, delegated, draft, applicant, staff
):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    task = services.open_task(draft, "intake")
    services.task_complete(
        task=task,
        user=staff["intake"],
        decision="return",
        comment="売上の根拠を",
        sections=["overview"],
    )
    draft.refresh_from_db()
    assert draft.status == Status.RETURNED
    overview = reverse("approvals:application-overview", args=[draft.pk])
    submit = reverse("workflow:application-submit", args=[draft.pk])
    delegation = delegated("view", "edit")
    assert as_delegate.get(overview).status_code == 403
    assert as_delegate.post(submit, {"reply": "直しました"}).status_code == 403
    support_services.delegation_revoke(delegation=delegation, actor=applicant)
    delegated("view", "correct")
    assert as_delegate.get(overview).status_code == 200
    response = as_delegate.post(submit, {"reply": "支援機関が直しました"})
    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    row = draft.history.get(action="resubmit")
    assert row.actor_id != applicant.pk and row.on_behalf_of_id == draft.company_id
