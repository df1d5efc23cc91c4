from django.urls import path

from wissensspeicher.municipalities import views

app_name = "municipalities"

urlpatterns = [
    path("modellprojekte/", views.model_project_list, name="modelproject-list"),
    path("modellprojekte/<slug:slug>/", views.model_project_detail, name="modelproject-detail"),
    path("kommunen/", views.municipality_list, name="municipality-list"),
    path("kommunen/<str:key>/", views.municipality_detail, name="municipality-detail"),
]
