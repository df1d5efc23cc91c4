from django.urls import path

from wissensspeicher.search import views

app_name = "search"

urlpatterns = [
    path("massnahmen/", views.measure_list, name="measure-list"),
]
