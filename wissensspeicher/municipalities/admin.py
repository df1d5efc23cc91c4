"""Admin: model projects are editable; the official registry is read-only reference data."""

from django.contrib import admin

from wissensspeicher.municipalities.models import ModelProject, Municipality, State


class ReadOnlyAdmin(admin.ModelAdmin):
    """The registry comes from Destatis; nobody edits it by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(State)
class StateAdmin(ReadOnlyAdmin):
    list_display = ("name", "code")
    search_fields = ("name",)


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdmin):
    list_display = ("name", "key", "level", "kind", "state", "population", "population_source")
    list_filter = ("level", "state", "population_source")
    search_fields = ("name", "key", "ags", "postcode")
    list_select_related = ("state",)
    show_full_result_count = False


@admin.register(ModelProject)
class ModelProjectAdmin(admin.ModelAdmin):
    list_display = ("name", "cohort", "category")
    list_filter = ("cohort", "category", "states")
    search_fields = ("name", "members_note")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("states",)
    autocomplete_fields = ("members",)
