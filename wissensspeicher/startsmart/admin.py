from django.contrib import admin

from wissensspeicher.startsmart.models import ExpressionOfInterest, PipelineEntry


class PipelineEntryInline(admin.TabularInline):
    model = PipelineEntry
    extra = 0
    can_delete = False
    fields = ["created_at", "kind", "actor", "from_state", "to_state", "text", "municipality_notified"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ExpressionOfInterest)
class ExpressionOfInterestAdmin(admin.ModelAdmin):
    # Pipeline steps go through the services (allowed transitions, history, e-mails to the municipality),
    # so the admin only shows them; contact details stay correctable.
    list_display = ["municipality", "contact_name", "state", "assignee", "confirmed_at", "created_at", "is_demo"]
    list_filter = ["state", "is_demo", "municipality__state"]
    search_fields = ["contact_name", "email", "municipality__name"]
    readonly_fields = ["municipality", "state", "assignee", "next_step", "next_step_date", "token", "consent_at", "confirmed_at",
                       "language", "formats", "created_at", "updated_at", "is_demo"]
    filter_horizontal = ["topics"]
    inlines = [PipelineEntryInline]
