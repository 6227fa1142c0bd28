"""One 法人番号, one company: a partial unique constraint (sole proprietors have none, "").

Companies stored before the constraint may share a number. The constraint cannot be added
over them, and refusing to migrate would stop the installation until someone edits
companies by hand, so the migration resolves each duplicate the same way: the company that
keeps the number is the one with an approval (the number is on its record), else the one
registered first (lowest id); the others get a blank number, a history row saying why (the
number they had stays in the history), and a line on the console. Their profile then asks for
a 法人番号 again at the next save, and the same number is refused with the duplicate message,
so the applicant corrects it or contacts the office. Submitted versions keep the data they were
submitted with.
"""

from django.db import migrations, models
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

REASON = "法人番号の重複を解消するため空欄にしました（移行 0033、元の番号: %s）"


def blank_later_duplicates(apps, schema_editor):
    Company = apps.get_model("approvals", "Company")
    Historical = apps.get_model("approvals", "HistoricalCompany")
    Approval = apps.get_model("approvals", "Approval")
    shared = (
        Company.objects.exclude(corporate_number="")
        .values("corporate_number")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("corporate_number", flat=True)
    )
    approved = Approval.objects.filter(application__company=OuterRef("pk"))
    fields = [f.attname for f in Company._meta.concrete_fields]
    now = timezone.now()
    for number in list(shared):
        companies = (
            Company.objects.filter(corporate_number=number)
            .annotate(approved=Exists(approved))
            .order_by("-approved", "pk")
        )
        keeper, *others = companies
        for company in others:
            company.corporate_number = ""
            company.save(update_fields=["corporate_number"])
            Historical.objects.create(
                **{name: getattr(company, name) for name in fields},
                history_date=now,
                history_type="~",
                history_change_reason=REASON % number,
            )
            print(
                f"\n  approvals.0033: company {company.pk} ({company.name}) shared 法人番号 "
                f"{number} with company {keeper.pk}; its number is now blank."
            )


class Migration(migrations.Migration):
    dependencies = [
        ("approvals", "0032_processing_time_count"),
    ]

    operations = [
        migrations.RunPython(blank_later_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="company",
            constraint=models.UniqueConstraint(
                condition=models.Q(("corporate_number", ""), _negated=True),
                fields=("corporate_number",),
                name="company_corporate_number_unique",
                violation_error_message="この法人番号はすでに別の企業の情報として登録されています。"
                "番号に誤りがないか確かめてください。誤りがない場合は、担当課にお問い合わせください。",
            ),
        ),
    ]
