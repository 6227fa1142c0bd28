"""Policy staff keep the target series in Django's admin: existing policy users may sign in
there (as user_set_role now makes them). Reversed, they no longer may."""

from django.db import migrations


def _policy_users(apps):
    User = apps.get_model("accounts", "User")
    return User.objects.filter(groups__name="policy", is_superuser=False)


def allow(apps, schema_editor):
    _policy_users(apps).update(is_staff=True)


def disallow(apps, schema_editor):
    _policy_users(apps).update(is_staff=False)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_user_language")]

    operations = [migrations.RunPython(allow, disallow)]
