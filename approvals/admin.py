"""Django admin for the administrator: companies, applications to look up, the authority to edit.

An application's status, versions, history and decisions change only through the flow and its
services, so the admin shows them read-only; the authority (who signs the notices, how approval
numbers are written, the standard processing period) is data the administrator edits here.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from approvals.constants import OrganisationKind
from approvals.models import (
    Application,
    ApplicationVersion,
    Approval,
    Authority,
    ChangeApproval,
    ClosureDay,
    Company,
    CompanyReport,
    FollowUp,
    HistoryEntry,
    LegacyApproval,
    Mail,
    Refusal,
    Review,
    RevocationCase,
    TargetSeries,
    TargetYear,
)


class ReadOnlyAdminMixin:
    """Look, don't touch: the record is written by a service and is evidence."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Company)
class CompanyAdmin(SimpleHistoryAdmin):
    list_display = ("name", "corporate_number", "municipality", "region", "industry", "employees")
    list_filter = ("region", "industry", "legal_form")
    search_fields = ("name", "corporate_number", "representative_name", "email")
    readonly_fields = ("region", "created_at", "updated_at")
    filter_horizontal = ("members",)


class HistoryInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = HistoryEntry
    fields = ("at", "step", "action", "actor", "comment")
    readonly_fields = fields
    extra = 0


class VersionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ApplicationVersion
    fields = ("number", "submitted_at", "submitted_by", "rule_set")
    readonly_fields = fields
    extra = 0
    show_change_link = True


class ReviewInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Review
    fields = ("at", "version", "reviewer", "recommendation", *Review.CHECKLIST, "opinion")
    readonly_fields = fields
    extra = 0


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("reference", "company", "theme", "status", "version", "submitted_at")
    list_filter = ("status", "rule_set")
    search_fields = ("reference", "theme", "company__name")
    list_select_related = ("company",)
    date_hierarchy = "submitted_at"
    inlines = [VersionInline, ReviewInline, HistoryInline]


@admin.register(ApplicationVersion)
class ApplicationVersionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("application", "number", "submitted_at", "submitted_by", "rule_set")
    search_fields = ("application__reference",)


class ClosureDayForm(forms.ModelForm):
    class Meta:
        model = ClosureDay
        fields = ("date", "reason")

    def clean_date(self):
        # The inline leaves the authority out of the form (the formset sets it on the
        # instance), so Django skips the unique check against stored days: it is made here.
        day = self.cleaned_data["date"]
        stored = ClosureDay.objects.filter(authority_id=self.instance.authority_id, date=day)
        if stored.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("この日はすでに閉庁日として登録されています。"))
        return day


class ClosureDayInline(admin.TabularInline):
    """The authority's own closure days: not working days for the processing-period clock."""

    model = ClosureDay
    form = ClosureDayForm
    extra = 1
    fields = ("date", "reason")


class AuthorityForm(forms.ModelForm):
    submit_kinds = forms.MultipleChoiceField(
        label=_("提出を委任できる支援機関の種別"),
        choices=OrganisationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=Authority._meta.get_field("submit_kinds").help_text,
    )

    class Meta:
        model = Authority
        fields = ("submit_kinds",)  # the admin lists the others


@admin.register(Authority)
class AuthorityAdmin(SimpleHistoryAdmin):
    form = AuthorityForm
    inlines = (ClosureDayInline,)
    list_display = ("prefecture", "governor_title", "governor_name", "number_format")
    fields = (
        "prefecture",
        "governor_title",
        "governor_name",
        "number_format",
        "approval_series",
        "refusal_series",
        "hearing_series",
        "revocation_series",
        "separate_step_staff",
        "standard_processing_days",
        "standard_processing_days_change",
        "contact_department",
        "contact_phone",
        "contact_email",
        "contact_hours",
        "submit_kinds",
    )

    def has_add_permission(self, request):
        # One row: Authority.current() creates it; the administrator edits it.
        return not Authority.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Approval)
class ApprovalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("number", "fiscal_year", "sequence", "approved_on", "kind", "application")
    list_filter = ("fiscal_year", "kind")
    search_fields = ("number", "application__reference", "application__company__name")
    list_select_related = ("application",)


@admin.register(Refusal)
class RefusalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("application", "refused_on", "refused_by")
    search_fields = ("application__reference", "application__company__name")
    list_select_related = ("application",)


class TargetYearInline(admin.TabularInline):
    model = TargetYear
    extra = 1


@admin.register(TargetSeries)
class TargetSeriesAdmin(SimpleHistoryAdmin):
    """Policy staff add later target series (and their yearly targets) here."""

    list_display = ("code", "title", "unit", "baseline_as_of", "baseline_count")
    inlines = [TargetYearInline]


@admin.register(Mail)
class MailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The e-mails to applicants and how each went (sent by approvals.tasks)."""

    list_display = ("application", "template", "state", "attempts", "created_at", "sent_at")
    list_filter = ("state", "template")
    search_fields = ("application__reference",)
    fields = list_display + ("error",)
    readonly_fields = fields


@admin.register(LegacyApproval)
class LegacyApprovalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Imported with `import_approvals`; read-only here so the import stays the one way in."""

    list_display = ("approved_on", "company_name", "theme", "region", "industry")
    list_filter = ("region", "industry")
    search_fields = ("company_name", "theme", "number")


@admin.register(ChangeApproval)
class ChangeApprovalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Each approved change of a plan (第n回変更), recorded by the decision."""

    list_display = ("approval", "seq", "approved_on", "application")
    search_fields = ("approval__number", "application__reference")
    list_select_related = ("approval", "application")


@admin.register(CompanyReport)
class CompanyReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Particulars reports (変更報告): a company's name, representative or address before and
    after, with the evidence; written by the company's form."""

    list_display = ("company", "reported_at", "reported_by")
    search_fields = ("company__name",)
    list_select_related = ("company", "reported_by")


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Follow-up surveys; requested, answered and closed through their services."""

    list_display = ("application", "kind", "requested_on", "due_on", "status", "submitted_at")
    list_filter = ("kind", "status")
    search_fields = ("application__reference", "application__company__name")
    list_select_related = ("application",)


@admin.register(RevocationCase)
class RevocationCaseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Revocation cases (承認の取消し): opened, heard and decided on the staff pages."""

    list_display = ("application", "ground", "opened_at", "hearing_at", "decision", "decided_on")
    list_filter = ("ground", "decision")
    search_fields = ("application__reference", "application__company__name")
    list_select_related = ("application",)


# The support bodies' models register themselves; their admin reuses ReadOnlyAdminMixin above.
from approvals.support import admin as support_admin  # noqa: E402, F401
