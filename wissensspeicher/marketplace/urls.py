from django.urls import path

from wissensspeicher.marketplace import views

app_name = "marketplace"

urlpatterns = [
    path("pool/", views.posting_list, name="posting-list"),
    path("pool/neu/", views.posting_create, name="posting-create"),
    path("pool/orte/", views.place_list, name="place-list"),
    path("pool/orte/<slug:slug>/", views.place_detail, name="place-detail"),
    path("pool/orte/<slug:slug>/nachricht/", views.place_message, name="place-message"),
    path("pool/eintraege/<int:pk>/", views.posting_detail, name="posting-detail"),
    path("pool/eintraege/<int:pk>/bearbeiten/", views.posting_edit, name="posting-edit"),
    path("pool/eintraege/<int:pk>/status/", views.posting_status, name="posting-status"),
    path("pool/eintraege/<int:pk>/nachricht/", views.posting_message, name="posting-message"),
    path("pool/eintraege/<int:pk>/melden/", views.posting_report, name="posting-report"),
    path("pool/eintraege/<int:pk>/moderieren/", views.posting_moderate, name="posting-moderate"),
    path("pool/postfach/", views.inbox, name="inbox"),
    path("pool/moderation/", views.moderation, name="moderation"),
]
