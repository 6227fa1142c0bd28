"""The applicant's side of the flow: 確認と提出 starts the process, 取下げ cancels it.

These live in ``workflow`` because submission and withdrawal change the flow as well as the
application (``workflow.services``); the pages themselves are the portal's.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from approvals import notifications, selectors
from approvals.access import ApplicationMixin
from approvals.constants import WITHDRAWABLE_STATUSES, Status
from approvals.diff import version_diff
from approvals.errors import ApplicationError, SubmissionBlocked
from approvals.forms.submission import SubmitForm, WithdrawForm
from approvals.models import Authority
from approvals.presenters import next_steps
from approvals.presenters.check import check_panel
from approvals.presenters.correction import latest_request
from approvals.presenters.summary import summary
from approvals.presenters.tasklist import blocker_links, section_url
from approvals.support import access as support_access
from documents.attachments.selectors import attachment_changes
from workflow import services


class SubmitView(ApplicationMixin, TemplateView):
    """Check your answers: every section, the self-check, the blockers, then 提出."""

    delegate_acts = (support_access.SUBMIT, support_access.SUBMIT)

    template_name = "workflow/submit.html"

    def prepare(self, request, *args, **kwargs):
        super().prepare(request, *args, **kwargs)
        self.result = selectors.application_check(self.application)
        return None

    def build_form(self, data=None):
        return SubmitForm(
            data,
            needs_acknowledgement=bool(self.result.failures),
            resubmission=self.application.status == Status.RETURNED,
        )

    def get(self, request, *args, **kwargs):
        return self.render_form(self.build_form())

    def render_form(self, form, refusal=None):
        application = self.application
        return self.render_to_response(
            self.get_context_data(
                form=form,
                refusal=refusal,
                panel=check_panel(self.result),
                blockers=blocker_links(application, self.result),
                summary=summary(application, editable=application.is_editable),
                resubmission=application.status == Status.RETURNED,
                correction_request=latest_request(application),
                own_changes=own_changes(application),
                # A failing criterion on this page links to the figures (経営指標を修正する).
                fix_url=section_url(application, "figures") if application.is_editable else None,
            )
        )

    def post(self, request, *args, **kwargs):
        form = self.build_form(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        try:
            services.application_submit(
                application=self.application,
                actor=request.user,
                acknowledge_failures=form.acknowledged,
                reply=form.reply_text,
            )
        except SubmissionBlocked as error:
            return self.render_form(form, refusal=error)
        except ApplicationError as error:  # withdrawn or deleted meanwhile, or busy
            messages.error(request, error.message)
            return redirect("approvals:application-list")
        # No flash message: the confirmation page's panel says it (GOV.UK confirmation pages).
        return redirect("workflow:application-submitted", self.application.pk)


@dataclass(frozen=True)
class OwnChanges:
    """What a resubmission changes since the version last submitted: the diff the clerk
    reads on the next intake task (approvals.diff), shown to the applicant before they send it."""

    compared: tuple  # (last submitted version, the version this resubmission makes)
    changes: list
    request = None  # the request is shown above it on the page


def own_changes(application) -> OwnChanges | None:
    if application.status != Status.RETURNED:
        return None
    last = application.versions.order_by("-number").first()
    if last is None:
        return None
    current = selectors.application_snapshot(application)
    changes = version_diff(last.data, current) + attachment_changes(application, last.number, None)
    return OwnChanges((last.number, last.number + 1), changes)


class SubmittedView(ApplicationMixin, TemplateView):
    """The confirmation: the number, what happens next and when, whom to ask, and the
    confirmation e-mail (named only if this submission queued one)."""

    delegate_acts = (support_access.VIEW, support_access.VIEW)

    template_name = "workflow/submitted.html"

    def get_context_data(self, **kwargs):
        application = self.application
        authority = Authority.current()
        mailed = application.mails.filter(
            template=notifications.SUBMITTED, context__version=application.version
        ).exists()
        return super().get_context_data(
            contact=next_steps.contact(authority),
            processing_period=next_steps.processing_period(authority, application.kind),
            processing_note=next_steps.processing_note(),
            confirmation_to=notifications.recipients(application) if mailed else [],
            glossary=next_steps.GLOSSARY,
            **kwargs,
        )

    def prepare(self, request, *args, **kwargs):
        super().prepare(request, *args, **kwargs)
        if self.application.status != Status.SUBMITTED:
            return redirect("approvals:application-detail", self.application.pk)
        return None


class WithdrawView(ApplicationMixin, TemplateView):
    template_name = "workflow/withdraw.html"

    def get(self, request, *args, **kwargs):
        if self.application.status not in WITHDRAWABLE_STATUSES:
            messages.error(
                request,
                _("「%(status)s」の申請は取り下げられません。")
                % {"status": self.application.get_status_display()},
            )
            return redirect("approvals:application-detail", self.application.pk)
        return self.render_to_response(self.get_context_data(form=WithdrawForm()))

    def post(self, request, *args, **kwargs):
        form = WithdrawForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            services.application_withdraw(
                application=self.application,
                actor=request.user,
                comment=form.cleaned_data["reason"],
            )
        except ApplicationError as error:  # decided meanwhile, or busy
            messages.error(request, error.message)
        else:
            messages.success(request, _("申請を取り下げました。"))
        return redirect("approvals:application-detail", self.application.pk)


submit_view = SubmitView.as_view()
submitted_view = SubmittedView.as_view()
withdraw_view = WithdrawView.as_view()
