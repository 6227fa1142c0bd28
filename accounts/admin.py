from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import User


@admin.register(User)
class KakushinUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        ("kakushin", {"fields": ("display_name", "accepted_terms_at")}),
    )
    list_display = ("username", "email", "display_name", "is_staff", "is_active")
