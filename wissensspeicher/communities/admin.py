from django.contrib import admin

from wissensspeicher.communities.models import Community, CommunityDocument, CommunityMembership, CommunityOrganisation


class CommunityOrganisationInline(admin.TabularInline):
    model = CommunityOrganisation
    extra = 0
    autocomplete_fields = ["municipality", "model_project"]
    raw_id_fields = ["expression_of_interest"]


class CommunityDocumentInline(admin.TabularInline):
    model = CommunityDocument
    extra = 0
    fields = ["title", "file", "url", "visibility", "uploaded_by", "created_at"]
    readonly_fields = ["uploaded_by", "created_at"]


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "host_model_project", "series", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["host_model_project"]
    inlines = [CommunityOrganisationInline, CommunityDocumentInline]


@admin.register(CommunityMembership)
class CommunityMembershipAdmin(admin.ModelAdmin):
    # Decisions go through the request queue (services send the e-mails), so the status is read-only here.
    list_display = ["user", "community", "organisation", "status", "created_at", "decided_at"]
    list_filter = ["status", "community"]
    search_fields = ["user__email", "organisation"]
    readonly_fields = ["community", "user", "status", "language", "decided_by", "decided_at", "decision_note", "created_at"]
