"""The administrator creates support organisations and their users (DOMAIN.md §12); the
delegations are the firms' own, shown here read-only."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
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
class DelegationAdmin(admin.ModelAdmin):
    """Read-only: a firm grants and revokes its delegations itself."""

    list_display = ("company", "delegate", "organisation", "valid_to", "created_at", "revoked_at")
    list_filter = ("organisation__kind",)
    search_fields = ("company__name", "delegate__username", "organisation__name")
    readonly_fields = [f.name for f in Delegation._meta.fields]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
