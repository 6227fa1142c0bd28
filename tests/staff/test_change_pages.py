"""The staff task pages of a change application show its 新旧対照表, reason and items."""

import pytest
from django.urls import reverse

from approvals.change import change_create
from approvals.models import Application
from approvals.services import application_set_figures, application_update
from tests import factories
from tests.documents.conftest import attach_required, decide
from tests.staff.helpers import claim, task_urls
from workflow import services


@pytest.mark.django_db
def test_the_reviewer_reads_the_change_table(draft, applicant, staff, clients):
    approved = decide(draft, applicant, staff)
    change = change_create(
        application=approved,
        actor=applicant,
        reason="販路開拓に時間を要するため。",
        items=["period_extension"],
    )
    application_update(application=change, actor=applicant, period_years=5)
    application_set_figures(application=change, rows=factories.passing_figures(5))
    change = Application.objects.get(pk=change.pk)
    attach_required(change, applicant)
    services.application_submit(application=change, actor=applicant, acknowledge_failures=False)
    task = claim(clients["intake"], change, "intake")
    page = clients["intake"].get(task_urls(task)["execute"]).content.decode()
    section = page.split('id="change-request"', 1)[1].split("</section>", 1)[0]
    assert "新旧対照表" in section and approved.approval.number in section
    assert "販路開拓に時間を要するため。" in section and "計画期間延長" in section
    assert "事業期間（年）" in section
    assert "<del>3年</del>" in section and "<ins>5年</ins>" in section
    # The approved plan it changes is one click away: its own procedure's page.
    original = approved.processes.order_by("-pk").first()
    link = reverse("staff:application:process_detail", args=[original.pk])
    assert f'href="{link}"' in section
    assert clients["intake"].get(link).status_code == 200
