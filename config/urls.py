"""Root URLs: the API and admin are language-neutral; pages live under i18n patterns (German at /, English at /en/)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from wissensspeicher.api.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", include("wissensspeicher.core.urls")),
    path("", include("wissensspeicher.municipalities.urls")),
    path("", include("wissensspeicher.measures.urls")),
    path("", include("wissensspeicher.search.urls")),
    prefix_default_language=False,
)

handler404 = "wissensspeicher.core.views.page_not_found"
handler500 = "wissensspeicher.core.views.server_error"
