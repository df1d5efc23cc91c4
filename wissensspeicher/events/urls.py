from django.urls import path

from wissensspeicher.events import views

app_name = "events"

urlpatterns = [
    path("veranstaltungen/", views.event_list, name="event-list"),
    path("veranstaltungen/neu/", views.event_create, name="event-create"),
    path("veranstaltungen/feed.ics", views.event_feed, name="event-feed"),
    path("veranstaltungen/feed/<slug:event_format>.ics", views.event_feed, name="event-feed-format"),
    path("veranstaltungen/anmeldung/<str:token>/bestaetigen/", views.registration_confirm, name="registration-confirm"),
    path("veranstaltungen/anmeldung/<str:token>/stornieren/", views.registration_cancel, name="registration-cancel"),
    path("veranstaltungen/<slug:slug>/", views.event_detail, name="event-detail"),
    path("veranstaltungen/<slug:slug>/bearbeiten/", views.event_update, name="event-update"),
    path("veranstaltungen/<slug:slug>/unterlagen/neu/", views.event_document_create, name="document-create"),
    path("veranstaltungen/<slug:slug>/unterlagen/<int:pk>/", views.event_document_download, name="document-download"),
    path("veranstaltungen/<slug:slug>/anmelden/", views.registration_create, name="registration-create"),
    path("veranstaltungen/<slug:slug>/teilnehmende/", views.registration_list, name="registration-list"),
    path("veranstaltungen/<slug:slug>/teilnehmende.csv", views.registration_export, name="registration-export"),
]
