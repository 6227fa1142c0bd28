"""Filters and sort orders of the staff lists (queue, inbox, 申請の一覧), from the query string.

Every filter and sort key reads a column kept on the rows the list already joins (the task, its
application, the application's company): no list gains a query per row. The 未達 flag is the
application's ``acknowledged_failures`` (set at each submission exactly when the frozen
self-check failed and the applicant confirmed it) and the 再提出 count is ``version - 1`` (every
version after the first is a resubmission after 補正).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from approvals.constants import Status, Step
from approvals.regions import REGIONS
from workflow.flows import node_of

OUTSIDE = "outside"
STAFF_STEPS = (Step.INTAKE, Step.REVIEW, Step.DECISION)
PROCESS_STEPS = (Step.INTAKE, Step.CORRECTION, Step.REVIEW, Step.DECISION)
# The application's status while each step is open (the process list has no task to ask).
STEP_STATUS = {
    Step.INTAKE: Status.SUBMITTED,
    Step.CORRECTION: Status.RETURNED,
    Step.REVIEW: Status.UNDER_REVIEW,
    Step.DECISION: Status.AWAITING_DECISION,
}


def _choices(pairs):
    return [("", _("すべて")), *pairs]


class ListFilterForm(forms.Form):
    """地域・手続・状態 and the sort key; an unknown value is ignored, never an error page."""

    region = forms.ChoiceField(label=_("地域"), required=False)
    step = forms.ChoiceField(label=_("手続"), required=False)
    status = forms.ChoiceField(label=_("状態"), required=False)
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data, *, sorts: dict, steps=STAFF_STEPS, default_sort: str):
        super().__init__(data)
        self.sorts = sorts
        self.default_sort = default_sort
        self.fields["region"].choices = _choices(
            [(name, name) for name in REGIONS] + [(OUTSIDE, _("県外"))]
        )
        self.fields["step"].choices = _choices([(s.value, s.label) for s in steps])
        self.fields["status"].choices = _choices(
            [(s.value, s.label) for s in Status if s != Status.DRAFT]
        )

    def value(self, name: str) -> str:
        if not self.is_valid():
            return ""
        return self.cleaned_data.get(name) or ""

    @property
    def sort_key(self) -> str:
        key = self.data.get("sort", "") if self.data else ""
        return key if key.lstrip("-") in self.sorts else self.default_sort

    @property
    def filtered(self) -> bool:
        return any(self.value(name) for name in ("region", "step", "status"))

    def filter(self, rows, application: str = "", *, step_from_task: bool):
        """Rows filtered; `application` is the path from a row to its application."""
        prefix = f"{application}__" if application else ""
        region, step, status = self.value("region"), self.value("step"), self.value("status")
        if region == OUTSIDE:
            rows = rows.filter(**{f"{prefix}company__region": ""})
        elif region:
            rows = rows.filter(**{f"{prefix}company__region": region})
        if step and step_from_task:
            rows = rows.filter(flow_task=node_of(step))
        elif step:
            rows = rows.filter(**{f"{prefix}status": STEP_STATUS[step]})
        if status:
            rows = rows.filter(**{f"{prefix}status": status})
        return rows

    def order(self, rows):
        key = self.sort_key
        columns = self.sorts[key.lstrip("-")]
        if key.startswith("-"):
            columns = [c[1:] if c.startswith("-") else f"-{c}" for c in columns]
        return rows.order_by(*columns)

    def header(self, key: str) -> dict:
        """For a column header: the sort key a click asks for and the current direction."""
        current = self.sort_key
        if current.lstrip("-") != key:
            return {"sort": key, "aria": "none"}
        flipped = current.startswith("-")
        # A key whose own order is newest first (started) reads as descending unflipped.
        descending = flipped != self.sorts[key][0].startswith("-")
        return {
            "sort": key if flipped else f"-{key}",
            "aria": "descending" if descending else "ascending",
        }
