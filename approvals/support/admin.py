"""The administrator creates support organisations and their users (DOMAIN.md §12); the
delegations are the firms' own, and the 事前確認 and advice comments the delegates', shown here
read-only. An advice comment's text is between the firm and its adviser (staff never read it):
the administrator sees who wrote on which application and when, not what."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from approvals.admin import ReadOnlyAdminMixin
from approvals.support.advice import AdviceComment, SupportConfirmation
from approvals.support.models import Delegation, SupportMember, SupportOrganisation


def support_user_problem(user) -> str | None:
    """Why `user` cannot be a support organisation's member, or None: they hold the role
    `support` and no other (a firm's member or a clerk never acts as a support body)."""
    if user is None:
        return None
    roles = set(user.roles)
    if Role.SUPPORT not in roles:
        return _("支援機関の担当者には、役割「支援機関」のユーザーを選んでください。")
    if roles - {Role.SUPPORT}:
        return _("支援機関の担当者は、ほかの役割（申請者・職員など）を持てません。")
    if user.companies.exists():
        return _("企業に所属するユーザーは支援機関の担当者にできません。")
    return None


class SupportMemberForm(forms.ModelForm):
    class Meta:
        model = SupportMember
        fields = ("user", "organisation", "title")

    def clean_user(self):
        user = self.cleaned_data.get("user")
        if problem := support_user_problem(user):
            raise ValidationError(problem)
        return user


class SupportMemberInline(admin.TabularInline):
    model = SupportMember
    form = SupportMemberForm
    extra = 1
    fields = ("user", "title")
    raw_id_fields = ("user",)


@admin.register(SupportOrganisation)
class SupportOrganisationAdmin(admin.ModelAdmin):
    inlines = (SupportMemberInline,)
    list_display = (
        "name",
        "kind",
        "region",
        "registration_number",
        "registration_valid_from",
        "registration_valid_to",
    )
    list_filter = ("kind", "region")
    search_fields = ("name", "registration_number")
    fields = (
        "kind",
        "name",
        "region",
        "registration_number",
        "registration_valid_from",
        "registration_valid_to",
    )


@admin.register(SupportMember)
class SupportMemberAdmin(admin.ModelAdmin):
    form = SupportMemberForm
    list_display = ("user", "organisation", "title")
    list_filter = ("organisation__kind",)
    search_fields = ("user__username", "user__display_name", "organisation__name")
    raw_id_fields = ("user",)


@admin.register(Delegation)
class DelegationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: a firm grants and revokes its delegations itself."""

    list_display = ("company", "delegate", "organisation", "valid_to", "created_at", "revoked_at")
    list_filter = ("organisation__kind",)
    search_fields = ("company__name", "delegate__username", "organisation__name")
    readonly_fields = [f.name for f in Delegation._meta.fields]
    fields = readonly_fields


@admin.register(SupportConfirmation)
class SupportConfirmationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: a delegate records its 事前確認 on the portal; intake reads it on the task."""

    list_display = ("application", "organisation", "delegate", "version", "at")
    list_filter = ("organisation__kind",)
    search_fields = ("application__reference", "application__company__name", "organisation__name")
    list_select_related = ("application", "organisation", "delegate")
    fields = (
        "application",
        "organisation",
        "delegate",
        "delegation",
        "version",
        "at",
        "fingerprint",
        "comment",
        "snapshot",
    )
    readonly_fields = fields


@admin.register(AdviceComment)
class AdviceCommentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only, and without the text: who advised on which section of which application."""

    list_display = ("application", "organisation", "author", "section", "version", "at")
    list_filter = ("organisation__kind", "section")
    search_fields = ("application__reference", "application__company__name", "organisation__name")
    list_select_related = ("application", "organisation", "author")
    fields = ("application", "organisation", "author", "delegation", "section", "version", "at")
    readonly_fields = fields
