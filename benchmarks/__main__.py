"""Run every benchmark and print figures as ratios against a baseline measured in the same run.

These machines are shared and noisy: absolute times mean little, ratios against a baseline
taken in the same process and minute are what we compare.
"""

import os
import sys


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from benchmarks import form, live_check, notice, staff_pages, targets

    live_check.run()
    print()
    notice.run()
    print()
    form.run()
    print()
    targets.run()
    print()
    staff_pages.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
