"""Approval.verify_code: added empty, filled with a random code per existing approval, then
made unique (a callable default would give every existing row the same code). And the
history's new step and action 廃止 (approvals.discontinuation)."""

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
        migrations.AlterField(
            model_name="historyentry",
            name="action",
            field=models.CharField(
                choices=[
                    ("create", "作成"),
                    ("submit", "提出"),
                    ("resubmit", "再提出"),
                    ("withdraw", "取下げ"),
                    ("accept", "受付"),
                    ("return", "補正依頼"),
                    ("recommend_approval", "承認が適当"),
                    ("recommend_refusal", "不承認が適当"),
                    ("approve", "承認"),
                    ("refuse", "不承認"),
                    ("send_back", "審査に差戻し"),
                    ("download_attachment", "添付書類のダウンロード"),
                    ("delete_attachment", "添付書類の削除"),
                    ("download_notice", "通知書のダウンロード"),
                    ("download_form", "申請書PDFのダウンロード"),
                    ("retry_notice", "通知書の再発行"),
                    ("retry_mail", "メールの再送"),
                    ("discontinue", "廃止"),
                ],
                max_length=40,
                verbose_name="操作",
            ),
        ),
        migrations.AlterField(
            model_name="historyentry",
            name="step",
            field=models.CharField(
                choices=[
                    ("draft", "作成"),
                    ("submission", "提出"),
                    ("intake", "受付"),
                    ("correction", "補正"),
                    ("review", "審査"),
                    ("decision", "決裁"),
                    ("withdrawal", "取下げ"),
                    ("discontinuation", "廃止"),
                ],
                max_length=20,
                verbose_name="手続",
            ),
        ),
    ]
