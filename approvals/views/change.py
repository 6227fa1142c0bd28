"""The portal's change page: what needs no procedure, what needs a change approval, and the
form that opens the change draft (approvals.change)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from approvals.access import ApplicationMixin
from approvals.change import change_create, ensure_changeable
from approvals.errors import ApplicationError
from approvals.forms.change import ChangeForm


class ChangeView(ApplicationMixin, TemplateView):
    template_name = "approvals/application_change.html"

    def _refused(self, request, error):
        messages.error(request, error.message)
        return redirect("approvals:application-detail", self.application.pk)

    def get(self, request, *args, **kwargs):
        try:
            ensure_changeable(self.application)
        except ApplicationError as error:
            return self._refused(request, error)
        return self.render_to_response(self.get_context_data(form=ChangeForm()))

    def post(self, request, *args, **kwargs):
        form = ChangeForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            change = change_create(
                application=self.application, actor=request.user, **form.cleaned_data
            )
        except ApplicationError as error:  # approved change open meanwhile, in another tab
            return self._refused(request, error)
        messages.success(
            request,
            _("変更承認申請を作成しました。変更する内容を入力して提出してください。"),
        )
        return redirect("approvals:application-detail", change.pk)


change_view = ChangeView.as_view()
