from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from wissensspeicher.events import services
from wissensspeicher.events.models import Event, EventDocument, EventSeries, Registration


class EventDocumentInline(admin.TabularInline):
    model = EventDocument
    extra = 0


class EventAdminForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = "__all__"

    def clean(self):
        # What the service refuses (a reserved slug) is shown at the field, not as a server error.
        cleaned = super().clean()
        try:
            services.event_slug_check(cleaned.get("slug", ""))
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    form = EventAdminForm
    list_display = ["title", "format", "start", "mode", "capacity", "is_published"]
    list_filter = ["format", "mode", "is_published"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["host_model_project", "host_municipality"]
    filter_horizontal = ["fields_of_action"]
    inlines = [EventDocumentInline]
    readonly_fields = ["revision"]

    def save_model(self, request, obj, form, change):
        # Through the service, as the organisers' form: a change of time, place or access raises the
        # calendar SEQUENCE and tells the registered people, and new seats go to the waiting list.
        services.event_save(request.user, obj, fields_of_action=form.cleaned_data.get("fields_of_action", ()), request=request)


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
