"""The workflow app in the admin: the staff reminders and how each went (read-only)."""

from django.contrib import admin

from approvals.admin import ReadOnlyAdminMixin
from workflow.models import ProcessingReminder


@admin.register(ProcessingReminder)
class ProcessingReminderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The daily reminders to staff (`processing_reminders`, sent by workflow.tasks)."""

    list_display = ("on", "user", "state", "attempts", "created_at", "sent_at")
    list_filter = ("state", "on")
    search_fields = ("user__username",)
    fields = (*list_display, "tasks", "error")
    readonly_fields = fields
