from django.contrib import admin

from wissensspeicher.search.models import SynonymGroup


@admin.register(SynonymGroup)
class SynonymGroupAdmin(admin.ModelAdmin):
    list_display = ("terms", "active", "updated_at")
    list_filter = ("active",)
    search_fields = ("terms",)
