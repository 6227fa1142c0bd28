"""The applicant's portal: company profile, "my applications", the plan editor and its detail.

Views stay thin: forms parse, services write, presenters (tasklist, summary, check_panel)
shape what the templates show.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.permissions import is_portal_user, is_support_user
from approvals import particulars, processing, selectors, services
from approvals.access import ApplicationMixin, PortalMixin
from approvals.constants import WITHDRAWABLE_STATUSES, Status
from approvals.errors import ApplicationError, NotEditable
from approvals.followups import selectors as follow_up_selectors
from approvals.forms import CompanyForm
from approvals.forms.particulars import EvidenceForm
from approvals.history import drafted_with_a_delegate, history_rows
from approvals.models import Company, CompanyReport
from approvals.presenters import next_steps, tasklist
from approvals.presenters.summary import summary
from approvals.support import access as support_access
from approvals.support import selectors as support_selectors
from approvals.views.sections import KeepsTypedInputMixin
from approvals.views.standing import standing


def _company_first(request):
    messages.info(request, _("申請を作成する前に、企業情報を登録してください。"))
    return redirect("approvals:company")


class CompanyView(KeepsTypedInputMixin, PortalMixin, TemplateView):
    template_name = "approvals/company_form.html"

    def prepare(self, request, *args, **kwargs):
        self.company = selectors.company_for_user(request.user)

    def build_form(self, data=None):
        return CompanyForm(data, instance=self.company)

    def get_context_data(self, **kwargs):
        has_applications = bool(self.company) and self.company.applications.exists()
        reporting = particulars.reports_required(self.company)
        kwargs.setdefault("evidence_form", EvidenceForm())
        return super().get_context_data(
            company=self.company,
            has_applications=has_applications,
            reporting=reporting,
            reports=(
                CompanyReport.objects.filter(company=self.company).select_related(
                    "reported_by", "evidence"
                )
                if reporting
                else []
            ),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = self.build_form(request.POST)
        evidence_form = EvidenceForm(request.POST, request.FILES)
        if not (form.is_valid() and evidence_form.is_valid()):
            return self.render_form(form, evidence_form=evidence_form)
        try:
            self._save(request, form, evidence_form.cleaned_data["evidence_attachment"])
        except ValidationError as error:
            for message in error.message_dict.get(particulars.EVIDENCE_FIELD, []):
                evidence_form.add_error(particulars.EVIDENCE_FIELD, message)
            return self.render_form(form, evidence_form=evidence_form)
        messages.success(request, _("企業情報を保存しました。"))
        # Back to the page, whose summary now offers the next step (申請書の作成に進む).
        return redirect("approvals:company")

    def _save(self, request, form, upload):
        """Save the profile; after an approval as a particulars report (approvals.particulars),
        storing the evidence file only when the change needs one."""
        values = {f: form.cleaned_data[f] for f in Company.PROFILE_FIELDS if f in form.cleaned_data}
        company = form.instance
        evidence = None
        if upload and company.pk and particulars.reports_required(company):
            stored = Company.objects.get(pk=company.pk)  # the form has changed the instance
            if particulars.needs_evidence(particulars.changed_fields(stored, values)):
                evidence = particulars.evidence_add(
                    company=stored, upload=upload, actor=request.user
                )
        if company.pk:
            company = Company.objects.get(pk=company.pk)
        particulars.company_update(
            company=company, user=request.user, values=values, evidence=evidence
        )


class ApplicationListView(PortalMixin, TemplateView):
    """申請一覧; for a support body's user, the firms that delegated to it and their plans."""

    template_name = "approvals/application_list.html"
    delegate_acts = (support_access.VIEW, support_access.FIRM_ONLY)

    def prepare(self, request, *args, **kwargs):
        self.support = is_support_user(request.user) and not is_portal_user(request.user)
        if not self.support and selectors.company_for_user(request.user) is None:
            return _company_first(request)
        return None

    def get_template_names(self):
        return ["support/home.html"] if self.support else [self.template_name]

    def get_context_data(self, **kwargs):
        if self.support:
            return super().get_context_data(**support_selectors.home(self.request.user), **kwargs)
        applications = selectors.applications_for_user(self.request.user).order_by("-updated_at")
        return super().get_context_data(
            applications=applications,
            saving=next_steps.SAVING,
            open_follow_ups=follow_up_selectors.open_for_user(self.request.user),
            today=selectors.today(),
            **kwargs,
        )


