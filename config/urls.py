"""Root URLs: the API and admin are language-neutral; pages live under i18n patterns (German at /, English at /en/)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from wissensspeicher.api.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    # The admin logs in through the site's login, which asks moderators and admins for their second factor.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", include("wissensspeicher.core.urls")),
    path("", include("wissensspeicher.accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("", include("wissensspeicher.municipalities.urls")),
    path("", include("wissensspeicher.measures.urls")),
    path("", include("wissensspeicher.search.urls")),
    path("", include("wissensspeicher.marketplace.urls")),
    path("", include("wissensspeicher.events.urls")),
    path("", include("wissensspeicher.startsmart.urls")),
    path("", include("wissensspeicher.communities.urls")),
    prefix_default_language=False,
)

handler404 = "wissensspeicher.core.views.page_not_found"
handler500 = "wissensspeicher.core.views.server_error"
