"""All-or-nothing writes of an application from validated API input.

A PATCH may touch several parts (overview, figures, schedule, funding, support contacts). The
input is validated in full first; then every part is written through its service inside one
transaction, so a failure anywhere leaves the application exactly as it was.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from approvals import services
from approvals.errors import NotEditable
from approvals.models import Application, Company

OVERVIEW_FIELDS = (
    "theme",
    "activity_types",
    "existing_business",
    "content",
    "novelty",
    "plan_start",
    "period_years",
    "rd_years",
)


def ensure_editable(application: Application) -> None:
    """Refuse early (409) rather than report field errors on a plan that cannot change."""
    if not application.is_editable:
        raise NotEditable(
            _("この申請は「%(status)s」のため編集できません。")
            % {"status": application.get_status_display()}
        )


@transaction.atomic
def application_apply(*, application: Application, actor, data: dict) -> Application:
    """Write the validated parts given in `data`; parts not given are left alone."""
    overview = {name: data[name] for name in OVERVIEW_FIELDS if name in data}
    if overview:
        application = services.application_update(application=application, actor=actor, **overview)
    if "figures" in data:
        rows = {row["year"]: row for row in data["figures"]}
        application = services.application_set_figures(application=application, rows=rows)
    if "schedule" in data:
        application = services.application_set_schedule(
            application=application, items=data["schedule"]
        )
    if "funding" in data:
        application = services.application_set_funding(
            application=application, items=data["funding"]
        )
    if "support_contacts" in data:
        application = services.application_set_support_contacts(
            application=application, bodies=data["support_contacts"]
        )
    return application


@transaction.atomic
def application_start(*, company: Company, actor, data: dict) -> Application:
    """A new draft for the company, with whatever parts the client already filled in."""
    application = services.application_create(company=company, actor=actor)
    return application_apply(application=application, actor=actor, data=data)
