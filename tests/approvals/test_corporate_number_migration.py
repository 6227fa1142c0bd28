"""Migration 0033: one 法人番号, one company. Duplicates stored before it are resolved, never a
failed migration: the approved company (else the first registered) keeps the number, the others
get a blank one and a history row that keeps the old number."""

import pytest

BEFORE = ("approvals", "0032_processing_time_count")
AFTER = ("approvals", "0033_company_corporate_number_unique")


def _company(model, name, number):
    return model.objects.create(
        name=name,
        corporate_number=number,
        legal_form="kabushiki",
        representative_name="神奈川 太郎",
        postal_code="2380008",
        prefecture="神奈川県",
        municipality="横須賀市",
        address="大滝町1-1",
        industry="manufacturing",
        employees=5,
        fiscal_year_end_month=3,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_duplicates_are_blanked_but_for_the_approved_or_first_company():
    from datetime import date

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate([BEFORE])
        old = executor.loader.project_state([BEFORE]).apps
        Company = old.get_model("approvals", "Company")
        first = _company(Company, "最初", "7000012050002")
        second = _company(Company, "二番目", "7000012050002")
        third = _company(Company, "三番目", "7000012050002")
        early = _company(Company, "早い", "9021002012345")
        approved = _company(Company, "承認済み", "9021002012345")
        sole = [_company(Company, f"個人{n}", "") for n in range(2)]
        from accounts.models import User  # accounts stays migrated: its current model

        user = User.objects.create(username="approver")
        application = old.get_model("approvals", "Application").objects.create(
            company=approved, created_by_id=user.pk, reference="KK-2026-00001"
        )
        old.get_model("approvals", "Approval").objects.create(
            application=application,
            fiscal_year=2026,
            sequence=1,
            number="経革第1号",
            approved_on=date(2026, 6, 1),
            approved_by_id=user.pk,
        )

        executor = MigrationExecutor(connection)
        executor.migrate([AFTER])
        new = executor.loader.project_state([AFTER]).apps
        numbers = dict(
            new.get_model("approvals", "Company").objects.values_list("pk", "corporate_number")
        )
        assert numbers[first.pk] == "7000012050002"
        assert numbers[second.pk] == numbers[third.pk] == ""
        assert numbers[approved.pk] == "9021002012345"
        assert numbers[early.pk] == ""
        assert all(numbers[c.pk] == "" for c in sole)
        history = new.get_model("approvals", "HistoricalCompany").objects
        reason = history.get(id=early.pk, history_type="~").history_change_reason
        assert "9021002012345" in reason
    finally:
        MigrationExecutor(connection).migrate(latest)
