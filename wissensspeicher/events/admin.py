from django.contrib import admin

from wissensspeicher.events.models import Event, EventDocument, EventSeries, Registration


class EventDocumentInline(admin.TabularInline):
    model = EventDocument
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "format", "start", "mode", "capacity", "is_published"]
    list_filter = ["format", "mode", "is_published"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["host_model_project", "host_municipality"]
    filter_horizontal = ["fields_of_action"]
    inlines = [EventDocumentInline]


@admin.register(EventSeries)
class EventSeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "host_model_project"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    # Status changes go through the services (seat counting, waiting list, e-mails), so they are read-only here.
    list_display = ["name", "email", "event", "status", "created_at"]
    list_filter = ["status", "event"]
    search_fields = ["name", "email", "organisation"]
    readonly_fields = ["event", "user", "status", "token", "confirmed_at", "cancelled_at", "created_at"]
