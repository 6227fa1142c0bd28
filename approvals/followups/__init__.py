"""Follow-up surveys of approved plans (DOMAIN.md §10): requests, answers, reminders, outcome.

`services` writes (request, answer, submit, remind, close when the plan ends), `selectors`
reads (scoping, the closed plan years, the base year, the outcome KPI); `api` and `views` are
the API and the portal pages.
"""
