"""import_approvals: all or nothing, idempotent, a dry run, every bad row with its line number."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from approvals.models import LegacyApproval, TargetSeries
from approvals.targets.counting import series_years

pytestmark = pytest.mark.django_db

GOOD = (
    "approved_on,company_name,theme,number,municipality,industry,activity_types\n"
    "2006-05-10,株式会社旧,古い計画,経革第1号,横浜市中区,manufacturing,new_product\n"
    '2007-04-02,有限会社新,新しい計画,,小田原市,retail,"new_product,rnd"\n'
)


def run(tmp_path, text, *args, bom=False):
    path = tmp_path / "legacy.csv"
    path.write_bytes(text.encode("utf-8-sig" if bom else "utf-8"))
    out = StringIO()
    call_command("import_approvals", str(path), *args, stdout=out, stderr=out)
    return out.getvalue()


def test_import_is_idempotent_and_counts_only_after_the_baseline(tmp_path):
    assert "取り込み: 2件" in run(tmp_path, GOOD, bom=True)
    assert "取り込み: 0件、既に登録済み: 2件" in run(tmp_path, GOOD)
    assert LegacyApproval.objects.count() == 2
    assert LegacyApproval.objects.get(company_name="株式会社旧").region == "横浜"
    series = TargetSeries.objects.get(code="target-2")
    rows = {r.fiscal_year: r for r in series_years(series, today=date(2008, 1, 1))}
    assert rows[2006].actual == 1040  # dated before the baseline: not counted twice
    assert rows[2007].actual == 1041


def test_dry_run_writes_nothing(tmp_path):
    assert "取り込み予定: 2件" in run(tmp_path, GOOD, "--dry-run")
    assert not LegacyApproval.objects.exists()


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_imported(tmp_path):
    text = GOOD + (
        "2007-13-01,株式会社X,テーマ,,,,\n"
        ",株式会社Y,テーマ,,,,\n"
        "2007-05-01,株式会社Z,テーマ,,,fishing,teleport\n"
    )
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_approvals", str(path), stdout=StringIO(), stderr=err)
    messages = err.getvalue()
    assert "4行目: approved_on の日付が不正です" in messages
    assert "5行目: approved_on がありません" in messages
    assert "6行目: 不明な業種です: fishing" in messages
    assert "6行目: 不明な取組類型です: teleport" in messages
    assert not LegacyApproval.objects.exists()


def test_missing_required_column(tmp_path):
    with pytest.raises(CommandError):
        run(tmp_path, "approved_on,company_name\n2007-05-01,X\n")
    assert not LegacyApproval.objects.exists()
