"""`manage.py check_consistency`: it names each application whose flow disagrees with its
status, and says all is well when none does."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from approvals.models import Application
from workflow import services


def check() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("check_consistency", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_a_consistent_register_passes(draft, applicant):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    out, _err = check()
    assert "1 application(s) checked: flow and status agree." in out


@pytest.mark.django_db
def test_an_open_task_on_a_withdrawn_application_is_named(draft, applicant):
    """The defect the races used to leave: withdrawn, with its intake task still open."""
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    Application.objects.filter(pk=draft.pk).update(status="withdrawn")
    err = StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("check_consistency", stdout=StringIO(), stderr=err)
    assert draft.reference in err.getvalue()
    assert "「取下げ」なのに、終わっていない手続があります（intake）。" in err.getvalue()


@pytest.mark.django_db
def test_a_submitted_application_without_its_intake_task_is_named(draft, applicant):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    draft.processes.update(status="CANCELED")
    with pytest.raises(CommandError):
        call_command("check_consistency", stdout=StringIO(), stderr=StringIO())
