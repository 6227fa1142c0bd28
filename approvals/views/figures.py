"""経営指標: the figures table, saved with a normal POST, and its live preview over htmx.

The preview recomputes derived rows and the criteria from the typed values without saving
anything; the page works the same without JavaScript, only without the live update.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from approvals import rules, selectors, services
from approvals.access import ApplicationMixin
from approvals.constants import ApplicationKind
from approvals.forms import FiguresForm
from approvals.presenters.check import check_panel
from approvals.presenters.figures_table import build_table
from approvals.support import access as support_access
from approvals.views.sections import SectionView

LIVE_TEMPLATE = "approvals/includes/figures_live.html"


def _form(application, data=None):
    years = rules.table_years(application.final_year)
    initial = FiguresForm.initial_from(application.figures.all())
    # A change keeps the approved base year and the years before it (DOMAIN.md §10).
    fixed = {y for y in years if y <= 0} if application.kind == ApplicationKind.CHANGE else set()
    return FiguresForm(
        data, initial=initial, years=years, final_year=application.final_year, fixed_years=fixed
    )


def _figures_context(application, form) -> dict:
    values = form.values()
    table = build_table(form.years, values, application.final_year, form=form)
    typed = selectors.application_check(application, on=selectors.today(), figures=values)
    past = [y for y in form.years if y < 0]
    past_open = any(v is not None for y in past for v in values[y].values()) or any(
        name.startswith(tuple(f"y{y}-" for y in past)) for name in form.errors
    )
    return {"table": table, "panel": check_panel(typed), "past_open": past_open}


class FiguresView(SectionView):
    template_name = "approvals/section_figures.html"
    title = gettext_lazy("経営指標")

    def build_form(self, data=None):
        return _form(self.application, data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.application.final_year is not None:
            context.update(_figures_context(self.application, context["form"]))
        return context

    def post(self, request, *args, **kwargs):
        if self.application.final_year is None:
            messages.error(request, _("先に「計画の概要」で事業期間を選んでください。"))
            return redirect("approvals:application-overview", self.application.pk)
        return super().post(request, *args, **kwargs)

    def save(self, form):
        existing = set(self.application.figures.values_list("year", flat=True))
        services.application_set_figures(
            application=self.application,
            rows=form.rows_to_save(existing),
            actor=self.request.user,
        )


class FiguresPreviewView(ApplicationMixin, View):
    """POST only: the derived rows (out of band) and the criteria panel for the typed values."""

    delegate_acts = (support_access.EDIT, support_access.EDIT)

    http_method_names = ["post"]

    def handle_no_login(self, request):
        # Never swap the login page into the panel; saving keeps the input (see pending).
        return render(request, LIVE_TEMPLATE, {"session_expired": True})

    def post(self, request, *args, **kwargs):
        application = self.application
        if application.final_year is None:
            return render(request, LIVE_TEMPLATE, {"no_period": True})
        form = _form(application, request.POST)
        context = _figures_context(application, form)
        context["invalid_fields"] = [form[name].label for name in form.errors]
        return render(request, LIVE_TEMPLATE, context)


figures_view = FiguresView.as_view()
figures_preview_view = FiguresPreviewView.as_view()
