"""Load 目標② from the seed document (docs: /shared/seeds/README.md, DOMAIN.md §8).

FY2005 実績 940 and FY2006 現状 1,040 (the baseline, as of the end of FY2006), and the
cumulative targets for FY2007–2010. Policy staff add later series in the admin.
"""

from datetime import date

from django.db import migrations

CODE = "target-2"
RECORDED = {2005: 940, 2006: 1040}
TARGETS = {2007: 1165, 2008: 1290, 2009: 1415, 2010: 1540}


def load(apps, schema_editor):
    TargetSeries = apps.get_model("approvals", "TargetSeries")
    TargetYear = apps.get_model("approvals", "TargetYear")
    series, _created = TargetSeries.objects.update_or_create(
        code=CODE,
        defaults={
            "title": "目標② 中小企業の経営革新計画の承認件数（累計）",
            "unit": "件",
            "baseline_as_of": date(2007, 3, 31),
            "baseline_count": 1040,
        },
    )
    for year, actual in RECORDED.items():
        TargetYear.objects.update_or_create(
            series=series, fiscal_year=year, defaults={"recorded_actual": actual}
        )
    for year, target in TARGETS.items():
        TargetYear.objects.update_or_create(
            series=series, fiscal_year=year, defaults={"target": target}
        )


def unload(apps, schema_editor):
    apps.get_model("approvals", "TargetSeries").objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("approvals", "0003_approval_kind_target_series_legacy_approval")]

    operations = [migrations.RunPython(load, unload)]
