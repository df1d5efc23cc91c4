from django.contrib import admin

from wissensspeicher.core.models import AccessibilityFeedback


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(admin.ModelAdmin):
    list_display = ("created_at", "page_url", "handled")
    list_filter = ("handled",)
    search_fields = ("description", "page_url")
    readonly_fields = ("created_at",)
