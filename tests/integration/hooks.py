"""A test-only app of the integration settings: the render gate.

When the process has KAKUSHIN_TEST_RENDER_GATE (a file path) in its environment and that file
exists, rendering a notice first writes the process id to `<gate>.started` and then waits until
the gate file is removed (two minutes at most). A test opens the gate by deleting the file. Only
the db_workers of a test that asks for it get the variable; production code knows nothing of it.
"""

import os
import time
from pathlib import Path

from django.apps import AppConfig

GATE_VARIABLE = "KAKUSHIN_TEST_RENDER_GATE"
LONGEST_WAIT = 120


def started_marker(gate: Path) -> Path:
    return gate.with_name(gate.name + ".started")


class IntegrationHooks(AppConfig):
    name = "tests.integration"
    label = "integration_hooks"
    verbose_name = "Integration test hooks"

    def ready(self):
        gate = os.environ.get(GATE_VARIABLE)
        if not gate:
            return
        from documents.issued import notices

        render = notices.render_notice
        gate_path = Path(gate)

        def gated_render(notice):
            if gate_path.exists():
                marker = started_marker(gate_path)
                partial = marker.with_name(marker.name + ".tmp")
                partial.write_text(str(os.getpid()))
                partial.replace(marker)  # seen whole or not at all
                deadline = time.monotonic() + LONGEST_WAIT
                while gate_path.exists() and time.monotonic() < deadline:
                    time.sleep(0.05)
            return render(notice)

        notices.render_notice = gated_render
