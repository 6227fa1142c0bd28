"""One document-number format for approvals and refusals, each in its own series.

The format gains {series}: the old default 経革第{seq}号 becomes {series}第{seq}号 with the
approval series 経革, so approval numbers read exactly as before. A format of the
administrator's own that does not start with 経革 gets {series} in front and an empty approval
series (its approvals still read as before; refusals read 経革不 + the format until the
administrator sets their series). Refusals recorded before keep the number their notice was
issued with: 第<受付番号>号.
"""

import approvals.models.decision
from django.conf import settings
from django.db import migrations, models


OLD_SERIES = "経革"


def formats_with_series(apps, schema_editor):
    Authority = apps.get_model("approvals", "Authority")
    for authority in Authority.objects.all():
        if "{series}" in authority.number_format:
            continue
        if authority.number_format.startswith(OLD_SERIES):
            authority.number_format = "{series}" + authority.number_format[len(OLD_SERIES) :]
            authority.approval_series = OLD_SERIES
        else:
            authority.number_format = "{series}" + authority.number_format
            authority.approval_series = ""
        authority.save(update_fields=["number_format", "approval_series"])
    Refusal = apps.get_model("approvals", "Refusal")
    for refusal in Refusal.objects.filter(number="").select_related("application"):
        refusal.number = f"第{refusal.application.reference}号"
        refusal.save(update_fields=["number"])


def formats_without_series(apps, schema_editor):
    Authority = apps.get_model("approvals", "Authority")
    for authority in Authority.objects.all():
        authority.number_format = authority.number_format.replace(
            "{series}", authority.approval_series
        )
        authority.save(update_fields=["number_format"])


class Migration(migrations.Migration):
    dependencies = [
        ("approvals", "0033_company_corporate_number_unique"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DocumentCounter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("series", models.CharField(max_length=20, verbose_name="系列")),
                ("fiscal_year", models.PositiveSmallIntegerField(verbose_name="年度")),
                ("last_number", models.PositiveIntegerField(default=0, verbose_name="最終番号")),
            ],
            options={
                "verbose_name": "文書番号の採番",
                "verbose_name_plural": "文書番号の採番",
            },
        ),
        migrations.AddField(
            model_name="authority",
            name="approval_series",
            field=models.CharField(
                default="経革",
                help_text="例: 経革 → 経革第1号",
                max_length=20,
                verbose_name="承認の記号",
            ),
        ),
        migrations.AddField(
            model_name="authority",
            name="refusal_series",
            field=models.CharField(
                default="経革不",
                help_text="例: 経革不 → 経革不第1号",
                max_length=20,
                verbose_name="不承認の記号",
            ),
        ),
        migrations.AddField(
            model_name="historicalauthority",
            name="approval_series",
            field=models.CharField(
                default="経革",
                help_text="例: 経革 → 経革第1号",
                max_length=20,
                verbose_name="承認の記号",
            ),
        ),
        migrations.AddField(
            model_name="historicalauthority",
            name="refusal_series",
            field=models.CharField(
                default="経革不",
                help_text="例: 経革不 → 経革不第1号",
                max_length=20,
                verbose_name="不承認の記号",
            ),
        ),
        migrations.AddField(
            model_name="refusal",
            name="fiscal_year",
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="年度"),
        ),
        migrations.AddField(
            model_name="refusal",
            name="number",
            field=models.CharField(
                blank=True,
                help_text="不承認通知書に記載する番号",
                max_length=50,
                verbose_name="文書番号",
            ),
        ),
        migrations.AddField(
            model_name="refusal",
            name="sequence",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="年度内の連番"),
        ),
        migrations.AlterField(
            model_name="authority",
            name="number_format",
            field=models.CharField(
                default="{series}第{seq}号",
                help_text="承認通知書と不承認通知書に共通の書式。{series} は下の記号、{seq} は年度内の連番（記号ごと）、{fy} は年度（西暦）、{era_year} は和暦の年",
                max_length=50,
                validators=[approvals.models.decision.validate_number_format],
                verbose_name="文書番号の書式",
            ),
        ),
        migrations.AlterField(
            model_name="historicalauthority",
            name="number_format",
            field=models.CharField(
                default="{series}第{seq}号",
                help_text="承認通知書と不承認通知書に共通の書式。{series} は下の記号、{seq} は年度内の連番（記号ごと）、{fy} は年度（西暦）、{era_year} は和暦の年",
                max_length=50,
                validators=[approvals.models.decision.validate_number_format],
                verbose_name="文書番号の書式",
            ),
        ),
        migrations.RunPython(formats_with_series, formats_without_series),
        migrations.AddConstraint(
            model_name="authority",
            constraint=models.CheckConstraint(
                condition=models.Q(("approval_series", models.F("refusal_series")), _negated=True),
                name="authority_series_differ",
                violation_error_message="承認と不承認には別の記号を設定してください。",
            ),
        ),
        migrations.AddConstraint(
            model_name="refusal",
            constraint=models.UniqueConstraint(
                condition=models.Q(("sequence__isnull", False)),
                fields=("fiscal_year", "sequence"),
                name="refusal_number_unique_in_year",
            ),
        ),
        migrations.AddConstraint(
            model_name="documentcounter",
            constraint=models.UniqueConstraint(
                fields=("series", "fiscal_year"), name="document_counter_series_year"
            ),
        ),
    ]
