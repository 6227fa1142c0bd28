"""The plan editor's sections: each its own page and form, each saved on its own by a service.

A section that cannot be edited any more (submitted, decided) sends the applicant back to the
application with the reason; a POST whose session has expired keeps the typed data for after
the login (see ``pending``).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from approvals import rules, selectors, services
from approvals.access import ApplicationMixin
from approvals.errors import NotEditable
from approvals.forms import FundingFormSet, OverviewForm, ScheduleFormSet, SupportContactsForm
from approvals.forms.fields import LooseIntegerField
from approvals.support import access as support_access
from approvals.views import pending


class KeepsTypedInputMixin:
    """On an expired session, keep the POST data and restore it into the form after login;
    config.views.csrf_failure does the same for a POST refused for its token."""

    keeps_typed_input = True

    def handle_no_login(self, request):
        if request.method == "POST":
            pending.stash(request)
        return super().handle_no_login(request)

    def get(self, request, *args, **kwargs):
        return self.render_form(self.build_form(pending.restore(request)))

    def render_form(self, form, **extra):
        return self.render_to_response(self.get_context_data(form=form, **extra))


class SectionView(KeepsTypedInputMixin, ApplicationMixin, TemplateView):
    delegate_acts = (support_access.EDIT, support_access.EDIT)
    title = ""

    def prepare(self, request, *args, **kwargs):
        super().prepare(request, *args, **kwargs)
        if not self.application.is_editable:
            messages.error(request, NotEditable.of(self.application).message)
            return redirect("approvals:application-detail", self.application.pk)
        return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.build_form(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        try:
            self.save(form)
        except NotEditable as error:
            messages.error(request, error.message)
            return redirect("approvals:application-detail", self.application.pk)
        messages.success(request, _("「%(section)s」を保存しました。") % {"section": self.title})
        return redirect("approvals:application-detail", self.application.pk)

    def build_form(self, data=None):
        raise NotImplementedError

    def save(self, form):
        raise NotImplementedError


class OverviewView(SectionView):
    template_name = "approvals/section_overview.html"
    title = gettext_lazy("計画の概要")

    def build_form(self, data=None):
        return OverviewForm(
            data, initial=OverviewForm.initial_for(self.application), application=self.application
        )

    def save(self, form):
        services.application_update(
            application=self.application, actor=self.request.user, **form.cleaned_data
        )


class RowsSectionView(SectionView):
    """Schedule and funding: a formset with a 行を追加 button that works without JavaScript."""

    formset_class = None
    prefix = ""

    def initial_rows(self) -> list[dict]:
        raise NotImplementedError

    def form_kwargs(self) -> dict:
        return {}

    def build_form(self, data=None, initial=None, extra=None):
        initial = self.initial_rows() if data is None and initial is None else initial
        formset = self.formset_class(
            data, initial=initial, prefix=self.prefix, form_kwargs=self.form_kwargs()
        )
        formset.extra = extra if extra is not None else (1 if initial else 3)
        return formset

    def post(self, request, *args, **kwargs):
        if "add_row" not in request.POST:
            return super().post(request, *args, **kwargs)
        typed = self.build_form(request.POST)
        rows = typed.raw_rows()
        extra = len(typed.forms) - len(rows) + 1
        return self.render_form(self.build_form(initial=rows, extra=extra))


class ScheduleView(RowsSectionView):
    template_name = "approvals/section_schedule.html"
    title = gettext_lazy("実施計画")
    formset_class = ScheduleFormSet
    prefix = "schedule"

    def initial_rows(self):
        return list(self.application.schedule.values("item", "start", "end"))

    def form_kwargs(self):
        # Quarters up to the final plan year (R&D years included); the longest usual period
        # (5 years) until the period is chosen.
        return {
            "years": self.application.final_year or 5,
            "plan_start": self.application.plan_start,
        }

    def save(self, form):
        services.application_set_schedule(
            application=self.application, items=form.rows(), actor=self.request.user
        )


class FundingView(RowsSectionView):
    template_name = "approvals/section_funding.html"
    title = gettext_lazy("資金計画")
    formset_class = FundingFormSet
    prefix = "funding"

    def initial_rows(self):
        return list(self.application.funding.values("source", "amount"))

    def get_context_data(self, **kwargs):
        """必要資金 (経営指標's 設備投資額 + 運転資金) against 調達計 of the rows shown."""
        context = super().get_context_data(**kwargs)
        amounts = _typed_amounts(context["form"])
        figures = selectors.plan_figures(self.application)
        balance = rules.funding_balance(
            figures, amounts, self.application.final_year
        ) or rules.FundingBalance(required=0, raised=0)
        # The texts the page shows, also for static/js/money.js to say as amounts are typed.
        texts = {
            "shortfall": _("%s千円不足しています。"),
            "excess": _("%s千円超過しています。"),
            "balanced": _("過不足はありません。"),
        }
        context.update(
            funding_balance=balance,
            funding_required=f"{balance.required:,}",
            funding_raised=f"{balance.raised:,}",
            funding_texts=texts,
            funding_state_text=texts[balance.state].replace("%s", f"{abs(balance.difference):,}"),
        )
        return context

    def save(self, form):
        services.application_set_funding(
            application=self.application, items=form.rows(), actor=self.request.user
        )


def _typed_amounts(formset) -> list[int]:
    """The funding amounts as shown: typed (a failed POST, 行を追加) or saved."""
    if formset.is_bound:
        rows = [
            f.cleaned_data
            for f in formset.forms
            if f.is_valid() and not f.is_blank() and not f.cleaned_data.get("DELETE")
        ]
    else:
        rows = formset.initial or ()
    amounts = []
    for row in rows:
        try:
            amount = LooseIntegerField().clean(row.get("amount"))
        except ValidationError:
            continue
        if amount is not None:
            amounts.append(amount)
    return amounts


class SupportView(SectionView):
    template_name = "approvals/section_support.html"
    title = gettext_lazy("関係機関への連絡希望")

    def build_form(self, data=None):
        bodies = list(self.application.support_contacts.values_list("body", flat=True))
        return SupportContactsForm(data, initial={"bodies": bodies})

    def save(self, form):
        services.application_set_support_contacts(
            application=self.application,
            bodies=form.cleaned_data["bodies"],
            actor=self.request.user,
        )


overview_view = OverviewView.as_view()
schedule_view = ScheduleView.as_view()
funding_view = FundingView.as_view()
support_view = SupportView.as_view()
