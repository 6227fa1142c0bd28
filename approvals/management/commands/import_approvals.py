"""`python manage.py import_approvals FILE.csv [--dry-run]` (API.md, management commands)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from approvals.targets.legacy import import_legacy


class Command(BaseCommand):
    help = "過去の承認を CSV から取り込みます（全行が正しいときだけ、重複は追加しません）。"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="検証だけ行い、保存しない")

    def handle(self, *args, file: Path, dry_run: bool, **options):
        try:
            text = file.read_bytes().decode("utf-8-sig")
        except OSError as error:
            raise CommandError(f"{file}: {error}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file}: UTF-8 で読めません") from error
        result = import_legacy(text, dry_run=dry_run)
        if result.errors:
            for message in result.errors:
                self.stderr.write(message)
            raise CommandError(f"{len(result.errors)}件のエラーがあるため、取り込みませんでした。")
        verb = "取り込み予定" if dry_run else "取り込み"
        self.stdout.write(f"{verb}: {result.created}件、既に登録済み: {result.skipped}件")
