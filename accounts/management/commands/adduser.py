"""`manage.py adduser USERNAME --role ROLE [--password PW] [--email E]`; re-running updates."""

from django.core.management.base import BaseCommand, CommandError

from accounts.roles import Role
from accounts.services import user_upsert


class Command(BaseCommand):
    help = "Create or update a user with exactly one role."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--password")
        parser.add_argument("--email")
        parser.add_argument("--name", dest="display_name")

    def handle(self, *args, username, role, password, email, display_name, **options):
        username = username.strip()
        if not username:
            raise CommandError("USERNAME must not be empty.")
        user, created = user_upsert(
            username=username,
            role=role,
            password=password,
            email=email,
            display_name=display_name,
        )
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} user {user.username} with role {role}."))
