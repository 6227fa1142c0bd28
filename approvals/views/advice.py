"""The portal's 事前確認 and advice pages (DOMAIN.md §12).

A delegate with `confirm` records that it checked the draft as shown; one with `comment`
writes advice on a section. The firm reads both here (and the advice on its section pages);
a delegate without the scope gets 403, another firm's application is 404 (ApplicationMixin).
Who may do what is approvals.support.advice_services', built on approvals.support.access.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from approvals.access import ApplicationMixin
from approvals.errors import ApplicationError, NotPermitted
from approvals.forms.advice import AdviceForm, ConfirmationForm
from approvals.presenters.summary import summary
from approvals.support import access as support_access
from approvals.support import advice_services
from approvals.support.advice import SECTION_CHOICES


class _AdviceMixin(ApplicationMixin):
    delegate_acts = (support_access.VIEW, support_access.VIEW)

    def visible(self):
        raise NotImplementedError

    def prepare(self, request, *args, **kwargs):
        super().prepare(request, *args, **kwargs)
        try:
            self.rows = self.visible()
        except NotPermitted as error:
            raise PermissionDenied(error.message) from error
        return None

    def back(self):
        return redirect(self.request.path)


class ConfirmationView(_AdviceMixin, TemplateView):
    template_name = "support/confirmation.html"

    def visible(self):
        return list(advice_services.confirmations_visible(self.request.user, self.application))

    def get_context_data(self, **kwargs):
        application = self.application
        may = advice_services.may_confirm(self.request.user, application)
        context = {
            "may_confirm": may and application.is_editable,
            "rows": advice_services.confirmation_rows(application, self.rows),
            "delegation": support_access.acting_for(self.request.user, application),
        }
        if context["may_confirm"]:
            if "form" not in kwargs:
                context["form"] = ConfirmationForm(
                    initial={"fingerprint": advice_services.current_fingerprint(application)}
                )
            context["summary"] = summary(application, editable=False)
        return super().get_context_data(**context, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            advice_services.ensure_may_confirm(request.user, self.application)
        except NotPermitted as error:
            raise PermissionDenied(error.message) from error
        form = ConfirmationForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            confirmation = advice_services.confirmation_record(
                application=self.application,
                actor=request.user,
                comment=form.cleaned_data["comment"],
                seen=form.cleaned_data["fingerprint"] or None,
            )
        except ApplicationError as error:
            messages.error(request, " ".join([error.message, *error.reasons]))
            return self.back()
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(
            request,
            _("事前確認を記録しました（第%(n)d版として提出される下書き）。")
            % {"n": confirmation.version},
        )
        return self.back()


class AdviceView(_AdviceMixin, TemplateView):
    template_name = "support/advice.html"

    def visible(self):
        return list(advice_services.comments_visible(self.request.user, self.application))

    def get_context_data(self, **kwargs):
        application = self.application
        may = advice_services.may_comment(self.request.user, application)
        labels = dict(SECTION_CHOICES)
        sections = []
        for code, label in SECTION_CHOICES:
            comments = [c for c in self.rows if c.section == code]
            if comments:
                sections.append({"code": code, "label": label, "comments": comments})
        context = {
            "may_comment": may and application.is_editable,
            "sections": sections,
            "count": len(self.rows),
            "delegation": support_access.acting_for(self.request.user, application),
        }
        if context["may_comment"]:
            section = self.request.GET.get("section", "")
            initial = {"section": section} if section in labels else {}
            if "form" not in kwargs:
                context["form"] = AdviceForm(initial=initial)
        return super().get_context_data(**context, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            advice_services.ensure_may_comment(request.user, self.application)
        except NotPermitted as error:
            raise PermissionDenied(error.message) from error
        form = AdviceForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            comment = advice_services.comment_add(
                application=self.application, actor=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            messages.error(request, " ".join([error.message, *error.reasons]))
            return self.back()
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(
            request,
            _("「%(section)s」への助言コメントを送りました。企業の画面に表示されます。")
            % {"section": comment.get_section_display()},
        )
        return self.back()


confirmation_view = ConfirmationView.as_view()
advice_view = AdviceView.as_view()
