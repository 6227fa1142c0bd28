"""One place that reads the environment (twelve-factor configuration)."""

from email.utils import getaddresses
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()


def mail_addresses(value: str) -> list[tuple[str, str]]:
    """ "Name <a@example.jp>,b@example.jp" as Django's ADMINS: (name, address) pairs."""
    return [(name, address) for name, address in getaddresses([value]) if address]
