from django.urls import path

from wissensspeicher.measures import views

app_name = "measures"

urlpatterns = [
    path("", views.home, name="home"),
    path("massnahmen/<int:pk>/", views.measure_detail, name="measure-detail"),
]
