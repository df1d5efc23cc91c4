from django.urls import path

from wissensspeicher.core import views

app_name = "core"

urlpatterns = [
    path("datenquellen/", views.data_sources, name="data-sources"),
    path("impressum/", views.imprint, name="imprint"),
    path("datenschutz/", views.privacy, name="privacy"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("leichte-sprache/", views.easy_read, name="easy-read"),
]
