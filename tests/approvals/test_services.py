"""Services: drafts, submission (versions, history, blockers), withdrawal."""

import pytest
from django.core.exceptions import ValidationError

from approvals import services
from approvals.errors import InvalidTransition, NotEditable, SubmissionBlocked
from approvals.models import Application, ApplicationVersion, HistoryEntry
from tests import factories


@pytest.mark.django_db
def test_new_draft_gets_a_unique_human_reference(company, applicant):
    a = services.application_create(company=company, actor=applicant)
    b = services.application_create(company=company, actor=applicant)
    assert a.reference.startswith("KK-") and b.reference.startswith("KK-")
    assert a.reference != b.reference
    assert a.status == "draft"
    assert a.history.get().action == "create"


@pytest.mark.django_db
def test_submit_freezes_a_version_and_writes_history(draft, applicant):
    submitted = services.application_submit(
        application=draft, actor=applicant, acknowledge_failures=False
    )
    assert submitted.status == "submitted"
    assert submitted.version == 1
    assert submitted.rule_set == "2020"
    version = ApplicationVersion.objects.get(application=draft)
    assert version.data["theme"] == draft.theme
    assert version.data["figures"][0]["year"] == 0
    assert version.check_result["passed"] is True
    assert draft.history.filter(action="submit", actor=applicant).exists()

    # The frozen copy does not follow later edits of the live rows.
    Application.objects.filter(pk=draft.pk).update(theme="changed")
    version.refresh_from_db()
    assert version.data["theme"] != "changed"


@pytest.mark.django_db
def test_incomplete_draft_is_blocked_with_every_reason(company, applicant):
    draft = factories.make_application(company, applicant, complete=False)
    with pytest.raises(SubmissionBlocked) as info:
        services.application_submit(application=draft, actor=applicant, acknowledge_failures=True)
    reasons = " ".join(info.value.reasons)
    assert "テーマ" in reasons and "事業期間" in reasons and "実施計画" in reasons
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.version == 0
    assert not draft.versions.exists()


@pytest.mark.django_db
def test_missing_final_year_figure_blocks_submission(draft, applicant):
    draft.figures.filter(year=3).update(total_salary=None)
    with pytest.raises(SubmissionBlocked) as info:
        services.application_submit(application=draft, actor=applicant, acknowledge_failures=True)
    assert any("3年目" in r and "給与支給総額" in r for r in info.value.reasons)


@pytest.mark.django_db
def test_out_of_prefecture_head_office_is_sent_to_the_bureau(applicant):
    company = factories.make_company(applicant, prefecture="東京都", municipality="千代田区")
    draft = factories.make_application(company, applicant)
    with pytest.raises(SubmissionBlocked) as info:
        services.application_submit(application=draft, actor=applicant, acknowledge_failures=True)
    assert any("経済産業局" in r for r in info.value.reasons)
    assert Application.objects.get(pk=draft.pk).status == "draft"


@pytest.mark.django_db
def test_failing_criterion_needs_the_acknowledgement(draft, applicant):
    draft.figures.filter(year=3).update(total_salary=18_000)  # salaries flat: 0 % < 4.5 %
    with pytest.raises(SubmissionBlocked):
        services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    assert Application.objects.get(pk=draft.pk).status == "draft"
    submitted = services.application_submit(
        application=draft, actor=applicant, acknowledge_failures=True
    )
    assert submitted.status == "submitted"
    assert submitted.acknowledged_failures is True


@pytest.mark.django_db
def test_submitted_application_cannot_be_edited_or_deleted(draft, applicant):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    with pytest.raises(NotEditable):
        services.application_update(application=draft, actor=applicant, theme="new theme")
    with pytest.raises(NotEditable):
        services.application_set_figures(application=draft, rows={0: {"sales": 1}})
    with pytest.raises(NotEditable):
        services.application_delete(application=draft, actor=applicant)
    assert Application.objects.get(pk=draft.pk).theme == draft.theme


@pytest.mark.django_db
def test_withdrawal_only_before_the_decision(draft, applicant):
    with pytest.raises(InvalidTransition):
        services.application_withdraw(application=draft, actor=applicant)
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    withdrawn = services.application_withdraw(application=draft, actor=applicant, comment="延期")
    assert withdrawn.status == "withdrawn"
    assert draft.history.filter(action="withdraw", comment="延期").exists()
    with pytest.raises(InvalidTransition):
        services.application_withdraw(application=draft, actor=applicant)

    Application.objects.filter(pk=draft.pk).update(status="approved")
    with pytest.raises(InvalidTransition):
        services.application_withdraw(application=draft, actor=applicant)


@pytest.mark.django_db
def test_history_is_append_only(draft):
    entry = HistoryEntry.objects.filter(application=draft).first()
    entry.comment = "rewritten"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    assert HistoryEntry.objects.get(pk=entry.pk).comment == ""


@pytest.mark.django_db
def test_company_region_follows_the_municipality(applicant):
    company = factories.make_company(applicant, municipality="横浜市中区")
    assert company.region == "横浜"
    company.municipality = "厚木市"
    company.save(update_fields=["municipality"])
    company.refresh_from_db()
    assert company.region == "県央"


@pytest.mark.django_db
def test_company_with_a_wrong_corporate_number_check_digit_is_refused(applicant):
    company = factories.make_company(applicant)
    company.corporate_number = "8000012050002"  # 7000012050002 is valid
    with pytest.raises(ValidationError) as info:
        services.company_save(company=company, user=applicant)
    assert "corporate_number" in info.value.message_dict


@pytest.mark.django_db
def test_factory_companies_have_distinct_valid_corporate_numbers(applicant):
    from approvals.identifiers import is_valid_corporate_number

    numbers = [factories.make_company(applicant).corporate_number for _ in range(3)]
    assert len(set(numbers)) == 3
    assert all(is_valid_corporate_number(n) for n in numbers)


@pytest.mark.django_db
def test_sole_proprietors_share_the_blank_corporate_number(applicant):
    for _ in range(2):
        factories.make_company(applicant, legal_form="sole", capital=None)


@pytest.mark.django_db
def test_a_corporate_number_stored_meanwhile_is_a_validation_error_not_a_500(
    applicant, monkeypatch
):
    """The check in Company.clean and the save are not atomic: another request may store the
    number in between. The unique constraint catches it and the service says so."""
    from approvals.models import Company

    first = factories.make_company(applicant)
    second = Company(**{f: getattr(first, f) for f in Company.PROFILE_FIELDS})
    # The race: both checks (clean and the constraint's own) saw no such number.
    monkeypatch.setattr(Company, "clean", lambda self: None)
    monkeypatch.setattr(Company, "validate_constraints", lambda self, exclude=None: None)
    second.corporate_number = first.corporate_number
    with pytest.raises(ValidationError) as info:
        services.company_save(company=second, user=applicant)
    assert "すでに別の企業" in info.value.message_dict["corporate_number"][0]
    assert Company.objects.count() == 1  # and the test's transaction is still usable
