"""Target ② and later policy series (DOMAIN.md §8): what the prefecture counts and publishes.

- ``models``: the series, their yearly targets and baseline, imported legacy approvals, the
  day tally and the revision token;
- ``tally``: one more new-plan approval, counted in the approving transaction;
- ``counting``: the figures per fiscal year (target, actual, rate, projection);
- ``memo``: those figures kept per process while nothing that changes them has committed;
- ``breakdown``, ``chart``, ``export``: the drill-down, the SVG chart, the CSV and XLSX files;
- ``legacy``: the CSV import of approvals given before the system;
- ``views`` and ``api``: the public dashboard and the REST endpoints.
"""
