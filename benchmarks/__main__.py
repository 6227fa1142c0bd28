"""Run the benchmarks and print figures as ratios against a baseline measured in the same run.

These machines are shared and noisy: absolute times mean little, ratios against a baseline
taken in the same process and minute are what we compare.

`python -m benchmarks` runs every one (`make bench`); `python -m benchmarks NAME …` only those
named (live_check, notice, form, targets, staff_pages, approvals, clock); `--quick` makes those that
know it smaller (approvals).
"""

import os
import sys

NAMES = ("live_check", "notice", "form", "targets", "staff_pages", "approvals", "clock")


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    names = [a for a in argv if not a.startswith("-")]
    unknown = [n for n in names if n not in NAMES]
    if unknown:
        print(f"Unknown benchmark {', '.join(unknown)}; known: {', '.join(NAMES)}")
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from benchmarks import approvals, clock, form, live_check, notice, staff_pages, targets

    runs = {
        "live_check": live_check.run,
        "notice": notice.run,
        "form": form.run,
        "targets": targets.run,
        "staff_pages": staff_pages.run,
        "approvals": lambda: approvals.run(quick=quick),
        "clock": clock.run,
    }
    for position, name in enumerate(names or NAMES):
        if position:
            print()
        runs[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
