"""Indexes for the staff site's lists on viewflow's tables (which this project does not own).

- the queue: open tasks of a step, oldest first — (flow_task, status, created);
- the inbox and the header's count of it: a user's tasks in one state — (owner_id, status);
- the archive: a user's finished tasks, latest first — (owner_id, finished);
- the process list: the flow's processes, newest first, and their count —
  (flow_class, created, id).

Plain CREATE INDEX (a migration runs in a transaction, where CONCURRENTLY is not allowed); the
same SQL on SQLite and PostgreSQL.
"""

from django.db import migrations

INDEXES = {
    "kakushin_task_step_status": ("viewflow_task", "flow_task, status, created"),
    "kakushin_task_owner_status": ("viewflow_task", "owner_id, status"),
    "kakushin_task_owner_finished": ("viewflow_task", "owner_id, finished"),
    "kakushin_process_flow_created": ("viewflow_process", "flow_class, created, id"),
}


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0002_flow_permissions"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX {name} ON {table} ({columns})",
            reverse_sql=f"DROP INDEX {name}",
        )
        for name, (table, columns) in INDEXES.items()
    ]
