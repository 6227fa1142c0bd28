"""Forms of the applicant portal: they parse and validate; services do the writes."""

from approvals.forms.company import CompanyForm
from approvals.forms.figures import FiguresForm
from approvals.forms.overview import OverviewForm
from approvals.forms.sections import FundingFormSet, ScheduleFormSet, SupportContactsForm

__all__ = [
    "CompanyForm",
    "FiguresForm",
    "FundingFormSet",
    "OverviewForm",
    "ScheduleFormSet",
    "SupportContactsForm",
]
