"""What pages show of an application, shaped for templates, and shared by every app's pages.

- ``check``: the self-check as a panel, live (the portal) or frozen with a version (staff);
- ``summary``: the whole application as "check your answers" blocks, live or from a version;
- ``figures_table``: the 経営指標 table (別表3) by year;
- ``tasklist``: the plan editor's sections, their statuses and the links from a blocker.

Presenters only read and shape: verdicts come from approvals.rules, wording from
approvals.terms.
"""
