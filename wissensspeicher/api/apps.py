from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "wissensspeicher.api"
    label = "api"
    verbose_name = "API"
