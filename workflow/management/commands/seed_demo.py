"""`manage.py seed_demo`: idempotent demo data; prints the demo logins."""

from django.core.management.base import BaseCommand

from approvals.demo import seed_demo
from workflow.demo import approve_demo_plans


class Command(BaseCommand):
    help = "Create or refresh the demo users, companies and plans (one approved); print logins."

    def handle(self, *args, **options):
        logins = seed_demo()
        for application in approve_demo_plans():
            self.stdout.write(f"Approved demo plan {application.reference}.")
        self.stdout.write(self.style.SUCCESS("Demo data ready. Sign in at http://127.0.0.1:8000/"))
        self.stdout.write(f"{'username':<24}{'role':<12}{'password':<22}second factor")
        for username, role, password, second in logins:
            self.stdout.write(f"{username:<24}{role:<12}{password:<22}{second}")
        self.stdout.write(
            "Staff and the support user sign in with their password, then the second factor: "
            "type one of the recovery codes shown (each works once; make run prints new ones), "
            "or add the TOTP key to an authenticator app."
        )
