from django.urls import path

app_name = "startsmart"

urlpatterns: list = []
