"""Migration 0034: the format gains {series} and approval numbers read as before; refusals
recorded before keep the number their notice was issued with (第<受付番号>号)."""

from datetime import date

import pytest

BEFORE = ("approvals", "0033_company_corporate_number_unique")
AFTER = ("approvals", "0034_document_number_series")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_old_default_format_gets_the_series_and_old_refusals_keep_their_number():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from accounts.models import User  # accounts stays migrated: its current model

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate([BEFORE])
        old = executor.loader.project_state([BEFORE]).apps
        old.get_model("approvals", "Authority").objects.update_or_create(
            pk=1, defaults={"number_format": "経革第{fy}-{seq}号"}
        )
        company = old.get_model("approvals", "Company").objects.create(
            name="株式会社テスト",
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
        user = User.objects.create(username="approver")
        application = old.get_model("approvals", "Application").objects.create(
            company=company, created_by_id=user.pk, reference="KK-2026-00007"
        )
        old.get_model("approvals", "Refusal").objects.create(
            application=application,
            reasons="理由",
            refused_on=date(2026, 6, 1),
            refused_by_id=user.pk,
        )

        executor = MigrationExecutor(connection)
        executor.migrate([AFTER])
        new = executor.loader.project_state([AFTER]).apps
        authority = new.get_model("approvals", "Authority").objects.get(pk=1)
        assert authority.number_format == "{series}第{fy}-{seq}号"
        assert authority.approval_series == "経革"
        assert (
            authority.number_format.format(series=authority.approval_series, fy=2026, seq=3)
            == "経革第2026-3号"
        )
        refusal = new.get_model("approvals", "Refusal").objects.get()
        assert (refusal.number, refusal.sequence) == ("第KK-2026-00007号", None)
    finally:
        MigrationExecutor(connection).migrate(latest)
