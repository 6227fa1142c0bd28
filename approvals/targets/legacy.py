"""Legacy approvals from CSV (import_approvals): validate every row, then all or nothing.

Line numbers are those of the file (the header is line 1). A row already imported (same
approval date, company and theme) is skipped, so a re-run adds nothing.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from approvals.constants import ActivityType, Industry
from approvals.models import LegacyApproval
from approvals.targets.models import split_codes

REQUIRED = ("approved_on", "company_name", "theme")
OPTIONAL = ("number", "municipality", "industry", "activity_types")


@dataclass
class ImportResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    created: int = 0
    skipped: int = 0


def _check_row(line: int, raw: dict) -> tuple[dict | None, list[str]]:
    row = {k: (raw.get(k) or "").strip() for k in (*REQUIRED, *OPTIONAL)}
    errors = [f"{line}行目: {name} がありません" for name in REQUIRED if not row[name]]
    if row["approved_on"]:
        try:
            row["approved_on"] = date.fromisoformat(row["approved_on"].replace("/", "-"))
        except ValueError:
            errors.append(f"{line}行目: approved_on の日付が不正です: {row['approved_on']}")
    if row["industry"] and row["industry"] not in Industry.values:
        errors.append(f"{line}行目: 不明な業種です: {row['industry']}")
    unknown = [c for c in split_codes(row["activity_types"]) if c not in ActivityType.values]
    if unknown:
        errors.append(f"{line}行目: 不明な取組類型です: {', '.join(unknown)}")
    row["activity_types"] = ",".join(split_codes(row["activity_types"]))
    return (None if errors else row), errors


def parse(text: str) -> ImportResult:
    result = ImportResult()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        result.errors.append(f"1行目: 必須の列がありません: {', '.join(missing)}")
        return result
    for raw in reader:
        row, errors = _check_row(reader.line_num, raw)
        result.errors += errors
        if row:
            result.rows.append(row)
    return result


@transaction.atomic
def import_legacy(text: str, *, dry_run: bool = False) -> ImportResult:
    """Import the rows when every one is valid; nothing is written on errors or a dry run."""
    result = parse(text)
    if result.errors:
        return result
    for row in result.rows:
        key = {k: row[k] for k in REQUIRED}
        if LegacyApproval.objects.filter(**key).exists():
            result.skipped += 1
            continue
        result.created += 1
        if not dry_run:
            LegacyApproval(**row).save()
    return result