class ApplicationCreateView(PortalMixin, View):
    http_method_names = ["get", "post"]

    def get(self, request, *args, **kwargs):
        """Creating takes a press of the button (POST); the address opened directly — a
        bookmark, a reload, the way back after a login — shows the list that has it."""
        return redirect("approvals:application-list")

    def post(self, request, *args, **kwargs):
        company = selectors.company_for_user(request.user)
        if company is None:
            return _company_first(request)
        application = services.application_create(company=company, actor=request.user)
        messages.success(
            request,
            _("新しい計画を作成しました（管理番号 %(ref)s）。") % {"ref": application.reference},
        )
        return redirect("approvals:application-detail", application.pk)


class ApplicationDetailView(ApplicationMixin, TemplateView):
    """The task list while the plan is editable; otherwise the read-only application."""

    delegate_acts = (support_access.VIEW, support_access.FIRM_ONLY)

    def get_template_names(self):
        if self.editing:
            return ["approvals/application_tasklist.html"]
        return ["approvals/application_detail.html"]

    @property
    def editing(self) -> bool:
        """The task list, for whoever may edit the plan now (a delegate needs `edit`, or
        `correct` for a returned plan); the read-only application for everyone else."""
        return self.application.is_editable and self.delegate_may(support_access.EDIT)

    def get_context_data(self, **kwargs):
        application = self.application
        firm = self.delegate_may(support_access.FIRM_ONLY)
        versions = application.versions.select_related("submitted_by").order_by("number")
        latest = versions.last()
        context = {
            "standing": standing(application),
            "history": history_rows(application, staff=False),
            "versions": versions,
            "latest_version": latest,
            "drafted": drafted_with_a_delegate(application, latest, staff=False),
            "can_withdraw": firm and application.status in WITHDRAWABLE_STATUSES,
            "can_delete": firm and application.status == Status.DRAFT,
            "can_submit": self.delegate_may(support_access.SUBMIT),
            "is_firm": firm,
            "delegation": support_access.acting_for(self.request.user, application),
            "open_follow_ups": follow_up_selectors.open_follow_ups(application) if firm else [],
            "today": selectors.today(),
            "clock": processing.clock_of(application, {}),
        }
        if self.editing:
            tasks = tasklist.tasks(application)
            required = [t for t in tasks if not t.optional]
            context |= {
                "tasks": tasks,
                "required_total": len(required),
                "required_done": sum(t.status == tasklist.COMPLETED for t in required),
                # Ready means what submission itself checks, not only the task statuses.
                "ready": not tasklist.blocker_links(
                    application, selectors.application_check(application)
                ),
            }
        else:
            context["summary"] = summary(application, editable=False)
        return super().get_context_data(**context, **kwargs)


class ApplicationCopyView(ApplicationMixin, View):
    """「この内容をコピーして新しい計画を作成」 from a refused or withdrawn application of the
    user's own company (another company's is a 404, as for every portal page)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            copy = services.application_copy(application=self.application, actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("approvals:application-detail", self.application.pk)
        messages.success(
            request,
            _(
                "%(ref)s の内容をコピーして、新しい計画（管理番号 %(new)s）を作成しました。"
                "内容を見直してから提出してください。添付書類はコピーしていません。"
            )
            % {"ref": self.application.reference, "new": copy.reference},
        )
        return redirect("approvals:application-detail", copy.pk)


class ApplicationDeleteView(ApplicationMixin, TemplateView):
    template_name = "approvals/application_confirm_delete.html"

    def prepare(self, request, *args, **kwargs):
        super().prepare(request, *args, **kwargs)
        if self.application.status != Status.DRAFT:
            messages.error(request, _("提出したことのある申請は削除できません。"))
            return redirect("approvals:application-detail", self.application.pk)
        return None

    def post(self, request, *args, **kwargs):
        try:
            services.application_delete(application=self.application, actor=request.user)
        except NotEditable as error:
            messages.error(request, error.message)
            return redirect("approvals:application-detail", self.application.pk)
        messages.success(
            request,
            _("作成中の計画「%(ref)s」を削除しました。") % {"ref": self.application.reference},
        )
        return redirect("approvals:application-list")


company_view = CompanyView.as_view()
application_list_view = ApplicationListView.as_view()
application_create_view = ApplicationCreateView.as_view()
application_detail_view = ApplicationDetailView.as_view()
application_delete_view = ApplicationDeleteView.as_view()
application_copy_view = ApplicationCopyView.as_view()
