from django.urls import path

from wissensspeicher.accounts import views

app_name = "accounts"

urlpatterns = [
    path("konto/uebersicht/", views.dashboard, name="dashboard"),
    path("konto/profil/", views.profile_edit, name="profile"),
    path("konto/redaktionsrechte/", views.editor_request_create, name="editor-request"),
    path("konto/api-schluessel/", views.api_tokens, name="api-tokens"),
    path("konto/api-schluessel/<int:pk>/loeschen/", views.api_token_revoke, name="api-token-revoke"),
    path("konto/daten/", views.data_export, name="data-export"),
    path("konto/loeschen/", views.account_delete, name="account-delete"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/antraege/<int:pk>/", views.editor_request_decide, name="editor-request-decide"),
    path("kommunen-vorschlaege/", views.municipality_suggestions, name="municipality-suggestions"),
]
