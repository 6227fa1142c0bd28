"""The portal's 廃止 page: the firm ends its approved plan (approvals.discontinuation)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from approvals.access import ApplicationMixin
from approvals.constants import Status
from approvals.discontinuation import plan_discontinue
from approvals.errors import ApplicationError
from approvals.forms.discontinue import DiscontinueForm


class DiscontinueView(ApplicationMixin, TemplateView):
    template_name = "approvals/application_discontinue.html"

    def _not_approved(self, request):
        messages.error(
            request,
            _("この計画は「%(status)s」のため、廃止できません。")
            % {"status": self.application.get_status_display()},
        )
        return redirect("approvals:application-detail", self.application.pk)

    def get(self, request, *args, **kwargs):
        if self.application.status != Status.APPROVED:
            return self._not_approved(request)
        form = DiscontinueForm(application=self.application)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        if self.application.status != Status.APPROVED:
            return self._not_approved(request)
        form = DiscontinueForm(request.POST, application=self.application)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            plan_discontinue(application=self.application, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:  # ended meanwhile, in another tab
            messages.error(request, error.message)
        else:
            messages.success(request, _("計画の廃止を届け出ました。"))
        return redirect("approvals:application-detail", self.application.pk)


discontinue_view = DiscontinueView.as_view()
