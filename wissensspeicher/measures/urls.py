from django.urls import path

from wissensspeicher.measures import views
from wissensspeicher.measures.views import editorial

app_name = "measures"

urlpatterns = [
    path("", views.home, name="home"),
    path("massnahmen/neu/", editorial.measure_create, name="measure-create"),
    path("massnahmen/<int:pk>/", views.measure_detail, name="measure-detail"),
    path("massnahmen/<int:pk>/bearbeiten/", editorial.measure_edit, name="measure-edit"),
    path("massnahmen/<int:pk>/redaktion/", editorial.measure_review, name="measure-review"),
    path("massnahmen/<int:pk>/versionen/", editorial.measure_history, name="measure-history"),
    path("massnahmen/<int:pk>/versionen/<int:history_id>/wiederherstellen/", editorial.measure_restore, name="measure-restore"),
    path("massnahmen/<int:pk>/kontakt/", editorial.measure_contact, name="measure-contact"),
]
