"""Admin for moderators: measures with filters and search, and the taxonomies."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from wissensspeicher.measures.services import measures_changed

from wissensspeicher.measures.models import (
    FieldOfAction,
    Measure,
    MeasureMunicipality,
    ProgressStatus,
    SolutionType,
    SpatialImpact,
    TargetGroup,
)


class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ("label", "label_en", "slug", "position")
    list_editable = ("position",)
    search_fields = ("label", "label_en")
    prepopulated_fields = {"slug": ("label",)}


for taxonomy in (FieldOfAction, SpatialImpact, ProgressStatus, SolutionType, TargetGroup):
    admin.site.register(taxonomy, TaxonomyAdmin)


class MeasureMunicipalityInline(admin.TabularInline):
    model = MeasureMunicipality
    extra = 0
    autocomplete_fields = ("municipality",)
    fields = ("kind", "position", "name_as_written", "municipality")


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ("title", "model_project", "state", "status", "is_demo", "updated_at")
    list_filter = ("status", "state", "spatial_impact", "fields_of_action", "model_project__cohort", "is_demo")
    search_fields = ("title", "summary", "external_id", "model_project__name")
    list_select_related = ("model_project", "state", "status")
    autocomplete_fields = ("model_project",)
    filter_horizontal = ("fields_of_action", "solution_types", "target_groups")
    inlines = [MeasureMunicipalityInline]
    readonly_fields = ("created_at", "updated_at")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        measures_changed([form.instance.pk])

    def delete_model(self, request, obj):
        pk = obj.pk
        super().delete_model(request, obj)
        measures_changed([pk])

    def delete_queryset(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        measures_changed(ids)
    fieldsets = (
        (None, {"fields": ("external_id", "title", "summary", "description", "model_project", "state")}),
        (_("Einordnung"), {"fields": ("fields_of_action", "spatial_impact", "status", "solution_types", "target_groups")}),
        (_("Rahmendaten"), {"fields": ("start", "end", "budget_eur", "open_source", "repository_url", "licence", "transferability")}),
        (_("Ansprechperson"), {"fields": ("contact_name", "contact_role", "contact_email")}),
        (_("Verwaltung"), {"fields": ("is_demo", "created_at", "updated_at")}),
    )
