"""The portal's follow-up survey page: answer (save as often as needed), then submit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from approvals import terms
from approvals.access import PortalMixin
from approvals.errors import ApplicationError
from approvals.followups import forms, selectors, services
from approvals.presenters.figures_table import build_table


class FollowUpView(PortalMixin, TemplateView):
    template_name = "approvals/follow_up_form.html"

    def prepare(self, request, *args, **kwargs):
        self.follow_up = get_object_or_404(
            selectors.follow_ups_for_user(request.user), pk=kwargs["pk"]
        )
        self.years = selectors.closed_years(self.follow_up.application, selectors.today())
        return None

    def build(self, data=None):
        return (
            forms.figures_form(self.follow_up, self.years, data),
            forms.items_formset(self.follow_up, data),
            forms.SupportForm(data, initial={"support_used": self.follow_up.support_used}),
        )

    def get_context_data(self, **kwargs):
        form, items, support = kwargs.pop("forms", None) or self.build()
        follow_up = self.follow_up
        return super().get_context_data(
            follow_up=follow_up,
            application=follow_up.application,
            shown_status=follow_up.shown_status(selectors.today()),
            achievement_rows=[
                {**row, "label": terms.FIGURE[row["code"]].label} for row in follow_up.achievement
            ],
            form=form,
            table=build_table(form.years, form.values(), None, form=form) if self.years else None,
            items=items,
            support=support,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        built = self.build(request.POST)
        form, items, support = built
        if not all(f.is_valid() for f in built):
            return self.render_to_response(self.get_context_data(forms=built))
        rows = [
            {"year": year, **values}
            for year, values in form.rows_to_save(
                set(self.follow_up.figures.values_list("year", flat=True))
            ).items()
        ]
        try:
            services.follow_up_answer(
                follow_up=self.follow_up,
                figures=rows,
                items=[f.cleaned_data for f in items.forms],
                support_used=support.cleaned_data["support_used"],
                on=selectors.today(),
            )
            if "submit" in request.POST:
                services.follow_up_submit(
                    follow_up=self.follow_up, actor=request.user, on=selectors.today()
                )
                messages.success(request, _("フォローアップ調査に回答しました。"))
                return redirect("approvals:follow-up", self.follow_up.pk)
        except ValidationError as error:
            for message in error.message_dict.get("figures", error.messages):
                form.add_error(None, message)
            return self.render_to_response(self.get_context_data(forms=built))
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("approvals:follow-up", self.follow_up.pk)
        messages.success(request, _("回答を保存しました。"))
        return redirect("approvals:follow-up", self.follow_up.pk)


follow_up_view = FollowUpView.as_view()
