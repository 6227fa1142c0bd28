"""Approval.verify_code: added empty, filled with a random code per existing approval, then
made unique (a callable default would give every existing row the same code)."""

from django.db import migrations, models

import approvals.verification


def fill_codes(apps, schema_editor):
    Approval = apps.get_model("approvals", "Approval")
    for approval in Approval.objects.filter(verify_code="").only("pk").iterator():
        approval.verify_code = approvals.verification.new_verify_code()
        approval.save(update_fields=["verify_code"])


class Migration(migrations.Migration):
    dependencies = [
        ("approvals", "0020_application_kind_and_after_approval_statuses"),
    ]

    operations = [
        migrations.AddField(
            model_name="approval",
            name="verify_code",
            field=models.CharField(default="", editable=False, max_length=32),
            preserve_default=False,
        ),
        migrations.RunPython(fill_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="approval",
            name="verify_code",
            field=models.CharField(
                default=approvals.verification.new_verify_code,
                editable=False,
                help_text="通知書のQRコードと照合用URLに記載する、推測できないコード",
                max_length=32,
                unique=True,
                verbose_name="照合コード",
            ),
        ),
    ]
