"""All-or-nothing writes of an application from validated API input.

A PATCH may touch several parts (overview, figures, schedule, funding, support contacts). The
input is validated in full first; then every part is written through its service inside one
transaction, so a failure anywhere leaves the application exactly as it was.
"""

from django.db import transaction

from approvals import services
from approvals.models import Application, Company
from approvals.support import access as support_access


@transaction.atomic
def application_apply(*, application: Application, actor, data: dict) -> Application:
    """Write the validated parts given in `data`; parts not given are left alone. A support
    body's user needs the delegation's `edit` (`correct` for a returned plan): 403 otherwise."""
    services.ensure_delegate_may(actor, application, support_access.EDIT)
    overview = {name: data[name] for name in Application.OVERVIEW_FIELDS if name in data}
    if overview:
        application = services.application_update(application=application, actor=actor, **overview)
    if "figures" in data:
        rows = {row["year"]: row for row in data["figures"]}
        application = services.application_set_figures(
            application=application, rows=rows, actor=actor
        )
    if "schedule" in data:
        application = services.application_set_schedule(
            application=application, items=data["schedule"], actor=actor
        )
    if "funding" in data:
        application = services.application_set_funding(
            application=application, items=data["funding"], actor=actor
        )
    if "support_contacts" in data:
        application = services.application_set_support_contacts(
            application=application, bodies=data["support_contacts"], actor=actor
        )
    return application


@transaction.atomic
def application_start(*, company: Company, actor, data: dict) -> Application:
    """A new draft for the company, with whatever parts the client already filled in."""
    application = services.application_create(company=company, actor=actor)
    return application_apply(application=application, actor=actor, data=data)
