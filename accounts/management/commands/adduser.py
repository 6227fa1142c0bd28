"""`manage.py adduser USERNAME --role ROLE [--password PW] [--email E] [--totp-secret KEY]`;
re-running updates. `--totp-secret` gives the user a TOTP device with that base32 key (for an
automated client, which then sends the current code as `otp`) and prints recovery codes."""

import base64
import binascii

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.mfa import provision
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
        parser.add_argument("--totp-secret", dest="totp_secret", help="base32 TOTP key")

    def handle(self, *args, username, role, password, email, display_name, totp_secret, **options):
        username = username.strip()
        if not username:
            raise CommandError("USERNAME must not be empty.")
        key = None
        if totp_secret:  # checked first: a bad key leaves no user half made
            key = totp_secret.strip().replace(" ", "").upper()
            try:
                base64.b32decode(key, casefold=True)
            except (binascii.Error, ValueError) as error:
                raise CommandError("--totp-secret must be a base32 key.") from error
        with transaction.atomic():
            user, created = user_upsert(
                username=username,
                role=role,
                password=password,
                email=email,
                display_name=display_name,
            )
            codes = provision(user, key) if key else None
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} user {user.username} with role {role}."))
        if codes:
            self.stdout.write("TOTP device set. Recovery codes (each works once):")
            self.stdout.write(" ".join(codes))
