"""Fault tests on PostgreSQL with real processes: gunicorn, db_workers, moto's S3 server and an
SMTP sink (tests/README.md, "Integration"). Nothing here runs on SQLite."""
