"""The role `support` (a support body's staff, DOMAIN.md §12) as a Django group."""

from django.db import migrations


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="support")


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="support").delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_user_edit_history")]

    operations = [migrations.RunPython(create_group, remove_group)]
