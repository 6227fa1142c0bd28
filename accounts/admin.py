from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import User


@admin.register(User)
class KakushinUserAdmin(SimpleHistoryAdmin, UserAdmin):
    """Users and their roles (groups), with the history of every change to them."""

    fieldsets = (
        *UserAdmin.fieldsets,
        ("kakushin", {"fields": ("display_name", "accepted_terms_at")}),
    )
    list_display = ("username", "email", "display_name", "is_staff", "is_active")
