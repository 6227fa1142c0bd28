"""The firm's 支援機関への委任 page: its delegations, the form to grant one, revocation with
confirmation, and the 委任状 it uploaded. The firm's own: a support body's user gets 403."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from approvals import selectors
from approvals.access import PortalMixin
from approvals.forms.delegation import DelegationForm
from approvals.support import selectors as support_selectors
from approvals.support import services as support_services
from approvals.support.letters import letter_response


class CompanyDelegationsMixin(PortalMixin):
    def prepare(self, request, *args, **kwargs):
        self.company = selectors.company_for_user(request.user)
        if self.company is None:
            messages.info(request, _("委任の前に、企業情報を登録してください。"))
            return redirect("approvals:company")
        return None

    def delegation(self, pk):
        return get_object_or_404(support_selectors.delegations_of_company(self.company), pk=pk)


class DelegationsView(CompanyDelegationsMixin, TemplateView):
    template_name = "support/delegations.html"

    def get(self, request, *args, **kwargs):
        return self.render_form(DelegationForm())

    def render_form(self, form):
        delegations = list(support_selectors.delegations_of_company(self.company))
        return self.render_to_response(
            self.get_context_data(
                form=form,
                active=[d for d in delegations if d.is_active()],
                ended=[d for d in delegations if not d.is_active()],
                company=self.company,
            )
        )

    def post(self, request, *args, **kwargs):
        form = DelegationForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_form(form)
        values = form.cleaned_data
        try:
            delegation = support_services.delegation_grant(
                company=self.company,
                actor=request.user,
                username=values["username"],
                scopes=values["scopes"],
                valid_to=values["valid_to"],
                letter=values["power_of_attorney"] or None,
                copy_mails=values["copy_mails"],
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
            return self.render_form(form)
        messages.success(
            request,
            _("%(who)s（%(org)s）に委任しました。")
            % {
                "who": delegation.delegate,
                "org": delegation.organisation.name,
            },
        )
        return redirect("approvals:delegations")


class DelegationRevokeView(CompanyDelegationsMixin, TemplateView):
    template_name = "support/delegation_revoke.html"

    def get(self, request, *args, **kwargs):
        delegation = self.delegation(kwargs["pk"])
        if delegation.revoked_at is not None:
            messages.info(request, _("この委任はすでに解除されています。"))
            return redirect("approvals:delegations")
        return self.render_to_response(self.get_context_data(delegation=delegation))

    def post(self, request, *args, **kwargs):
        delegation = support_services.delegation_revoke(
            delegation=self.delegation(kwargs["pk"]), actor=request.user
        )
        messages.success(
            request,
            _(
                "%(who)sへの委任を解除しました。この担当者は、貴社の申請を見ることも操作することもできなくなりました。"
            )
            % {"who": delegation.delegate},
        )
        return redirect("approvals:delegations")


class DelegationLetterView(CompanyDelegationsMixin, View):
    """The 委任状 the firm uploaded, under its original name."""

    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        return letter_response(self.delegation(kwargs["pk"]))


delegations_view = DelegationsView.as_view()
delegation_revoke_view = DelegationRevokeView.as_view()
delegation_letter_view = DelegationLetterView.as_view()
